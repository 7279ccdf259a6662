#!/usr/bin/env python3
"""The lock-discipline bug of a popular Python locking package's README example, for clobber's
lock tests: flock(2) the data file, read it, truncate it, write the new document through Python's
buffered file, release the flock, and only then close the file. The close flushes the buffer: the
document is written after flock(LOCK_UN). Waiters poll for the lock, as the package's do (every
0.25 s there, 10 ms here), so they almost never land in that window of microseconds and find the
file empty. --flush-first flushes before the unlock, which is the fix.

    python3 unlock_before_close.py [--flush-first] FILE WRITER COUNT
"""
import fcntl
import json
import sys
import time


def lock(f):
    """flock(LOCK_EX), polled: LOCK_NB, and a pause after each refusal."""
    while True:
        try:
            fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            time.sleep(0.01)


def main():
    args = sys.argv[1:]
    flush_first = args[0] == "--flush-first"
    if flush_first:
        args = args[1:]
    path, writer, count = args[0], int(args[1]), int(args[2])
    print("ready", flush=True)
    if sys.stdin.readline().strip() != "go":
        sys.exit(1)
    for i in range(count):
        with open(path, "r+") as f:
            lock(f)
            document = json.load(f)
            document[f"w{writer}-{i}"] = i
            f.seek(0)
            f.truncate()
            json.dump(document, f)
            if flush_first:
                f.flush()
            fcntl.flock(f, fcntl.LOCK_UN)
        print(f"ack {i}", flush=True)
    print("done", flush=True)


if __name__ == "__main__":
    main()
