#!/usr/bin/env python3
"""An external writer that stages its temp file outside the data file's directory, in $TMPDIR
(tempfile.gettempdir(): /tmp), as mkstemp(dir="/tmp") and sponge do: flock(2) on FILE.lock, read,
write the temp file, fsync it, os.replace() it over FILE (a rename across directories of one file
system), fsync FILE's directory, and only then acknowledge. --no-dirfsync leaves the last fsync
out: the rename is then not durable.

    python3 staged_in_tmp.py [--no-dirfsync] FILE WRITER COUNT
"""
import fcntl
import json
import os
import sys
import tempfile


def main():
    args = sys.argv[1:]
    dirfsync = args[0] != "--no-dirfsync"
    if not dirfsync:
        args = args[1:]
    path, writer, count = args[0], int(args[1]), int(args[2])
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
            fd, temp = tempfile.mkstemp(dir=tempfile.gettempdir(), prefix="clobber-staged-", suffix=".tmp")
            with os.fdopen(fd, "w") as f:
                json.dump(document, f)
                f.flush()
                os.fsync(f.fileno())
            os.replace(temp, path)
            if dirfsync:
                dir_fd = os.open(directory, os.O_RDONLY)
                try:
                    os.fsync(dir_fd)
                finally:
                    os.close(dir_fd)
        print(f"ack {i}", flush=True)
    print("done", flush=True)


if __name__ == "__main__":
    main()
