#!/bin/sh
# A clobber external writer in POSIX shell, locking with flock(1).
#
#   sh flock_writer.sh FILE WRITER COUNT
#
# Each update holds flock(1) (that is flock(2)) on FILE.lock, a separate file that is never
# deleted, and adds the key "w<WRITER>-<i>" to the one-line JSON object in FILE with sed, writing
# a temp file beside FILE with FILE's mode (mktemp makes it 0600), syncing it, renaming it over
# FILE (mv within one directory is rename(2)) and syncing the directory. It speaks clobber's writer protocol: "ready", wait for "go", "ack i" per update,
# "done". It reports no enter/exit: the shell has no monotonic clock to stamp them with.
set -eu
file=$1 writer=$2 count=$3

exec 9>>"$file.lock"
echo ready
read -r go && [ "$go" = go ] || exit 1
i=0
while [ "$i" -lt "$count" ]; do
    flock 9
    tmp=$(mktemp "$file.XXXXXX.tmp")
    key="\"w$writer-$i\":$i"
    sed -e "s/^{}\$/{$key}/" -e t -e "s/^{/{$key,/" "$file" > "$tmp"
    chmod --reference="$file" "$tmp"
    sync "$tmp"
    mv -f "$tmp" "$file"
    sync "$(dirname "$file")"
    flock -u 9
    echo "ack $i"
    i=$((i + 1))
done
echo done
