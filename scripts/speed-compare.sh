#!/usr/bin/env bash
# Training speed of two builds side by side in one run: each revision is built into a temporary
# worktree, then `dgating speed` runs alternately on both (before, after, before, after ...) so that
# drift of a shared machine hits both equally. Prints the raw outputs and a summary table.
#
#   scripts/speed-compare.sh BEFORE_REV [AFTER_REV] > report.txt
#
# AFTER_REV defaults to the working tree as built by ./mvnw install. Needs the offline Maven cache
# (as after a first build). Each measurement: LeNet-300-100 (MLP) and LeNet-5 (CNN) on random
# MNIST-shaped data, ungated and with D = 3 input gating, batches 64 and 256, 2 threads.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
before="${1:?usage: speed-compare.sh BEFORE_REV [AFTER_REV]}"
after="${2:-}"
work="$(mktemp -d)"
trap 'git -C "$root" worktree remove --force "$work/before" >/dev/null 2>&1 || true; \
      [ -n "$after" ] && git -C "$root" worktree remove --force "$work/after" >/dev/null 2>&1; rm -rf "$work"' EXIT

build() { # rev dir -> copies dgating.jar and lib/ into dir/dist
  git -C "$root" worktree add -f --detach "$2" "$1" >/dev/null 2>&1
  (cd "$2" && ./mvnw -o -q -B package -DskipTests >&2)
  mkdir -p "$2/dist" && cp -r "$2/dgating-cli/target/dgating.jar" "$2/dgating-cli/target/lib" "$2/dist/"
}
build "$before" "$work/before"
if [ -n "$after" ]; then
  build "$after" "$work/after"
  after_dist="$work/after/dist"
else
  (cd "$root" && ./mvnw -o -q -B install -DskipTests >&2)
  after_dist="$root/dgating-cli/target"
fi

run() { # dist args...
  local dist="$1"; shift
  OPT_OUT_TRACKING=true java --add-modules jdk.incubator.vector -Dai.djl.offline=true -jar "$dist/dgating.jar" \
    speed --threads 2 --batch 64,256 --steps 80 --warmup 40 --rounds 5 "$@" 2>/dev/null
}

declare -A result
for model in mlp cnn; do
  args=(); [ "$model" = cnn ] && args=(--model lenet5)
  for depth in 0 3; do
    for side in before after; do
      dist="$work/before/dist"; [ "$side" = after ] && dist="$after_dist"
      engines=cpu; [ "$side" = after ] && engines=cpu,djl
      out="$(run "$dist" "${args[@]}" --engine "$engines" -D "$depth")"
      echo "== $side, $model, D = $depth"; echo "$out"
      result[$side,$model,$depth]="$out"
    done
  done
done

echo
echo "| model | gating | batch | CPU before steps/s | CPU after steps/s | after GFLOP/s (of peak) | DJL steps/s | DJL GFLOP/s | CPU after / DJL |"
echo "|---|---|---|---|---|---|---|---|---|"
for model in mlp cnn; do
  for depth in 0 3; do
    for batch in 64 256; do
      b="$(echo "${result[before,$model,$depth]}" | awk -v b=$batch '$1==b {print $2; exit}')"
      a="$(echo "${result[after,$model,$depth]}" | awk -v b=$batch '$1==b {print $2, $4, $5; exit}')"
      d="$(echo "${result[after,$model,$depth]}" | awk -v b=$batch '$1==b {n++} $1==b && n==2 {print $2, $4; exit}')"
      read -r as ag ap <<<"$a"; read -r ds dg <<<"$d"
      ratio="$(awk -v x="$as" -v y="$ds" 'BEGIN {printf "%.2fx", x / y}')"
      gate=ungated; [ "$depth" != 0 ] && gate="D = $depth inputs"
      echo "| $model | $gate | $batch | $b | $as | $ag ($ap) | $ds | $dg | $ratio |"
    done
  done
done
