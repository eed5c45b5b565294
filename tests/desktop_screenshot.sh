#!/usr/bin/env bash
# desktop_screenshot.sh - runs the native app under Xvfb with --screenshot and
# checks the PNG is a real picture (not a blank clear colour).
#   tests/desktop_screenshot.sh APP OUT.png [app args...]
set -euo pipefail
app="$1"; out="$2"; shift 2
here="$(cd "$(dirname "$0")" && pwd)"
command -v xvfb-run >/dev/null || { echo "error: xvfb-run missing (Debian package xvfb)"; exit 1; }
rm -f "$out"
xvfb-run -a -s "-screen 0 1280x800x24" "$app" --screenshot "$out" "$@"
node "$here/tools/png_stats.mjs" "$out" --min-colors 16
