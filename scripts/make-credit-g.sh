#!/usr/bin/env bash
# Makes the committed test table dgating-cli/src/test/resources/data/credit-g.csv (Statlog German
# credit, 1,000 rows, 13 categorical and 7 numeric columns, label 'class') from the ARFF example
# in Debian's weka package: header from the @attribute names, data rows with ARFF's single quotes
# removed (no value contains a comma or a double quote). Run from the repository root.
set -euo pipefail
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
pkg=weka=3.6.14-3
(cd "$work" && { apt-get download "$pkg" >/dev/null 2>&1 || { apt-get update -qq >/dev/null && apt-get download "$pkg" >/dev/null; }; })
echo "58ea5ec3b42ca9719be5756d1bd64ebed0e69d16d6fffa200b3cebf4ccccab16  $(ls "$work"/weka_*.deb)" | sha256sum -c --quiet -
dpkg -x "$work"/weka_*.deb "$work/x"
arff="$work/x/usr/share/doc/weka/examples/credit-g.arff"
out=dgating-cli/src/test/resources/data/credit-g.csv
mkdir -p "$(dirname "$out")"
{
  grep -i '^@attribute' "$arff" | awk '{print $2}' | paste -sd, -
  sed -n '/^@data/,$p' "$arff" | tail -n +2 | grep -v '^%' | grep . | tr -d "'"
} > "$out.tmp"
mv "$out.tmp" "$out"
echo "wrote $out ($(($(wc -l < "$out") - 1)) rows)"
