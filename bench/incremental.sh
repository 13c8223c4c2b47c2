#!/usr/bin/env bash
# Times adding one report to an already built site, as the staff do it:
# put the report's text in sources/ and run the build command, which
# imports it and updates public/.
#
#   bench/incremental.sh [-n REPORTS] [-runs R] [-seed S] [-arrive latest|middle|old] [-no-search] [-correct] [-touch] [-against BUILD | -without FEATURES]
#
# Generates and imports REPORTS reports (as bench/compare.sh does), takes one
# report of the newest year out (its source and its content file; which one:
# see below), builds the site from scratch with the build cache, then R
# times: puts the source
# back and runs the build (timed as "add"), counts the files of public/
# written since, and takes the report out again (timed as "withdraw"). A
# "no change" rebuild is timed too. The table gives the median wall time with
# its spread, the median CPU time and the largest peak RSS; the files
# rewritten are listed per run. With -no-search the site is built without
# its search index, to tell the index's share of a rebuild from the rest.
#
# -correct times correcting a published report instead: the report stays
# in the site, and each run adds a sentence to the end of its Markdown
# (timed as "correct") and puts the file back as it was ("undo"). With
# -arrive old the report is one of the first the search index numbers.
#
# -touch first touches every content file (their times change, not their
# bytes: what a copy of the repository, a restore or a checkout does) and
# builds once ("touched"), before the runs: each build then finds every
# file changed, hashes them all again and records their new times in the
# cache's index.
#
# -against BUILD times another build of the program (an executable built
# from an earlier commit) in the same runs: it keeps an output and a cache
# of its own, and each step runs with both, one right after the other, the
# order swapped every run, so that a machine whose speed drifts slows both
# alike. Its steps are labelled "-against"; the table ends with the median
# of the runs' own ratios. (A build of other code cannot share the output:
# the cache names the code, and a change of code rebuilds everything.)
#
# -without FEATURES is -against with this program built with -tags measure
# and run with NIANBAO_WITHOUT=FEATURES (internal/site/features_measure.go):
# the same build leaving out what FEATURES names, against the same
# executable with every feature (both outputs and caches apart, as with
# -against). "check" leaves out the
# check that no published file was changed by hand since the last build,
# which is what trusting the manifest (issue 20's first decision) would
# save.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
n=20000 runs=5 seed=1 arrive=latest nosearch=() against="" without="" correct="" touch=""
while [ $# -gt 0 ]; do
  case $1 in
    -n) n=$2; shift 2 ;;
    -runs) runs=$2; shift 2 ;;
    -seed) seed=$2; shift 2 ;;
    -arrive) arrive=$2; shift 2 ;;
    -no-search) nosearch=(-no-search); shift ;;
    -against) against=$(realpath "$2"); shift 2 ;;
    -without) without=$2; shift 2 ;;
    -correct) correct=1; shift ;;
    -touch) touch=1; shift ;;
    *) echo "usage: bench/incremental.sh [-n REPORTS] [-runs R] [-seed S] [-arrive latest|middle|old] [-no-search] [-correct] [-touch] [-against BUILD | -without FEATURES]" >&2; exit 2 ;;
  esac
done
out=$repo/bench/_out/incremental-$n${nosearch[@]+-nosearch}
. bench/lib.sh

tools
if [ -n "$without" ]; then
  [ -z "$against" ] || { echo "bench/incremental.sh: -against and -without cannot be used together" >&2; exit 2; }
  go build -tags measure -o "$bin/build-measure" ./cmd/build
  against=$bin/build-measure
fi
corpus
# The report taken out waits in $aside; put it back whatever happens.
aside=$corpus/aside
# A report corrected waits in $out/original.md as it was.
restore() {
  [ -d "$aside" ] && cp -r "$aside/." "$corpus/sources/" && rm -rf "$aside"
  [ -f "$out/original.md" ] && [ -n "${file:-}" ] && cp "$out/original.md" "$file" && rm "$out/original.md"
  return 0
}
rm -f "$out/original.md"
restore
trap restore EXIT
: >"$out/times"
import
# The corpus was taken in before the day the report arrives: its 收录日期
# (added) is set to the day before, as on a site built up over time. The
# report that arrives is imported by the timed build, with today's date.
before=$(TZ=Asia/Shanghai date -d yesterday +%F)
find "$corpus/content" -name '*.md' -print0 | xargs -0 sed -i "s/^added: .*/added: \"$before\"/"
rm -rf "$out/public" "$out/cache"
mkdir -p "$aside"

