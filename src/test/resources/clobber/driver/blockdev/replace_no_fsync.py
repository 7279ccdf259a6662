"""A writer that replaces FILE by a temp file and never fsyncs: the same protocol and updates as
src/main/writers/python/atomic_json_update.py (flock on FILE.lock, read, add "w<WRITER>-<i>",
temp file, os.replace), without its two fsyncs.

    python3 replace_no_fsync.py FILE WRITER COUNT
"""
import fcntl
import json
import os
import sys
import tempfile


def update(path, key, value):
    directory = os.path.dirname(path) or "."
    with open(path + ".lock", "a+") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            try:
                with open(path) as f:
                    document = json.load(f)
            except FileNotFoundError:
                document = {}
            document[key] = value
            fd, temp = tempfile.mkstemp(dir=directory, prefix=os.path.basename(path) + ".", suffix=".tmp")
            with os.fdopen(fd, "w") as f:
                json.dump(document, f)
            os.replace(temp, path)
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def main():
    path, writer, count = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    print("ready", flush=True)
    if sys.stdin.readline().strip() != "go":
        sys.exit(1)
    for i in range(count):
        update(path, f"w{writer}-{i}", i)
        print(f"ack {i}", flush=True)
    print("done", flush=True)


if __name__ == "__main__":
    main()
