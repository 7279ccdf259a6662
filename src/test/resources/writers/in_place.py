#!/usr/bin/env python3
"""An in-place external writer for clobber's crash tests: flock(2) on FILE itself, read the
document, seek to 0, truncate, write the new one, unlock. Serialised, and safe until a writer dies
between its truncate and the end of its write: then the file is empty or half written, and the
next writer's json.load fails (it exits, and so does every writer after it).

    python3 in_place.py FILE WRITER COUNT
"""
import fcntl
import json
import sys


def main():
    path, writer, count = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    print("ready", flush=True)
    if sys.stdin.readline().strip() != "go":
        sys.exit(1)
    for i in range(count):
        with open(path, "r+") as f:
            fcntl.flock(f, fcntl.LOCK_EX)
            document = json.load(f)
            document[f"w{writer}-{i}"] = i
            f.seek(0)
            f.truncate()
            f.write(json.dumps(document))
            f.flush()
            fcntl.flock(f, fcntl.LOCK_UN)
        print(f"ack {i}", flush=True)
    print("done", flush=True)


if __name__ == "__main__":
    main()
