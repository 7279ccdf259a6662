#!/usr/bin/python3
"""atomicwrites (Debian python3-atomicwrites 1.4.1) as its README shows it: read FILE, then
atomic_write(FILE, overwrite=True) the new JSON.

    /usr/bin/python3 atomicwrites_writer.py FILE WRITER COUNT

atomic_write writes a temp file beside FILE (atomicwrites/__init__.py:186, mode 0600), fsyncs it (:199-200),
renames it over FILE and fsyncs the directory (:54-56, 46-52). It takes no lock: the write is
atomic and durable, the read-modify-write is not.
"""
import json

from atomicwrites import atomic_write

import clobber_protocol


def update(path, key, value):
    with open(path) as f:
        data = json.load(f)
    data[key] = value
    with atomic_write(path, overwrite=True) as f:
        json.dump(data, f)


clobber_protocol.serve(update)