# The report that arrives: the latest of the newest year (by 发布日期, else
# 成文日期). With -arrive middle, the middle one of the newest year by date
# instead (a town that publishes late); with -arrive old, the middle one of
# the oldest year (a site back-filled with old reports). The search index
# numbers reports in the order they arrive, so none of the three renumbers
# the others.
if [ "$arrive" = old ]; then
  year=$(find "$corpus/content" -name '*.md' | sed -n 's/.*-\([0-9]\{4\}\)\.md$/\1/p' | sort -n | sed -n 1p)
  arrive=middle
else
  year=$(find "$corpus/content" -name '*.md' | sed -n 's/.*-\([0-9]\{4\}\)\.md$/\1/p' | sort -n | tail -1)
fi
file=$(find "$corpus/content" -name "*-$year.md" -print0 | xargs -0 awk '
  FNR == 1 {inside = 0; d = ""; p = ""}
  /^---/ {inside++; if (inside == 2) {print (p != "" ? p : d) "\t" FILENAME; nextfile}}
  inside == 1 && /^date:/ {d = $2} inside == 1 && /^published:/ {p = $2}' | tr -d '"' | sort |
  awk -v pick="$arrive" '{a[NR] = $2} END {print (pick == "middle") ? a[int((NR + 1) / 2)] : a[NR]}')
src=$(sed -n 's/^source: //p' "$file" | head -1)
echo "the report that arrives: ${file#"$corpus"/} (from $src)"
withdraw() { rm -f "$file"; mkdir -p "$aside/$(dirname "${src#sources/}")"; mv "$corpus/$src" "$aside/${src#sources/}"; }
[ -n "$correct" ] || withdraw

# args DIR sets opts to the build's options, with its output and cache
# under DIR.
args() {
  opts=(-root "$corpus" -config "$repo/site.yaml" -templates "$repo/templates" -assets "$repo/assets"
    -out "$1/public" -cache "$1/cache" ${nosearch[@]+"${nosearch[@]}"})
}
args "$out"
build=("$bin/build" "${opts[@]}")
other=()
if [ -n "$against" ]; then
  rm -rf "$out/against"
  mkdir -p "$out/against"
  args "$out/against"
  other=("$against" "${opts[@]}")
  if [ -n "$without" ]; then
    build=(env NIANBAO_WITHOUT= "$against" "${build[@]:1}")
    other=(env "NIANBAO_WITHOUT=$without" "${other[@]}")
  fi
fi
# step LABEL R times the step with our build and, with -against, the other
# one, in an order that swaps with R.
step() {
  local label=$1 r=$2
  if [ -z "$against" ]; then
    measure "$label" "${build[@]}"
  elif [ $((r % 2)) = 1 ]; then
    measure "$label" "${build[@]}"; cp "$out/last.log" "$out/ours.log"; sync
    measure "$label-against" "${other[@]}"; cp "$out/ours.log" "$out/last.log"
  else
    measure "$label-against" "${other[@]}"; sync
    measure "$label" "${build[@]}"
  fi
}
# The import and the dates just written go to the disk before the first
# build, which would otherwise share it with them.
sync
step full 1
grep -E '^已生成|各步用时' "$out/last.log"
# Each timed build starts with the disk idle, as when a report arrives some
# time after the last build: without the sync, the kernel would still be
# writing out the gigabytes of the full build while the next one runs.
sync
step unchanged 1
grep -E '增量更新|各步用时' "$out/last.log"
if [ -n "$touch" ]; then
  find "$corpus/content" -name '*.md' -exec touch -c {} +
  sleep 3 # past the cache's racy window, so that the new times are recorded
  sync
  step touched 1
  grep -E '增量更新|各步用时' "$out/last.log"
fi
# change R makes run R's change: the report arrives, or is corrected.
change() {
  if [ -n "$correct" ]; then
    cp "$file" "$out/original.md"
    printf '\n本年度还聘请法律顾问%d名。\n' "$1" >>"$file"
  else
    mv "$aside/${src#sources/}" "$corpus/$src"
  fi
}
# undo puts the report back as it was before the change.
undo() {
  if [ -n "$correct" ]; then cp "$out/original.md" "$file" && rm "$out/original.md"; else withdraw; fi
}
did=add undid=withdraw
[ -z "$correct" ] || did=correct undid=undo
for r in $(seq "$runs"); do
  touch "$out/marker"
  sleep 0.01
  change "$r"
  sync
  step "$did" "$r"
  written=$(find "$out/public" -type f -newer "$out/marker" | wc -l)
  echo "$did $r: $(grep -h '增量更新' "$out/last.log" | sed 's/^ *//'); $written files in public/ newer than before"
  grep -h '各步用时' "$out/last.log"
  undo
  sync
  step "$undid" "$r"
done

echo
echo "$n reports generated, $((imported - unresolved)) built; $(nproc) CPUs"
table full unchanged ${touch:+touched} "$did" "$undid" full-against unchanged-against ${touch:+touched-against} "$did-against" "$undid-against"
