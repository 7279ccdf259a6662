#!/usr/bin/env python3
"""An external writer that writes the data file through a shared memory mapping, for clobber's
power-loss tests: flock(2) on FILE.lock, read, ftruncate FILE to the new document's length, mmap
it shared and writable, copy the document in, msync, fsync. What it writes through the mapping
never shows in a system-call trace.

    python3 mmap_writer.py FILE WRITER COUNT
"""
import fcntl
import json
import mmap
import os
import sys


def main():
    path, writer, count = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    print("ready", flush=True)
    if sys.stdin.readline().strip() != "go":
        sys.exit(1)
    for i in range(count):
        with open(path + ".lock", "a+") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            with open(path, "r+b") as f:
                document = json.load(f)
                document[f"w{writer}-{i}"] = i
                data = json.dumps(document).encode()
                f.truncate(len(data))
                with mmap.mmap(f.fileno(), len(data)) as m:
                    m[:] = data
                    m.flush()
                os.fsync(f.fileno())
        print(f"ack {i}", flush=True)
    print("done", flush=True)


if __name__ == "__main__":
    main()
