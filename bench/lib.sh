# Shared by bench/compare.sh and bench/incremental.sh; sourced from the
# repository root with $repo, $n, $seed and $out set.

bin=$repo/bench/_out/bin
corpus=$repo/bench/corpus/$n

# tools builds our program and the corpus generator.
tools() {
  mkdir -p "$bin" "$out"
  go build -o "$bin/build" ./cmd/build
  go build -o "$bin/gencorpus" ./bench/gencorpus
  [ -x /usr/bin/time ] || { echo "GNU time is not installed (apt-get install time)" >&2; exit 1; }
}

# measure LABEL CMD... runs CMD under /usr/bin/time -v, keeps its output in
# $out/last.log and appends "label wall_s cpu_s rss_kb" to $out/times.
# With allow_fail=1 in its environment, a command that fails is timed too
# (an import that refused some reports).
measure() {
  local label=$1; shift
  /usr/bin/time -v -o "$out/time.txt" "$@" >"$out/last.log" 2>&1 ||
    [ "${allow_fail:-}" = 1 ] || { cat "$out/last.log" >&2; exit 1; }
  record "$label" "$out/time.txt"
}

# record LABEL FILE appends to $out/times what /usr/bin/time -v wrote in
# FILE: "label wall_s cpu_s rss_kb".
record() {
  awk -v label="$1" '
    /User time/ {u=$NF} /System time/ {s=$NF} /Maximum resident/ {m=$NF}
    /Elapsed \(wall clock\)/ {n=split($NF, p, ":"); w=0; for (i=1; i<=n; i++) w=w*60+p[i]}
    END {printf "%s %.2f %.2f %d\n", label, w, u+s, m}' "$2" >>"$out/times"
}

# corpus generates the corpus if it is missing.
corpus() {
  if [ ! -d "$corpus/sources" ]; then
    echo "generating $n reports into $corpus/sources"
    "$bin/gencorpus" -n "$n" -seed "$seed" -out "$corpus/sources"
  fi
}

# import imports the corpus afresh (timed as "import") and sets aside, with
# their sources, the reports the importer could not place (it writes them
# under content/unresolved) and the sources it refused (a second source for
# a town and year the corpus already has: at 200,000 reports, a few
# recombined texts name another report's town), so that every build sees
# the same files.
import() {
  rm -rf "$corpus/content"
  if [ -d "$corpus/unresolved" ]; then # sources set aside by an earlier run
    cp -r "$corpus/unresolved/sources/." "$corpus/sources/" 2>/dev/null || true
    rm -rf "$corpus/unresolved"
  fi
  allow_fail=1 measure import "$bin/build" import -root "$corpus" -out "$corpus/content" "$corpus/sources"
  refused=0
  for src in $(sed -n 's/^error: \(sources\/[^:]*\): .*/\1/p' "$out/last.log"); do
    [ -f "$corpus/$src" ] || continue
    mkdir -p "$corpus/unresolved/$(dirname "$src")"
    mv "$corpus/$src" "$corpus/unresolved/$src"
    refused=$((refused + 1))
  done
  if grep -q '^error: ' "$out/last.log" && [ "$refused" = 0 ]; then
    cat "$out/last.log" >&2
    exit 1
  fi
  imported=$(find "$corpus/content" -name '*.md' | wc -l)
  unresolved=0
  if [ -d "$corpus/content/unresolved" ]; then
    unresolved=$(find "$corpus/content/unresolved" -name '*.md' | wc -l)
    for f in "$corpus"/content/unresolved/*.md; do
      src=$(sed -n 's/^source: //p' "$f" | head -1)
      if [ -n "$src" ] && [ -f "$corpus/$src" ]; then
        mkdir -p "$corpus/unresolved/$(dirname "$src")"
        mv "$corpus/$src" "$corpus/unresolved/$src"
      fi
    done
    mv "$corpus/content/unresolved" "$corpus/unresolved/content"
  fi
  echo "imported $imported reports; $unresolved could not be placed and $refused were refused, and are set aside"
}

# table prints, for each label of $out/times in the order given, the runs,
# the median wall time with its spread, the median CPU time and the largest
# peak RSS; then the ratios of equal work, each as the ratio of the medians
# and as the median of the runs' own ratios (the k-th run of one step over
# the k-th of the other, run one after the other): a machine whose speed
# drifts over minutes moves both steps of a run alike, and the medians of
# each step, taken from different runs, apart.
table() {
  awk -v order="$*" '
    function median(a, k,   i, j, t) {
      for (i = 1; i <= k; i++) for (j = i + 1; j <= k; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
      return (k % 2) ? a[(k + 1) / 2] : (a[k / 2] + a[k / 2 + 1]) / 2
    }
    # runs gives the median, over the runs, of the ratio of x to the sum
    # of the steps in y (space-separated), with its spread.
    function runs(x, y,   k, i, j, m, ys, d, r, lo, hi) {
      k = count[x]; m = split(y, ys, " ")
      for (j = 1; j <= m; j++) if (count[ys[j]] < k) k = count[ys[j]]
      if (k < 1) return ""
      for (i = 1; i <= k; i++) {
        d = 0; for (j = 1; j <= m; j++) d += wall[ys[j], i]
        r[i] = wall[x, i] / d
        if (i == 1 || r[i] < lo) lo = r[i]; if (i == 1 || r[i] > hi) hi = r[i]
      }
      return sprintf("; median of the runs\047 ratios: %.2f (%.2f-%.2f)", median(r, k), lo, hi)
    }
    { k = ++count[$1]; wall[$1, k] = $2; cpu[$1, k] = $3; if ($4 > rss[$1]) rss[$1] = $4 }
    END {
      printf "%-17s %4s %9s %15s %8s %9s\n", "step", "runs", "wall s", "(min-max)", "CPU s", "peak RSS"
      n = split(order, names, " ")
      for (o = 1; o <= n; o++) {
        t = names[o]; k = count[t]; if (!k) continue
        lo = hi = wall[t, 1]
        for (i = 1; i <= k; i++) { w[i] = wall[t, i]; c[i] = cpu[t, i]; if (w[i] < lo) lo = w[i]; if (w[i] > hi) hi = w[i] }
        med[t] = median(w, k)
        printf "%-17s %4d %9.2f %15s %8.2f %6d MB\n", t, k, med[t], sprintf("(%.2f-%.2f)", lo, hi), median(c, k), rss[t] / 1024
      }
      if (med["equal"] > 0 && med["hugo"] > 0) printf "equal work, ours/hugo, median wall time: %.2f%s\n", med["equal"] / med["hugo"], runs("equal", "hugo")
      if (med["equal"] > 0 && med["hugo"] > 0 && med["pagefind"] > 0) printf "equal work with search, ours/(hugo + pagefind), median wall time: %.2f%s\n", med["equal"] / (med["hugo"] + med["pagefind"]), runs("equal", "hugo pagefind")
      if (med["ours"] > 0 && med["floor"] > 0) printf "ours/floor, median wall time: %.2f%s (pages not rendered, see -floor)\n", med["ours"] / med["floor"], runs("ours", "floor")
      for (o = 1; o <= n; o++) {
        t = names[o]
        if (t !~ /-against$/ && med[t] > 0 && med[t "-against"] > 0) printf "%s, ours/against, median wall time: %.2f%s\n", t, med[t] / med[t "-against"], runs(t, t "-against")
      }
      if (med["ours"] > 0 && med["nosearch"] > 0) printf "the search index adds %.0f%% to the build time (median wall time with it over without it)\n", 100 * (med["ours"] / med["nosearch"] - 1)
    }' "$out/times"
}
