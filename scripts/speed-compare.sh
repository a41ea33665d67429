#!/usr/bin/env bash
# Training speed of two builds side by side in one run: each revision is built into a temporary
# worktree, then `dgating speed` runs alternately on both (before, after, before, after ...) so that
# drift of a shared machine hits both equally. Prints the raw outputs and a summary table.
#
#   scripts/speed-compare.sh BEFORE_REV [AFTER_REV] > report.txt
#
# AFTER_REV defaults to the working tree as built by ./mvnw install. Needs the offline Maven cache
# (as after a first build). Random MNIST-shaped data, batches 64 and 256, 2 threads:
# LeNet-300-100 (MLP) and LeNet-5 ungated and with D = 3 input gating of their first dense layer,
# LeNet-5 with D = 3 filter gating (the "after" build only: older builds have no speed --gate), and
# the VGG and ResNet-8 of the graph-core issue ungated (fewer steps: they are slow).
set -euo pipefail
before="${1:?usage: speed-compare.sh BEFORE_REV [AFTER_REV]}"
source "$(dirname "$0")/builds.sh"
builds "$before" "${2:-}"

run() { # dist args...
  local dist="$1"; shift
  dgating "$dist" speed --threads 2 --batch 64,256 "$@"
}

# label | speed arguments | run the "before" build too
configs=(
  "LeNet-300-100 ungated|-D 0 --steps 80 --warmup 40 --rounds 5|yes"
  "LeNet-300-100 D = 3 inputs|-D 3 --steps 80 --warmup 40 --rounds 5|yes"
  "LeNet-5 ungated|--model lenet5 -D 0 --steps 40 --warmup 20 --rounds 5|yes"
  "LeNet-5 D = 3 dense1 inputs|--model lenet5 -D 3 --steps 40 --warmup 20 --rounds 5|yes"
  "LeNet-5 D = 3 filters|--model lenet5 -D 3 --gate filters --steps 40 --warmup 20 --rounds 5|no"
  "VGG 16,16,M,32,32,M,64,M ungated|--model vgg:16,16,M,32,32,M,64,M -D 0 --steps 8 --warmup 4 --rounds 3|yes"
  "ResNet-8 ungated|--model resnet:8 -D 0 --steps 8 --warmup 4 --rounds 3|yes"
)

declare -A result
for config in "${configs[@]}"; do
  IFS='|' read -r label args both <<<"$config"
  read -r -a argv <<<"$args"
  for side in before after; do
    [ "$side" = before ] && [ "$both" != yes ] && continue
    dist="$before_dist"; [ "$side" = after ] && dist="$after_dist"
    engines=cpu; [ "$side" = after ] && engines=cpu,djl
    out="$(run "$dist" "${argv[@]}" --engine "$engines")"
    echo "== $side, $label"; echo "$out"
    result[$side,$label]="$out"
  done
done

echo
echo "| model and gating | batch | CPU before steps/s | CPU after steps/s | after GFLOP/s (of peak) | DJL steps/s | DJL GFLOP/s | CPU after / DJL |"
echo "|---|---|---|---|---|---|---|---|"
for config in "${configs[@]}"; do
  IFS='|' read -r label args both <<<"$config"
  for batch in 64 256; do
    b="n/a"
    [ "$both" = yes ] && b="$(echo "${result[before,$label]}" | awk -v b=$batch '$1==b {print $2; exit}')"
    a="$(echo "${result[after,$label]}" | awk -v b=$batch '$1==b {print $2, $4, $5; exit}')"
    d="$(echo "${result[after,$label]}" | awk -v b=$batch '$1==b {n++} $1==b && n==2 {print $2, $4; exit}')"
    read -r as ag ap <<<"$a"; read -r ds dg <<<"$d"
    ratio="$(awk -v x="$as" -v y="$ds" 'BEGIN {printf "%.2fx", x / y}')"
    echo "| $label | $batch | $b | $as | $ag ($ap) | $ds | $dg | $ratio |"
  done
done
