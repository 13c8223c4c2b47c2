#!/usr/bin/env bash
# Takes screenshots of the built site with headless Chromium, at a phone
# width (390 px) and a desktop width (1280 px), served under a sub-path the
# way a county portal serves it. Look at them after every change of
# templates/ or assets/.
#
# usage: scripts/screenshots.sh [OUTDIR] [HEIGHT]
#   OUTDIR  where the PNGs go (default: a new temporary directory)
#   HEIGHT  window height in px (default 2000: most of a page)
# Needs: go, python3, chromium (Debian: apt-get install chromium fonts-noto-cjk).
set -euo pipefail

cd "$(dirname "$0")/.."
out=${1:-$(mktemp -d)}
height=${2:-2000}
mkdir -p "$out"
base=/zwgk/fzzfjsnb/
port=${PORT:-8391}

work=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; rm -rf "$work"' EXIT

# Build into a scratch directory so the repository's public/ is untouched;
# new sources are imported into a scratch content/ as well.
mkdir -p "$work/content"
if [ -d content ]; then cp -r content/. "$work/content/"; fi
go run ./cmd/build -content "$work/content" -out "$work/srv${base%/}" -base-path "$base" >/dev/null

python3 -m http.server "$port" --bind 127.0.0.1 --directory "$work/srv" >/dev/null 2>&1 &
server=$!
for _ in $(seq 50); do
  curl -fs "http://127.0.0.1:$port$base" >/dev/null 2>&1 && break
  sleep 0.1
done

site="$work/srv${base%/}"
report=$(cd "$site" && ls -d towns/*/[0-9]*/ | head -1)
town=${report%[0-9][0-9][0-9][0-9]/}
compare=$(cd "$site" && { ls -d compare/[0-9]*/*/ 2>/dev/null || true; } | head -1)

shoot() { # name path width
  chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --hide-scrollbars --user-data-dir="$(mktemp -d -p "$work")" \
    --screenshot="$out/$1-$3.png" --window-size="$3,$height" \
    "http://127.0.0.1:$port$base$2" >/dev/null 2>&1
}

for w in 390 1280; do
  shoot home "" "$w"
  shoot report "$report" "$w"
  shoot town "$town" "$w"
  if [ -n "$compare" ]; then shoot compare "$compare" "$w"; fi
done
echo "screenshots in $out:"
ls "$out"
