#!/usr/bin/env bash
# Measures what a feature adds to a full build, on equal work: one binary,
# built with -tags measure (internal/site/features_measure.go), builds the
# same site alternately with every feature and without the ones named.
#
#   bench/share.sh [-n REPORTS] [-runs R] [-seed S] [-out-dir DIR] [-together] -without FEATURES
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
#
# -together runs the two builds of a run at the same time instead, each on
# a CPU of its own (taskset, GOMAXPROCS=1), which CPU alternating between
# runs: a machine whose speed drifts from minute to minute (a shared host)
# then slows both alike, and the ratio of their CPU times holds where runs
# one after the other spread as widely as the share itself. Each build
# then uses one CPU, so the wall times are not those of a normal build;
# the CPU times are the work. It needs two CPUs.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
n=20000 runs=3 seed=1 features="" dir="" together=""
usage="usage: bench/share.sh [-n REPORTS] [-runs R] [-seed S] [-out-dir DIR] [-together] -without figures|reuse|changes[,...]"
while [ $# -gt 0 ]; do
  case $1 in
    -n) n=$2; shift 2 ;;
    -runs) runs=$2; shift 2 ;;
    -seed) seed=$2; shift 2 ;;
    -out-dir) dir=$2; shift 2 ;;
    -together) together=1; shift ;;
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
# The build, its output directory to follow.
build=("$bin/build-measure" -root "$corpus" -no-import -cache "" -config "$repo/site.yaml" -templates "$repo/templates"
  -assets "$repo/assets" -base-path / -out)
# Odd runs build with the features first, even runs without them first, so
# that neither always follows the other's clean-up.
one() {
  rm -rf "$site"
  if [ "$1" = with ]; then NIANBAO_WITHOUT="" measure with "${build[@]}" "$site"; else NIANBAO_WITHOUT=$features measure without "${build[@]}" "$site"; fi
  grep -E '^已生成' "$out/last.log"
}
# both builds at once, each on CPU $1 and $2 (with, without), in sites of
# their own: a build claims its output's parent directory.
both() {
  local w=$dir/share-with/public wo=$dir/share-without/public
  rm -rf "${w%/*}" "${wo%/*}"
  mkdir -p "${w%/*}" "${wo%/*}"
  NIANBAO_WITHOUT="" GOMAXPROCS=1 /usr/bin/time -v -o "$out/time-with.txt" taskset -c "$1" "${build[@]}" "$w" >"$out/with.log" 2>&1 &
  local pid=$!
  NIANBAO_WITHOUT=$features GOMAXPROCS=1 /usr/bin/time -v -o "$out/time-without.txt" taskset -c "$2" "${build[@]}" "$wo" >"$out/without.log" 2>&1 ||
    { cat "$out/without.log" >&2; exit 1; }
  wait "$pid" || { cat "$out/with.log" >&2; exit 1; }
  for t in with without; do
    record "$t" "$out/time-$t.txt"
    grep -E '^已生成' "$out/$t.log"
  done
  rm -rf "${w%/*}" "${wo%/*}"
}
if [ -n "$together" ]; then
  [ "$(nproc)" -ge 2 ] || { echo "-together needs two CPUs" >&2; exit 2; }
  command -v taskset >/dev/null || { echo "-together needs taskset (util-linux)" >&2; exit 2; }
fi
for r in $(seq "$runs"); do
  echo "run $r of $runs"
  if [ -n "$together" ]; then
    if [ $((r % 2)) = 1 ]; then both 0 1; else both 1 0; fi
  elif [ $((r % 2)) = 1 ]; then one with; one without; else one without; one with; fi
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
