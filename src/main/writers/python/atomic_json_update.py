#!/usr/bin/env python3
"""A clobber external writer: Metaflow's atomic_json_update (https://github.com/Netflix/metaflow/pull/3006), in Python.

    python3 atomic_json_update.py FILE WRITER COUNT

Each update takes an exclusive flock(2) on FILE.lock (a separate, never-deleted file: its inode
never changes), reads FILE, adds the key "w<WRITER>-<i>", writes a temp file beside FILE with
FILE's mode (mkstemp makes it 0600, and os.replace would carry that onto FILE), fsyncs it,
os.replace()s it over FILE and fsyncs the directory. It speaks clobber's writer protocol on
stdout: "ready", then after "go" on stdin, per update "enter NANOS" / "exit NANOS" around the
critical section (CLOCK_MONOTONIC, the clock Java's System.nanoTime reads) and "ack i" once the
update is done, and "done" at the end. End of file on stdin means clobber is gone: stop.

Note: fcntl.flock is flock(2) on Linux. It does not see fcntl(2) record locks, and Java's
FileChannel.lock() is one: a Java writer using FileChannel.lock on the same FILE.lock does not
exclude this one (clobber shows the lost writes); a Java writer using flock(2) does.
"""
import fcntl
import json
import os
import sys
import tempfile
import time


def mode_for(path):
    """The permissions a replacement of path must have: path's own, or a new file's (0666 less the umask)."""
    try:
        return os.stat(path).st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def atomic_json_update(path, updater):
    directory = os.path.dirname(path) or "."
    with open(path + ".lock", "a+") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            print(f"enter {time.monotonic_ns()}", flush=True)
            try:
                with open(path) as f:
                    document = json.load(f)
            except FileNotFoundError:
                document = {}
            document = updater(document)
            fd, temp = tempfile.mkstemp(dir=directory, prefix=os.path.basename(path) + ".", suffix=".tmp")
            os.fchmod(fd, mode_for(path))
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
            print(f"exit {time.monotonic_ns()}", flush=True)
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def main():
    path, writer, count = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    print("ready", flush=True)
    if sys.stdin.readline().strip() != "go":
        sys.exit(1)
    for i in range(count):
        atomic_json_update(path, lambda d: {**d, f"w{writer}-{i}": i})
        print(f"ack {i}", flush=True)
    print("done", flush=True)


if __name__ == "__main__":
    main()
