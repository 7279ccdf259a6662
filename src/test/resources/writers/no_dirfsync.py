#!/usr/bin/env python3
"""The reference writer's pattern without the fsync of the directory, for clobber's power-loss
tests: flock on FILE.lock, temp file, fsync, os.replace, and nothing to make the rename durable.

    python3 no_dirfsync.py FILE WRITER COUNT
"""
import fcntl
import json
import os
import sys
import tempfile


def main():
    path, writer, count = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    directory = os.path.dirname(path)
    print("ready", flush=True)
    if sys.stdin.readline().strip() != "go":
        sys.exit(1)
    for i in range(count):
        with open(path + ".lock", "a+") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            with open(path) as f:
                document = json.load(f)
            document[f"w{writer}-{i}"] = i
            fd, temp = tempfile.mkstemp(dir=directory, prefix=os.path.basename(path) + ".", suffix=".tmp")
            with os.fdopen(fd, "w") as f:
                json.dump(document, f)
                f.flush()
                os.fsync(f.fileno())
            os.replace(temp, path)
        print(f"ack {i}", flush=True)
    print("done", flush=True)


if __name__ == "__main__":
    main()
