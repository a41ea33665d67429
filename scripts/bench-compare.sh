#!/usr/bin/env bash
# Dense vs compact ONNX Runtime latency of two builds on the same model files, alternately
# (before, after, before, after) so that drift of a shared machine hits both equally.
#
#   scripts/bench-compare.sh BEFORE_REV [AFTER_REV] -- DENSE.onnx COMPACT.onnx [bench options] > report.txt
#
# Each build runs `dgating bench DENSE COMPACT --callers 0 [options]` (older builds without
# --callers are run without it) ROUNDS times (default 2, environment); prints every output and a
# table of the measured speed-up per batch size and round. AFTER_COMPACT=FILE.onnx (environment)
# gives the "after" build another compact file: the same trained model exported by that build, when
# the change is in the export (e.g. --channel-block).
set -euo pipefail
before="${1:?usage: bench-compare.sh BEFORE_REV [AFTER_REV] -- DENSE.onnx COMPACT.onnx [bench options]}"
after=""
shift
if [ "${1:-}" != "--" ]; then after="$1"; shift; fi
[ "${1:-}" = "--" ] || { echo "usage: bench-compare.sh BEFORE_REV [AFTER_REV] -- DENSE.onnx COMPACT.onnx [options]" >&2; exit 2; }
shift
source "$(dirname "$0")/builds.sh"
builds "$before" "$after"

echo "| round | build | batch | intra-op threads | dense ms | compact ms | measured speed-up | theoretical |"
echo "|---|---|---|---|---|---|---|---|"
table=""
for round in $(seq "${ROUNDS:-2}"); do
  for side in before after; do
    dist="$before_dist"; extra=(); args=("$@")
    if [ "$side" = after ]; then
      dist="$after_dist"; extra=(--callers 0)
      [ -n "${AFTER_COMPACT:-}" ] && args[1]="$AFTER_COMPACT"
    fi
    out="$(dgating "$dist" bench "${args[@]}" "${extra[@]}")"
    echo "== round $round, $side" >&2; echo "$out" >&2
    theory="$(echo "$out" | sed -n 's/.*theoretical speed-up \([0-9.]*x\).*/\1/p')"
    table+="$(echo "$out" | awk -F'|' -v r="$round" -v s="$side" -v t="$theory" '
      $4 ~ /dense/ {d[$2] = $5}
      $4 ~ /compact/ {printf "| %s | %s |%s|%s|%s|%s| %s | %s |\n", r, s, $2, $3, d[$2], $5, $9, t}')"$'\n'
  done
done
printf "%s" "$table"
