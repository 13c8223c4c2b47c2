#!/usr/bin/env bash
# Times our import and build against Hugo on the same generated corpus.
#
#   bench/compare.sh [-n REPORTS] [-runs R] [-seed S] [-no-hugo] [-search-share] [-floor]
#
# Generates REPORTS raw reports (bench/corpus/REPORTS/sources, kept between
# runs), imports them (timed, into bench/corpus/REPORTS/content), then builds
# the site from scratch R times with our tool and R times with Hugo
# (bench/hugo: one page per report plus town, year and home list pages,
# minified), alternating the two so that both see the same machine. Every
# command is measured by /usr/bin/time -v; the table gives the median wall
# time with its spread (min-max), the median CPU time (user+system) and the
# largest peak RSS.
#
# -search-share also builds our site without the search index (-no-search)
# in each run, to give what the index adds to the build time.
#
# -floor also builds the site in each run with a binary built with
# -tags pagefloor (internal/site/floor.go), which writes every page as a
# block of bytes of the average page's size instead of executing its
# template and minifying it: the time no faster page rendering can go
# below.
#
# -no-hugo times our build alone (Hugo cannot build 200,000 reports in the
# memory of the machines this is for).
#
# Needs Go, hugo (Debian's package or go install github.com/gohugoio/hugo)
# and GNU time.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
n=1000 runs=3 seed=1 hugo=1 share=0 floor=0
while [ $# -gt 0 ]; do
  case $1 in
    -n) n=$2; shift 2 ;;
    -runs) runs=$2; shift 2 ;;
    -seed) seed=$2; shift 2 ;;
    -no-hugo) hugo=0; shift ;;
    -search-share) share=1; shift ;;
    -floor) floor=1; shift ;;
    *) echo "usage: bench/compare.sh [-n REPORTS] [-runs R] [-seed S] [-no-hugo] [-search-share] [-floor]" >&2; exit 2 ;;
  esac
done
[ $hugo = 0 ] || command -v hugo >/dev/null || { echo "hugo is not installed (apt-get install hugo)" >&2; exit 1; }
out=$repo/bench/_out/compare-$n
. bench/lib.sh

tools
[ $floor = 0 ] || go build -tags pagefloor -o "$bin/build-floor" ./cmd/build
corpus
: >"$out/times"
import
# Every build writes into a new directory, and the old ones are removed
# only at the end: ext4 is slow to create files just after many were
# deleted (it skips inodes freed in the last minutes), which would charge
# one run for the clean-up of the one before.
rm -rf "$out/runs"
for r in $(seq "$runs"); do
  echo "build $r of $runs"
  measure ours "$bin/build" -root "$corpus" -no-import -config "$repo/site.yaml" -templates "$repo/templates" \
    -assets "$repo/assets" -out "$out/runs/$r/public" -cache "$out/runs/$r/cache"
  grep -E '^已生成|各步用时' "$out/last.log"
  [ $hugo = 0 ] || measure hugo hugo -s "$repo/bench/hugo" --contentDir "$corpus/content" -d "$out/runs/$r/hugo" --minify --quiet
  if [ $share = 1 ]; then
    measure nosearch "$bin/build" -root "$corpus" -no-import -no-search -config "$repo/site.yaml" -templates "$repo/templates" \
      -assets "$repo/assets" -out "$out/runs/$r/nosearch" -cache "$out/runs/$r/cache-nosearch"
    grep -E '^已生成|各步用时' "$out/last.log"
  fi
  if [ $floor = 1 ]; then
    measure floor "$bin/build-floor" -root "$corpus" -no-import -config "$repo/site.yaml" -templates "$repo/templates" \
      -assets "$repo/assets" -out "$out/runs/$r/floor" -cache "$out/runs/$r/cache-floor"
    grep -E '^已生成|各步用时' "$out/last.log"
  fi
done

echo
echo "$n reports generated, $((imported - unresolved)) built; $(nproc) CPUs, $(free -g | awk '/^Mem/ {print $2}') GB"
echo "files written: ours $(find "$out/runs/1/public" -type f | wc -l)"
[ $hugo = 0 ] || echo "hugo: $(hugo version | awk '{print $1, $2}'), files written $(find "$out/runs/1/hugo" -type f | wc -l)"
table import ours hugo nosearch floor
awk -v n="$imported" '$1 == "import" {printf "import rate: %.0f reports/s\n", n / $2}' "$out/times"
for r in $(seq 2 "$runs"); do rm -rf "$out/runs/$r"; done # the first run's output is kept for inspection
