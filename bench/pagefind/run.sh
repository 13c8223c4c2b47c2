#!/bin/sh
# Side-by-side comparison of the site's own search with Pagefind on the
# same built site. Needs Go, node >= 20 with npm, and Chromium; run from
# anywhere in a fresh clone:
#
#   bench/pagefind/run.sh
#
# Writes bench/pagefind/results.md and results.json. CHROMIUM names the
# browser (default: chromium or chromium-browser on PATH); BENCH_WORK keeps
# the built site and bundles in that directory instead of a temporary one.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
work=${BENCH_WORK:-}
if [ -z "$work" ]; then
	work=$(mktemp -d)
	trap 'rm -rf "$work"' EXIT
fi
chromium=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}
if [ -z "$chromium" ]; then
	echo "run.sh: no Chromium on PATH; set CHROMIUM" >&2
	exit 1
fi

cd "$repo"
echo "== site build"
rm -rf "$work/public"
go run ./cmd/build -out "$work/public"

echo "== our index (unless the site build wrote one) and the search page script"
go run ./bench/pagefind/prepare -site "$work/public" -bundle "$work/search.js"

echo "== Pagefind"
cd "$here"
npm ci --no-audit --no-fund
if [ -z "$(ls node_modules/@pagefind 2>/dev/null)" ]; then
	echo "run.sh: Pagefind's platform binary (optional dependency @pagefind/<os>-<cpu>) did not install" >&2
	exit 1
fi
npx pagefind --version
# Defaults: every page of the site, whole <body>.
npx pagefind --site "$work/public" --output-subdir pagefind-all
# Report pages only, the report itself without the table of contents, the
# side column and the section-kind labels: the text our index holds.
npx pagefind --site "$work/public" --output-subdir pagefind \
	--glob "towns/*/*/index.html" --root-selector "article.report" \
	--exclude-selectors ".toc" --exclude-selectors ".report-side" --exclude-selectors ".sec-tools"

echo "== words the two Pagefind segmenters split differently"
node segments.mjs "$work/public/pagefind"

echo "== queries in headless Chromium"
CHROMIUM="$chromium" node harness.mjs --site "$work/public" --work "$work" --repo "$repo" --out "$here"
