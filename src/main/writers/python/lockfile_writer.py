#!/usr/bin/python3
"""lockfile (Debian python3-lockfile 0.12.2) as its README shows it: a LockFile on FILE around
reading FILE and writing it back in place.

    /usr/bin/python3 lockfile_writer.py FILE WRITER COUNT

LockFile is LinkLockFile (lockfile/__init__.py:342): it creates a file of its own beside FILE and
link(2)s it to FILE.lock (linklockfile.py:19, 31), polling every 0.1 s while the link exists
(:50); release unlinks both (:60-61). A writer killed while it holds the lock leaves FILE.lock
behind, and every other writer waits for ever.
"""
import json

import lockfile

import clobber_protocol


def update(path, key, value):
    with lockfile.LockFile(path):
        clobber_protocol.enter()
        with open(path) as f:
            data = json.load(f)
        data[key] = value
        with open(path, "w") as f:
            json.dump(data, f)
        clobber_protocol.exit()


clobber_protocol.serve(update)
