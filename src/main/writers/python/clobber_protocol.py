"""clobber's line protocol for a Python writer that wraps a library (docs/external-writers.md).

    serve(update)   with argv FILE WRITER COUNT

Prints "ready", waits for "go" on stdin, then for each update i calls update(FILE, "w<WRITER>-<i>", i)
and prints "ack i" when it returns, or "gave-up i <the exception>" when it raises: the library's
failure is a given-up update, never retried. Then "done". enter() and exit() print the optional
"enter NANOS" / "exit NANOS" stamps around a critical section (CLOCK_MONOTONIC). End of file on
stdin before "go" means clobber is gone: exit.
"""
import sys
import time


def enter():
    print(f"enter {time.monotonic_ns()}", flush=True)


def exit():
    print(f"exit {time.monotonic_ns()}", flush=True)


def serve(update):
    path, writer, count = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    print("ready", flush=True)
    if sys.stdin.readline().strip() != "go":
        sys.exit(1)
    for seq in range(count):
        try:
            update(path, f"w{writer}-{seq}", seq)
        except Exception as e:
            print(f"gave-up {seq} {type(e).__name__}: {e}".replace("\n", " "), flush=True)
        else:
            print(f"ack {seq}", flush=True)
    print("done", flush=True)
