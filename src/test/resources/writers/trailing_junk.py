#!/usr/bin/env python3
"""A broken external writer for clobber's tests: the reference writer's protocol and lock, but its
last update writes the document followed by a few bytes of junk, as an in-place writer that forgot
to truncate would. The file then holds one whole JSON value and garbage after it; json.loads
refuses it, and so must clobber.

    python3 trailing_junk.py FILE WRITER COUNT
"""
import fcntl
import json
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
            with open(path) as f:
                document = json.load(f)
            document[f"w{writer}-{i}"] = i
            text = json.dumps(document) + ("0}" if i == count - 1 else "")
            temp = f"{path}.w{writer}.tmp"
            with open(temp, "w") as f:
                f.write(text)
                f.flush()
                os.fsync(f.fileno())
            os.replace(temp, path)
        print(f"ack {i}", flush=True)
    print("done", flush=True)


if __name__ == "__main__":
    main()
