"""Reads FILE, adds a key of a megabyte, and writes the document back over FILE in place
(open with O_TRUNC, then write): the pattern that has nothing to fall back on when the write
fails. Prints "written" or "write errno N".

    python3 rewrite_in_place.py FILE
"""
import json
import sys

path = sys.argv[1]
print("ready", flush=True)
if sys.stdin.readline().strip() != "go":
    sys.exit(1)
with open(path) as f:
    document = json.load(f)
document["big"] = "x" * (1 << 20)
try:
    with open(path, "w") as f:
        json.dump(document, f)
    print("written", flush=True)
except OSError as e:
    print(f"write errno {e.errno}", flush=True)
print("done", flush=True)
