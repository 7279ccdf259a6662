#!/usr/bin/python3
"""portalocker (Debian python3-portalocker 2.2.1) as its README shows it: portalocker.Lock on the
data file itself, timeout=1, the JSON read and written back through the locked handle.

    /usr/bin/python3 portalocker_writer.py FILE WRITER COUNT

Lock opens FILE, then tries flock(LOCK_EX|LOCK_NB) every 0.25 s until the timeout
(portalocker/utils.py:18, 229-251; portalocker.py:138). Lock.release() unlocks first and closes
second (utils.py:262-263): Python's file buffers the JSON written inside the with block, so it
reaches the file at close(), after flock(LOCK_UN).
"""
import json

import portalocker

import clobber_protocol


def update(path, key, value):
    with portalocker.Lock(path, "r+", timeout=1) as fh:
        clobber_protocol.enter()
        data = json.load(fh)
        data[key] = value
        fh.seek(0)
        fh.truncate()
        json.dump(data, fh)
        clobber_protocol.exit()


clobber_protocol.serve(update)
