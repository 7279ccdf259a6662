#!/bin/sh
# One update with jq and sponge (moreutils), for clobber's --update-cmd, as users write it:
#
#   sh jq_sponge.sh FILE KEY VALUE
#
# jq reads FILE and prints it with KEY set to VALUE; sponge soaks up all of its input before it
# opens FILE, so the pipeline can write the file it reads. Whether that is safe beside other
# writers depends on what is around it: nothing (two writers read the same document and the
# second erases the first's key), or flock(1) on a lock file:
#
#   --update-cmd 'sh src/main/writers/shell/jq_sponge.sh {file} {key} {value}'
#   --update-cmd 'flock {file}.lock sh src/main/writers/shell/jq_sponge.sh {file} {key} {value}'
#
# The pipeline's exit status is sponge's (POSIX sh has no pipefail): a jq that fails, on a file
# another writer left half written, leaves sponge to write what it got, nothing, over FILE.
set -eu
jq -c --arg k "$2" --argjson v "$3" '.[$k] = $v' "$1" | sponge "$1"
