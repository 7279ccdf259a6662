#!/usr/bin/env bash
# Measures every library and tool of docs/libraries.md under each column clobber can run today,
# one clobber run per cell, and prints one line a cell: the adapter, the column, the verdict, the
# figures, the first failure or power-cut story, and the exact command that gave them.
#
#   bash src/main/writers/measure.sh [ADAPTER...]      (from the checkout; default: every adapter)
#
# Needs the packages of ./clobber test (Debian's python3-* and moreutils, crudini, git, node with
# src/main/writers/node's npm ci, the Java adapters' jar: mvn -f src/main/writers/java/pom.xml package).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
cd "$here"
W=src/main/writers
PY=/usr/bin/python3
JAR=$W/java/target/clobber-java-writers.jar
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

# One cell: runs "./clobber run ARGS --json", prints NAME, COLUMN, the verdict and its figures, and the command.
cell() {
  local name=$1 column=$2; shift 2
  local json="$out/$name-$column.json" status=0
  ./clobber run "$@" --json "$json" --report "$out/reports" > "$out/stdout" 2> "$out/stderr" || status=$?
  if [ ! -f "$json" ]; then
    printf '%s\t%s\tno result (exit %s): %s\t./clobber run %s\n' "$name" "$column" "$status" \
        "$(tail -n 1 "$out/stderr")" "$*"
    return
  fi
  jq -r --arg name "$name" --arg column "$column" --arg cmd "./clobber run $*" '
    [.runs[] | .judgement.verdict] as $verdicts |
    .runs[0] as $r |
    [$name, $column,
     ($verdicts | group_by(.) | map("\(.[0]) \(length)/\($verdicts | length)") | join(", ")),
     ([.runs[] | if .loss.uncounted then "unreadable" else (.loss.atLeast | tostring) end] | join(",")) + " lost of "
       + ([.runs[] | .counts.acknowledged | tostring] | join(",")) + " acked, "
       + ([.runs[] | .failures.givenUp | tostring] | join(",")) + " given up",
     (if $r.powerLoss then "\($r.powerLoss.crashPoints) cut points, \($r.powerLoss.crashStates) states, \($r.powerLoss.badCrashStates) bad"
        + (if $r.powerLoss.firstBadState then "; " + $r.powerLoss.firstBadState.outcome else "" end)
      else ($r.failures.first // $r.loss.firstUnreadable // "") end | .[0:300]),
     $cmd] | @tsv' "$json"
}

# The writers: NAME, then how clobber runs them (external writers or a plug-in strategy).
declare -A writer=(
  [filelock]="--writer-cmd '$PY $W/python/filelock_writer.py {file} {writer} {count}'"
  [portalocker]="--writer-cmd '$PY $W/python/portalocker_writer.py {file} {writer} {count}'"
  [fasteners]="--writer-cmd '$PY $W/python/fasteners_writer.py {file} {writer} {count}'"
  [atomicwrites]="--writer-cmd '$PY $W/python/atomicwrites_writer.py {file} {writer} {count}'"
  [lockfile]="--writer-cmd '$PY $W/python/lockfile_writer.py {file} {writer} {count}'"
  [write-file-atomic]="--writer-cmd 'node $W/node/write-file-atomic-writer.js {file} {writer} {count}'"
  [proper-lockfile]="--writer-cmd 'node $W/node/proper-lockfile-writer.js {file} {writer} {count}'"
  [proper-lockfile-retries]="--writer-cmd 'node $W/node/proper-lockfile-writer.js {file} {writer} {count} 100'"
  [lowdb]="--writer-cmd 'node $W/node/lowdb-writer.js {file} {writer} {count}'"
  [jsonfile]="--writer-cmd 'node $W/node/jsonfile-writer.js {file} {writer} {count}'"
  [git-config]="--format ini --update-cmd 'git config --file {file} s.{key} {value}'"
  [crudini]="--format ini --update-cmd 'crudini --set {file} s {key} {value}'"
  [jq-sponge]="--update-cmd 'sh $W/shell/jq_sponge.sh {file} {key} {value}'"
  [flock-jq-sponge]="--update-cmd 'flock {file}.lock sh $W/shell/jq_sponge.sh {file} {key} {value}'"
)
# The clobber strategy whose lock each one should share, for the mixed column (none: it takes no lock, or keeps no JSON).
declare -A shares=(
  [filelock]="lockfile+atomic-replace --lock flock"
  [portalocker]="flock+seek/truncate --lock flock"
  [fasteners]="lockfile+atomic-replace --lock posix"
  [lockfile]="lockfile-exists-mutex"
  [proper-lockfile-retries]="lockfile-exists-mutex"
  [flock-jq-sponge]="lockfile+atomic-replace --lock flock"
)
plugins=(jackson-write-value commons-io-write-string)
all=(filelock portalocker fasteners atomicwrites lockfile write-file-atomic proper-lockfile proper-lockfile-retries
     lowdb jsonfile git-config crudini jq-sponge flock-jq-sponge "${plugins[@]}")

echo "machine: $(nproc) cores, $(uname -srm), $(df -T /tmp | awk 'NR==2 {print $2}') scratch; $(date -u +%Y-%m-%dT%H:%MZ)"
for name in "${@:-${all[@]}}"; do
  if [[ " ${plugins[*]} " == *" $name "* ]]; then
    base=(--classpath "$JAR" --strategy "$name")
    cell "$name" processes "${base[@]}" --driver processes --writers 4 --writes 50 --runs 3
    cell "$name" crash "${base[@]}" --driver crash --writers 4 --writes 40
    cell "$name" powerloss-posix "${base[@]}" --driver powerloss --writers 1
    cell "$name" powerloss-ext4 "${base[@]}" --driver powerloss --writers 1 --model ext4-ordered
    continue
  fi
  eval "how=(${writer[$name]})"
  cell "$name" processes --strategy lockfile+atomic-replace --driver processes --writers 0 --external-writers 4 --writes 50 --runs 3 "${how[@]}"
  if [ -n "${shares[$name]:-}" ]; then
    read -r -a strategy <<< "${shares[$name]}"
    cell "$name" mixed --strategy "${strategy[@]}" --driver processes --writers 2 --external-writers 2 --writes 50 --runs 3 "${how[@]}"
  fi
  cell "$name" powerloss-posix --strategy lockfile+atomic-replace --driver powerloss --writers 0 "${how[@]}"
  cell "$name" powerloss-ext4 --strategy lockfile+atomic-replace --driver powerloss --writers 0 --model ext4-ordered "${how[@]}"
done
