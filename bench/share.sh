#!/usr/bin/env bash
# Measures what a feature adds to a full build, on equal work: one binary,
# built with -tags measure (internal/site/features_measure.go), builds the
# same site alternately with every feature and without the ones named.
#
#   bench/share.sh [-n REPORTS] [-runs R] [-seed S] [-out-dir DIR] -without FEATURES
#
# FEATURES is a comma-separated list of figures, reuse and changes (what
# each leaves out: internal/site/features_measure.go). The corpus is
# generated and imported as by bench/compare.sh; each run builds the site
# from scratch (-cache "" -no-import) with and without the features, in
# turn, each under /usr/bin/time -v. -out-dir puts the site under DIR, for example a RAM disk
# (tmpfs), so that the disk's noise stays out of the comparison; each build
# removes the one before. The table gives the median wall time with its
# spread, the median CPU time (user+system) and the largest peak RSS, then
# what the features add: the median CPU and wall time with them over
# without them.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
n=20000 runs=3 seed=1 features="" dir=""
usage="usage: bench/share.sh [-n REPORTS] [-runs R] [-seed S] [-out-dir DIR] -without figures|reuse|changes[,...]"
while [ $# -gt 0 ]; do
  case $1 in
    -n) n=$2; shift 2 ;;
    -runs) runs=$2; shift 2 ;;
    -seed) seed=$2; shift 2 ;;
    -out-dir) dir=$2; shift 2 ;;
    -without) features=$2; shift 2 ;;
    *) echo "$usage" >&2; exit 2 ;;
  esac
done
[ -n "$features" ] || { echo "$usage" >&2; exit 2; }
out=$repo/bench/_out/share-$n
. bench/lib.sh
dir=${dir:-$out}

tools
go build -tags measure -o "$bin/build-measure" ./cmd/build
corpus
: >"$out/times"
import
site=$dir/share-public
build=("$bin/build-measure" -root "$corpus" -no-import -cache "" -config "$repo/site.yaml" -templates "$repo/templates"
  -assets "$repo/assets" -out "$site" -base-path /)
# Odd runs build with the features first, even runs without them first, so
# that neither always follows the other's clean-up.
one() {
  rm -rf "$site"
  if [ "$1" = with ]; then NIANBAO_WITHOUT="" measure with "${build[@]}"; else NIANBAO_WITHOUT=$features measure without "${build[@]}"; fi
  grep -E '^已生成' "$out/last.log"
}
for r in $(seq "$runs"); do
  echo "run $r of $runs"
  if [ $((r % 2)) = 1 ]; then one with; one without; else one without; one with; fi
done
rm -rf "$site"

echo
echo "$n reports generated; without: $features; $(nproc) CPUs"
table with without
awk '
  function median(a, k,   i, j, t) {
    for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
    return (k % 2) ? a[(k + 1) / 2] : (a[k / 2] + a[k / 2 + 1]) / 2
  }
  $1 == "with" {w[++nw] = $2; c[nw] = $3}
  $1 == "without" {wo[++no] = $2; co[no] = $3}
  END {
    printf "the features add %.0f%% CPU time and %.0f%% wall time (medians, with over without)\n",
      100 * (median(c, nw) / median(co, no) - 1), 100 * (median(w, nw) / median(wo, no) - 1)
    k = 0
    for (i = 1; i <= nw && i <= no; i++) {
      printf "run %d: CPU %.2f s against %.2f s (%+.0f%%)\n", i, c[i], co[i], 100 * (c[i] / co[i] - 1)
      ratio[++k] = c[i] / co[i]
    }
    printf "median of the runs'"'"' CPU ratios: %+.0f%%\n", 100 * (median(ratio, k) - 1)
  }' "$out/times"
