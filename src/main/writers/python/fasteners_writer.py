#!/usr/bin/python3
"""fasteners (Debian python3-fasteners 0.17.3) as its README shows it: an InterProcessLock on
FILE.lock around reading FILE and writing it back in place.

    /usr/bin/python3 fasteners_writer.py FILE WRITER COUNT

InterProcessLock is fcntl.lockf: a POSIX record lock (fasteners/process_lock.py:426-435, 523), tried
without blocking and retried with a growing sleep of at most 0.1 s. A POSIX lock and a flock(2)
lock do not see each other on Linux: a writer that takes flock on FILE.lock is not excluded.
"""
import json

import fasteners

import clobber_protocol


def update(path, key, value):
    with fasteners.InterProcessLock(path + ".lock"):
        clobber_protocol.enter()
        with open(path) as f:
            data = json.load(f)
        data[key] = value
        with open(path, "w") as f:
            json.dump(data, f)
        clobber_protocol.exit()


clobber_protocol.serve(update)
