#!/usr/bin/env bash
# Times our import and build against Hugo on the same generated corpus.
#
#   bench/compare.sh [-n REPORTS] [-runs R] [-seed S] [-no-hugo] [-pagefind] [-search-share] [-floor]
#
# Generates REPORTS raw reports (bench/corpus/REPORTS/sources, kept between
# runs), imports them (timed, into bench/corpus/REPORTS/content), then
# builds the site from scratch R times with each tool, every command under
# /usr/bin/time -v. The table gives the median wall time with its spread
# (min-max), the median CPU time (user+system) and the largest peak RSS.
#
# Each run builds:
#   ours      our whole site (the product binary);
#   equal     our site without figures, reuse notes and changes pages (the
#             -tags measure binary, NIANBAO_WITHOUT=figures,reuse,changes),
#             which is the page set the Hugo site renders;
#   hugo      the equal-work Hugo site (bench/hugo/README.md): as many pages
#             of each kind as "equal", from the same Markdown, minified;
#   pagefind  with -pagefind, Pagefind indexing the Hugo site's report
#             pages, the search our build's index gives.
# Odd runs go in that order, even runs in the reverse order, so that
# neither tool always follows the other's clean-up. Hugo's project is
# written once, before the runs, by bench/hugo/prepare (timed as
# "prepare": the grouping our model step does and the downloads' UTF-8
# copies, which Hugo cannot make); after the runs the script prints the
# number of pages of each kind on both sides.
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
# Needs Go, GNU time, Hugo 0.126 or later (content adapters; Debian's is
# older: go install github.com/gohugoio/hugo@v0.165.0) and, with -pagefind,
# Pagefind (npm ci in bench/pagefind).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
n=1000 runs=3 seed=1 hugo=1 pagefind=0 share=0 floor=0
usage="usage: bench/compare.sh [-n REPORTS] [-runs R] [-seed S] [-no-hugo] [-pagefind] [-search-share] [-floor]"
while [ $# -gt 0 ]; do
  case $1 in
    -n) n=$2; shift 2 ;;
    -runs) runs=$2; shift 2 ;;
    -seed) seed=$2; shift 2 ;;
    -no-hugo) hugo=0; shift ;;
    -pagefind) pagefind=1; shift ;;
    -search-share) share=1; shift ;;
    -floor) floor=1; shift ;;
    *) echo "$usage" >&2; exit 2 ;;
  esac
done
hugobin=$(command -v hugo || echo "$(go env GOPATH)/bin/hugo")
if [ $hugo = 1 ]; then
  [ -x "$hugobin" ] || { echo "hugo is not installed: go install github.com/gohugoio/hugo@v0.165.0" >&2; exit 1; }
  minor=$("$hugobin" version | sed -n 's/^hugo v0\.\([0-9]*\).*/\1/p')
  [ "${minor:-0}" -ge 126 ] || { echo "$hugobin is older than 0.126 (no content adapters): go install github.com/gohugoio/hugo@v0.165.0" >&2; exit 1; }
fi
pagefindbin=$repo/bench/pagefind/node_modules/.bin/pagefind
[ $pagefind = 0 ] || [ -x "$pagefindbin" ] || { echo "Pagefind is not installed: (cd bench/pagefind && npm ci)" >&2; exit 1; }
out=$repo/bench/_out/compare-$n
. bench/lib.sh

tools
[ $floor = 0 ] || go build -tags pagefloor -o "$bin/build-floor" ./cmd/build
if [ $hugo = 1 ]; then
  go build -tags measure -o "$bin/build-measure" ./cmd/build
  go build -o "$bin/hugo-prepare" ./bench/hugo/prepare
