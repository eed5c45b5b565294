#!/usr/bin/env bash
# serve.sh - set-up if needed, build the web app (Release, SIMD) and serve it
# on http://127.0.0.1:8080 (PORT or --port N to change).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
port="${PORT:-8080}"
if [ "${1:-}" = "--port" ]; then port="${2:?--port wants a number}"; fi
bash scripts/setup.sh
source scripts/env.sh
bash scripts/build.sh wasm --target web_dist
exec node scripts/static-server.mjs build/wasm/web --port "$port"
