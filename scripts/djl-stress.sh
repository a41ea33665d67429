#!/usr/bin/env bash
# Runs the DJL engine's tests (every *IT and unit test of dgating-engine-djl) many times in a row,
# under the conditions that once made them fail at random, and stops at the first failure.
#
#   scripts/djl-stress.sh                      # 50 runs, rotating the four modes below
#   scripts/djl-stress.sh --runs 10 --mode gc  # 10 runs, all with a collection every few steps
#   scripts/djl-stress.sh --seed 1234          # first run's seed (default: from the clock)
#
# Modes (--mode idle|load|gc|perturb|mixed, default mixed = each run takes the next of the four):
#   idle     nothing else runs
#   load     a busy process competes for the two cores during the run (killed afterwards)
#   gc       test JVMs get a 2 MB young generation: the collector runs every few training steps and
#            frees every unreachable direct buffer, so memory that PyTorch reads after Java let go of
#            it is freed (and reused) within the same step
#   perturb  glibc fills every freed and every new malloc chunk with a byte from the seed
#            (MALLOC_PERTURB_), so reads of freed or uninitialised native memory see garbage
# Every run also gets a seed: it orders the test classes and the test methods at random
# (failsafe runOrder and JUnit's MethodOrderer.Random) and picks the perturbation byte.
# A run is repeated exactly with --runs 1 --mode MODE --seed SEED.
#
# The DeterminismIT in that suite compares whole trainings bit for bit (twice in one JVM, in a
# second JVM collecting every few steps, and on a second thread); BackwardAfterCollectionIT forces
# a collection between forward and backward. One line per run; logs in target/djl-stress/.
set -euo pipefail
cd "$(dirname "$0")/.."

runs=50
mode=mixed
seed=$(( $(date +%s) % 100000 ))
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --mode) mode="$2"; shift 2 ;;
    --seed) seed="$2"; shift 2 ;;
    -h|--help) sed -n '2,25p' "$0"; exit 0 ;;
    *) echo "djl-stress: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done
case "$mode" in idle|load|gc|perturb|mixed) ;; *) echo "djl-stress: --mode must be idle, load, gc, perturb or mixed, not '$mode'" >&2; exit 2 ;; esac
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || { echo "djl-stress: --runs must be a positive integer, not '$runs'" >&2; exit 2; }
[[ "$seed" =~ ^[0-9]+$ ]] || { echo "djl-stress: --seed must be a non-negative integer, not '$seed'" >&2; exit 2; }

export OPT_OUT_TRACKING=true
logs=target/djl-stress
mkdir -p "$logs"
echo "djl-stress: building dgating-engine-djl and what it needs" >&2
./mvnw -B -q -pl dgating-engine-djl -am install -DskipTests >"$logs/build.log" 2>&1 \
  || { echo "djl-stress: build failed, see $logs/build.log" >&2; exit 1; }

load_pids=()
stop_load() { for p in "${load_pids[@]}"; do kill "$p" 2>/dev/null || true; done; load_pids=(); }
trap stop_load EXIT

modes=(idle load gc perturb)
passed=0
for ((i = 1; i <= runs; i++)); do
  s=$((seed + i - 1))
  m="$mode"; [ "$mode" = mixed ] && m="${modes[$(( (i - 1) % 4 ))]}"
  jvm=""; env_extra=()
  case "$m" in
    load) (while :; do :; done) & load_pids+=($!) ;;
    gc) jvm="-Xmn2m" ;;
    perturb) env_extra=(MALLOC_PERTURB_=$(( s % 255 + 1 ))) ;;
  esac
  log="$logs/run-$i-seed-$s-$m.log"
  start=$(date +%s)
  set +e
  env "${env_extra[@]}" ./mvnw -B -o -pl dgating-engine-djl verify \
    "-Ddgating.it.extraJvmArgs=$jvm" \
    -Dsurefire.runOrder=random "-Dsurefire.runOrder.random.seed=$s" \
    -Dfailsafe.runOrder=random "-Dfailsafe.runOrder.random.seed=$s" \
    '-Djunit.jupiter.testmethod.order.default=org.junit.jupiter.api.MethodOrderer$Random' \
    "-Djunit.jupiter.execution.order.random.seed=$s" >"$log" 2>&1
  rc=$?
  set -e
  stop_load
  tests=$(grep -h -E '^\[(INFO|WARNING|ERROR)\] Tests run: [0-9]+, Failures' "$log" | grep -v ' in ' \
    | sed -E 's/.*Tests run: ([0-9]+), Failures: ([0-9]+), Errors: ([0-9]+), Skipped: ([0-9]+).*/\1 \2 \3 \4/' \
    | awk '{r+=$1; f+=$2+$3; k+=$4} END {printf "%d tests, %d failed, %d skipped", r, f, k}')
  if [ $rc -eq 0 ]; then
    passed=$((passed + 1))
    printf 'run %2d  seed %-6s  mode %-7s  PASS  %s  %ss\n' "$i" "$s" "$m" "$tests" "$(( $(date +%s) - start ))"
  else
    printf 'run %2d  seed %-6s  mode %-7s  FAIL  %s  %ss  (log: %s)\n' "$i" "$s" "$m" "$tests" "$(( $(date +%s) - start ))" "$log"
    grep -h -E '<<< (FAILURE|ERROR)!|Exception:|AssertionFailedError' "$log" | head -5 | sed 's/^/        /'
    echo "djl-stress: $passed of $i runs passed; stopped at the first failure"
    exit 1
  fi
done
echo "djl-stress: $passed of $runs runs passed in a row"
