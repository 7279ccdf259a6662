#!/usr/bin/python3
"""filelock (Debian python3-filelock 3.9.0) as its README shows it: a FileLock on FILE.lock around
reading FILE and writing it back in place.

    /usr/bin/python3 filelock_writer.py FILE WRITER COUNT

FileLock is fcntl.flock(2) on the lock file (filelock/_unix.py:34-37), which it never deletes
(_unix.py:44-50); the write is open(FILE, "w"): truncate, then write, no fsync.
"""
import json

from filelock import FileLock

import clobber_protocol


def update(path, key, value):
    with FileLock(path + ".lock"):
        clobber_protocol.enter()
        with open(path) as f:
            data = json.load(f)
        data[key] = value
        with open(path, "w") as f:
            json.dump(data, f)
        clobber_protocol.exit()


clobber_protocol.serve(update)
