#!/usr/bin/env bash
# Measures every library and tool of docs/libraries.md under each column of its table, one clobber
# run per cell, and prints one line a cell: the adapter, the column, the verdicts, the figures (lost
# of acknowledged, given up, writers killed, lock findings), the first failure, finding or power-cut
# story, and the exact command that gave them.
#
#   bash src/main/writers/measure.sh [ADAPTER...]      (from the checkout; default: every adapter)
#   MEASURE_COLUMNS="crash locks" bash src/main/writers/measure.sh filelock    (only those columns)
#   MEASURE_OUT=DIR ...        (keep each cell's result JSON, DIR/ADAPTER-COLUMN.json, and its report)
#
# Every cell runs with --seed $SEED (default 20261201): run N of a cell uses SEED+N, so a cell's
# command replays its random choices (crash victims and moments, backoffs), not the scheduler.
# faults and powerloss-fs need root and /dev/fuse (docs/realfs.md); the other columns do not.
#
# Needs the packages of ./clobber test (Debian's python3-* and moreutils, crudini, git, strace,
# node with src/main/writers/node's npm ci, the Java adapters' jar: mvn -f src/main/writers/java/pom.xml package).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
cd "$here"
W=src/main/writers
PY=/usr/bin/python3
JAR=$W/java/target/clobber-java-writers.jar
SEED=${SEED:-20261201}
if [ -n "${MEASURE_OUT:-}" ]; then  # keep each cell's result JSON and report there
  out=$MEASURE_OUT
  mkdir -p "$out"
else
  out="$(mktemp -d)"
  trap 'rm -rf "$out"' EXIT
fi

