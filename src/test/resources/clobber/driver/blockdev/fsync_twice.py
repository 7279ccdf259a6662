"""Rewrites FILE in place (same size, so no block is allocated: the new bytes go where the old
ones are), fsyncs, and fsyncs again whatever the first said, as a writer that retries a failed
fsync does; then acknowledges. Prints "fsync1 ok" or "fsync1 errno N", the same for fsync2.

    python3 fsync_twice.py FILE
"""
import os
import sys

path = sys.argv[1]
print("ready", flush=True)
if sys.stdin.readline().strip() != "go":
    sys.exit(1)
size = os.path.getsize(path)
new = ('{"new": "' + "b" * (size - 11) + '"}').encode()
fd = os.open(path, os.O_RDWR)
os.pwrite(fd, new, 0)
for attempt in (1, 2):
    try:
        os.fsync(fd)
        print(f"fsync{attempt} ok", flush=True)
    except OSError as e:
        print(f"fsync{attempt} errno {e.errno}", flush=True)
os.close(fd)
print("ack 0", flush=True)
print("done", flush=True)
