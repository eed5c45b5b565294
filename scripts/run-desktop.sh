#!/usr/bin/env bash
# run-desktop.sh - set-up if needed, build and start the native desktop app.
# Arguments go to the app: --scene FILE.json, --screenshot FILE.png, --size WxH.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
bash scripts/setup.sh >&2
source scripts/env.sh
bash scripts/build.sh native --target convscope >&2
exec build/native/convscope "$@"