# One cell: runs "./clobber run ARGS --seed SEED --json ...", prints NAME, COLUMN, the verdicts and their figures, and the command.
cell() {
  local name=$1 column=$2; shift 2
  if [ -n "${MEASURE_COLUMNS:-}" ] && [[ " $MEASURE_COLUMNS " != *" $column "* ]]; then
    return
  fi
  set -- "$@" --seed "$SEED"
  local json="$out/$name-$column.json" status=0 arg cmd="./clobber run"
  for arg in "$@"; do  # the command as a shell reads it back: a word with spaces or quotes in single quotes
    if [[ $arg =~ ^[-A-Za-z0-9_./:=+,@%]+$ ]]; then cmd+=" $arg"; else cmd+=" '${arg//\'/\'\\\'\'}'"; fi
  done
  ./clobber run "$@" --json "$json" --report "$out/reports" > "$out/stdout" 2> "$out/stderr" || status=$?
  if [ ! -f "$json" ]; then
    printf '%s\t%s\tno result (exit %s): %s\t./clobber run %s\n' "$name" "$column" "$status" \
        "$(tail -n 1 "$out/stderr")" "${cmd#./clobber run }"
    return
  fi
  jq -r --arg name "$name" --arg column "$column" --arg cmd "$cmd" '
    def per_run(f): [.runs[] | f | tostring] | join(",");
    [.runs[] | .judgement.verdict + (if .judgement.unproven then " (" + (.judgement.unproven | join(",")) + ")" else "" end)] as $verdicts |
    [.runs[] | .observed.traceFindings // [] | .[]] as $findings |
    .runs[0] as $r |
    [$name, $column,
     ($verdicts | group_by(.) | map("\(.[0]) \(length)/\($verdicts | length)") | join(", ")),
     per_run(if .damage.loss.uncounted then "unreadable" else .damage.loss.atLeast end) + " lost of " + per_run(.counts.acknowledged)
       + " acked, " + per_run(.observed.failures.givenUp) + " given up"
       + (if .runs[0].subject.driver == "crash" then ", " + per_run(.observed.crashes.kills) + " killed" else "" end)
       + (if .runs[0].subject.driver == "locks" then ", findings "
           + ([.runs[] | [.observed.traceFindings // [] | .[] | .kind] | unique | join("+") | if . == "" then "none" else . end] | join(","))
         else "" end),
     (if $r.damage.powerLoss then "\($r.damage.powerLoss.crashPoints) cut points, \($r.damage.powerLoss.crashStates) states, \($r.damage.powerLoss.badCrashStates) bad"
        + (if $r.damage.powerLoss.searchBounded then " (bounded)" else "" end)
        + (if $r.damage.powerLoss.firstBadState then "; " + $r.damage.powerLoss.firstBadState.outcome else "" end)
      elif ($findings | length) > 0 then $findings[0].words
      else ($r.observed.failures.first // $r.damage.loss.firstUnreadable // $r.damage.lossStory.summary // "") end
      | tostring | .[0:300]),
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
# And the lock it should not share, for the mixed-wrong columns: a lock of the other kind on the same file.
declare -A wrong=(
  [filelock]="lockfile+atomic-replace --lock posix"
  [fasteners]="lockfile+atomic-replace --lock flock"
)
plugins=(jackson-write-value commons-io-write-string)
all=(filelock portalocker fasteners atomicwrites lockfile write-file-atomic proper-lockfile proper-lockfile-retries
     lowdb jsonfile git-config crudini jq-sponge flock-jq-sponge "${plugins[@]}")

echo "machine: $(nproc) cores, $(uname -srm), $(df -T /tmp | awk 'NR==2 {print $2}') /tmp; $(date -u +%Y-%m-%dT%H:%MZ); seed $SEED"
for name in "${@:-${all[@]}}"; do
  if [[ " ${plugins[*]} " == *" $name "* ]]; then
    base=(--classpath "$JAR" --strategy "$name")
    cell "$name" processes "${base[@]}" --driver processes --writers 4 --writes 50 --runs 3
    cell "$name" crash "${base[@]}" --driver crash --writers 4 --writes 40 --runs 3
    cell "$name" crash-random "${base[@]}" --driver crash --crash-rate 10 --writers 4 --writes 40 --runs 5
    cell "$name" locks "${base[@]}" --driver locks --writers 3 --runs 3
    cell "$name" powerloss-posix "${base[@]}" --driver powerloss --writers 1
    cell "$name" powerloss-ext4 "${base[@]}" --driver powerloss --writers 1 --model ext4-ordered
    cell "$name" faults "${base[@]}" --driver faults --writers 4 --writes 25 --runs 3
    cell "$name" powerloss-fs "${base[@]}" --driver powerloss --writers 1 --fs ext4 --runs 3
    continue
  fi
  eval "how=(${writer[$name]})"
  alone=(--strategy lockfile+atomic-replace --writers 0 --external-writers 4)
  cell "$name" processes "${alone[@]}" --driver processes --writes 50 --runs 3 "${how[@]}"
  if [ -n "${shares[$name]:-}" ]; then
    read -r -a strategy <<< "${shares[$name]}"
    cell "$name" mixed --strategy "${strategy[@]}" --driver processes --writers 2 --external-writers 2 --writes 50 --runs 3 "${how[@]}"
    cell "$name" locks-mixed --strategy "${strategy[@]}" --driver locks --writers 2 --external-writers 2 --writes 10 --runs 3 "${how[@]}"
  fi
  if [ -n "${wrong[$name]:-}" ]; then
    read -r -a strategy <<< "${wrong[$name]}"
    cell "$name" mixed-wrong --strategy "${strategy[@]}" --driver processes --writers 2 --external-writers 2 --writes 50 --runs 3 "${how[@]}"
    cell "$name" locks-mixed-wrong --strategy "${strategy[@]}" --driver locks --writers 2 --external-writers 2 --writes 10 --runs 3 "${how[@]}"
  fi
  cell "$name" crash "${alone[@]}" --driver crash --writes 40 --runs 3 "${how[@]}"
  cell "$name" crash-random "${alone[@]}" --driver crash --crash-rate 10 --writes 40 --runs 5 "${how[@]}"
  if [ "$name" = proper-lockfile-retries ]; then  # a dead holder's lock goes stale after 10 s: wait that long before STALLED
    cell "$name" crash-stall-15 "${alone[@]}" --driver crash --writes 40 --runs 3 --stall-after 15 "${how[@]}"
  fi
  cell "$name" locks "${alone[@]}" --driver locks --writes 10 --runs 3 "${how[@]}"
  cell "$name" powerloss-posix --strategy lockfile+atomic-replace --driver powerloss --writers 0 "${how[@]}"
  cell "$name" powerloss-ext4 --strategy lockfile+atomic-replace --driver powerloss --writers 0 --model ext4-ordered "${how[@]}"
  cell "$name" faults "${alone[@]}" --driver faults --writes 25 --runs 3 "${how[@]}"
  cell "$name" powerloss-fs --strategy lockfile+atomic-replace --driver powerloss --writers 0 --fs ext4 --runs 3 "${how[@]}"
done