fi
corpus
: >"$out/times"
import
[ $hugo = 0 ] || measure prepare "$bin/hugo-prepare" -corpus "$corpus" -out "$out/hugo-site" -config "$repo/site.yaml"
# Every build writes into a new directory, and the old ones are removed
# only at the end: ext4 is slow to create files just after many were
# deleted (it skips inodes freed in the last minutes), which would charge
# one run for the clean-up of the one before.
rm -rf "$out/runs"
site=(-root "$corpus" -no-import -config "$repo/site.yaml" -templates "$repo/templates" -assets "$repo/assets")
ours() {
  measure ours "$bin/build" "${site[@]}" -out "$out/runs/$r/public" -cache "$out/runs/$r/cache"
  grep -E '^已生成|各步用时' "$out/last.log"
}
theirs() {
  NIANBAO_WITHOUT=figures,reuse,changes measure equal "$bin/build-measure" "${site[@]}" -out "$out/runs/$r/equal" -cache "$out/runs/$r/cache-equal"
  grep -E '^已生成|各步用时' "$out/last.log"
  [ $r != 1 ] || grep -E '^  页面：' "$out/last.log" >"$out/equal-pages"
  measure hugo "$hugobin" -s "$out/hugo-site" -d "$out/runs/$r/hugo" --minify --quiet
  # Pagefind may run out of memory on a large site: the run goes on, and
  # the failure is said (its time is in the table all the same).
  if [ $pagefind = 1 ]; then
    allow_fail=1 measure pagefind "$pagefindbin" --site "$out/runs/$r/hugo"
    if grep -q 'Command terminated by signal' "$out/time.txt" || ! grep -q 'Exit status: 0' "$out/time.txt"; then
      echo "pagefind failed in run $r:"
      tail -3 "$out/last.log"
    fi
  fi
}
for r in $(seq "$runs"); do
  echo "build $r of $runs"
  if [ $((r % 2)) = 1 ]; then ours; fi
  [ $hugo = 0 ] || theirs
  if [ $((r % 2)) = 0 ]; then ours; fi
  if [ $share = 1 ]; then
    measure nosearch "$bin/build" "${site[@]}" -no-search -out "$out/runs/$r/nosearch" -cache "$out/runs/$r/cache-nosearch"
    grep -E '^已生成|各步用时' "$out/last.log"
  fi
  if [ $floor = 1 ]; then
    measure floor "$bin/build-floor" "${site[@]}" -out "$out/runs/$r/floor" -cache "$out/runs/$r/cache-floor"
    grep -E '^已生成|各步用时' "$out/last.log"
  fi
done

echo
echo "$n reports generated, $((imported - unresolved)) built; $(nproc) CPUs, $(free -g | awk '/^Mem/ {print $2}') GB"
echo "files written: ours $(find "$out/runs/1/public" -type f | wc -l)"
if [ $hugo = 1 ]; then
  h=$out/runs/1/hugo
  echo "equal: $(find "$out/runs/1/equal" -type f | wc -l) files, $(du -s --apparent-size --block-size=1M "$out/runs/1/equal" | cut -f1) MB"
  echo "hugo: $("$hugobin" version | awk '{print $1, $2}'), $(find "$h" -type f | wc -l) files, $(du -s --apparent-size --block-size=1M "$h" | cut -f1) MB (with Pagefind's index, if run)"
  echo "pages of each kind, ours without the three features (equal):"
  cat "$out/equal-pages"
  echo "and Hugo's (bench/hugo/README.md maps one to the other):"
  echo "  report $(find "$h/reports" -name index.html | wc -l), town $(find "$h/town" -name index.html | wc -l)," \
    "compare-town $(find "$h/towncmp" -name index.html | wc -l), compare-plan $(find "$h/plan" -name index.html | wc -l)," \
    "region $(find "$h/region" -name index.html | wc -l), year $(find "$h/year" -name index.html | wc -l)," \
    "compare-year $(find "$h/compare" -name index.html | wc -l), compare-split $( (find "$h/split" -name index.html 2>/dev/null || true) | wc -l)," \
    "home, search, data, compare-index, repeated, 404: $(ls "$h/index.html" "$h/search/index.html" "$h/data/index.html" "$h/compare-index/index.html" "$h/repeated/index.html" "$h/404.html" | wc -l);" \
    "all $(find "$h" -name '*.html' -not -path '*/pagefind/*' | wc -l)"
fi
table import prepare ours equal hugo pagefind nosearch floor
awk -v n="$imported" '$1 == "import" {printf "import rate: %.0f reports/s\n", n / $2}' "$out/times"
for r in $(seq 2 "$runs"); do rm -rf "$out/runs/$r"; done # the first run's output is kept for inspection
