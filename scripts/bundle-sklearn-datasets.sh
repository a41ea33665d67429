#!/usr/bin/env bash
# Regenerates the bundled tabular datasets (breast cancer, wine, iris, digits) from Debian's
# python3-sklearn package. Run once by a maintainer; the output is committed under
# dgating-api/src/main/resources/io/dgating/api/data/bundled/. Needs apt-get, dpkg, awk, gzip.
set -euo pipefail
DEB=python3-sklearn=1.2.1+dfsg-1
SHA256=ca0c6be401d14871c7e93cfdd8d1f561595dc65e6e2ad2501d568aee7f7efc58
out="$(cd "$(dirname "$0")/.." && pwd)/dgating-api/src/main/resources/io/dgating/api/data/bundled"
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
cd "$work"
apt-get download "$DEB" >/dev/null
echo "$SHA256  $(ls python3-sklearn_*.deb)" | sha256sum -c --quiet -
dpkg -x python3-sklearn_*.deb x
src=x/usr/lib/python3/dist-packages/sklearn/datasets/data
mkdir -p "$out"
# sklearn's files start with "n_samples,n_features,class names...": replace it by a header
convert() { # $1 source, $2 target, $3 header
  { echo "$3"; tail -n +2 "$1"; } > "$2.tmp" && mv "$2.tmp" "$2"
}
convert $src/breast_cancer.csv "$out/breast-cancer.csv" \
"mean radius,mean texture,mean perimeter,mean area,mean smoothness,mean compactness,mean concavity,mean concave points,mean symmetry,mean fractal dimension,radius error,texture error,perimeter error,area error,smoothness error,compactness error,concavity error,concave points error,symmetry error,fractal dimension error,worst radius,worst texture,worst perimeter,worst area,worst smoothness,worst compactness,worst concavity,worst concave points,worst symmetry,worst fractal dimension,target"
convert $src/wine_data.csv "$out/wine.csv" \
"alcohol,malic_acid,ash,alcalinity_of_ash,magnesium,total_phenols,flavanoids,nonflavanoid_phenols,proanthocyanins,color_intensity,hue,od280/od315_of_diluted_wines,proline,target"
convert $src/iris.csv "$out/iris.csv" "sepal length (cm),sepal width (cm),petal length (cm),petal width (cm),target"
header=$(awk 'BEGIN{for(r=0;r<8;r++)for(c=0;c<8;c++)printf "pixel_%d_%d,",r,c; printf "target"}')
{ echo "$header"; zcat $src/digits.csv.gz; } | gzip -9n > "$out/digits.csv.gz.tmp" && mv "$out/digits.csv.gz.tmp" "$out/digits.csv.gz"
cp x/usr/share/doc/python3-sklearn/copyright "$out/LICENSE-sklearn-debian-copyright.txt"
echo "bundled datasets written to $out"
