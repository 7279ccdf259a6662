#!/usr/bin/env python3
"""The reference writer's pattern (flock(2) on FILE.lock, temp file, fsync, os.replace, directory
fsync), starting its updates only once FILE holds every KEY: for clobber's lock tests, a writer that
never runs beside the writers it waits for, so that nothing is lost by design, whatever its lock.

    python3 flock_after_keys.py FILE WRITER COUNT KEY[,KEY...]
"""
import fcntl
import json
import os
import sys
import tempfile
import time


def main():
    path, writer, count, keys = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4].split(",")
    directory = os.path.dirname(path)
    print("ready", flush=True)
    if sys.stdin.readline().strip() != "go":
        sys.exit(1)
    while True:
        try:
            with open(path) as f:
                document = json.load(f)
            if all(k in document for k in keys):
                break
        except ValueError:
            pass  # a document being replaced: look again
        time.sleep(0.01)
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
            dir_fd = os.open(directory, os.O_RDONLY)
            try:
                os.fsync(dir_fd)
            finally:
                os.close(dir_fd)
        print(f"ack {i}", flush=True)
    print("done", flush=True)


if __name__ == "__main__":
    main()
