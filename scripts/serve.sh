#!/usr/bin/env bash
# serve.sh - set-up if needed, build the web app (Release; SIMD and the
# non-SIMD fallback, assembled by build-web.sh into build/web-dist) and
# serve it on http://127.0.0.1:8080 (PORT or --port N to change; --csp sends
# the strict Content-Security-Policy header).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
port="${PORT:-8080}"
csp=()
while [ $# -gt 0 ]; do
  case "$1" in
    --port) port="${2:?--port wants a number}"; shift ;;
    --csp) csp=(--csp) ;;
    *) echo "serve: error: unknown option '$1' (--port N, --csp)" >&2; exit 2 ;;
  esac
  shift
done
bash scripts/setup.sh
source scripts/env.sh
bash scripts/build-web.sh
exec node scripts/static-server.mjs build/web-dist --port "$port" "${csp[@]}"
