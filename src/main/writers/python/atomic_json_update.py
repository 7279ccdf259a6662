#!/usr/bin/env python3
"""A clobber external writer: Metaflow's atomic_json_update (https://github.com/Netflix/metaflow/pull/3006), in Python.

    python3 atomic_json_update.py [--shared-fs] FILE WRITER COUNT

Each update takes an exclusive flock(2) on FILE.lock (a separate, never-deleted file: its inode
never changes), reads FILE, adds the key "w<WRITER>-<i>", writes a temp file beside FILE with
FILE's mode (mkstemp makes it 0600, and os.replace would carry that onto FILE), fsyncs it,
os.replace()s it over FILE and fsyncs the directory. It speaks clobber's writer protocol on
stdout: "ready", then after "go" on stdin, per update "enter NANOS" / "exit NANOS" around the
critical section (CLOCK_MONOTONIC, the clock Java's System.nanoTime reads) and "ack i" once the
update is done, and "done" at the end. End of file on stdin means clobber is gone: stop.

--shared-fs: for FILE on a file system that several machines mount (GlusterFS, NFS). Another
client's os.replace() swaps the inode behind the name, and this client's kernel keeps the old
name-to-inode entry for a while (FUSE's entry timeout, NFS's attribute cache): opening FILE then
either reads the replaced document (clobber measured 199 of 200 opens within a second of the
other client's rename on GlusterFS) or fails with ESTALE ("Stale file handle": the inode is gone on
the server). A retry on ESTALE alone mends the second and misses the first. So under the lock,
before opening FILE, the writer lists its directory: the listing comes from the server and
refreshes every name in it, so the open that follows finds the inode the last writer renamed
into place; and an ESTALE that still happens is met by listing and opening again.

Note: fcntl.flock is flock(2) on Linux. It does not see fcntl(2) record locks, and Java's
FileChannel.lock() is one: a Java writer using FileChannel.lock on the same FILE.lock does not
exclude this one (clobber shows the lost writes); a Java writer using flock(2) does.
"""
import errno
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


def read_document(path):
    """The document at path; {} if there is none yet."""
    try:
        with open(path) as f:
            return json.load(f)
    except FileNotFoundError:
        return {}


def read_document_shared(path, directory):
    """As read_document, with the name looked up afresh from the server: list, then open; again on ESTALE."""
    for attempt in range(10):
        os.listdir(directory)
        try:
            return read_document(path)
        except OSError as e:
            if e.errno != errno.ESTALE or attempt == 9:
                raise


def atomic_json_update(path, updater, shared_fs=False):
    directory = os.path.dirname(path) or "."
    with open(path + ".lock", "a+") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            print(f"enter {time.monotonic_ns()}", flush=True)
            document = read_document_shared(path, directory) if shared_fs else read_document(path)
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
    args = sys.argv[1:]
    shared_fs = args[0] == "--shared-fs"
    if shared_fs:
        args = args[1:]
    path, writer, count = args[0], int(args[1]), int(args[2])
    print("ready", flush=True)
    if sys.stdin.readline().strip() != "go":
        sys.exit(1)
    for i in range(count):
        atomic_json_update(path, lambda d: {**d, f"w{writer}-{i}": i}, shared_fs)
        print(f"ack {i}", flush=True)
    print("done", flush=True)


if __name__ == "__main__":
    main()
