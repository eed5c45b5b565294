#!/usr/bin/env bash
# fuzz.sh - builds the "fuzz" preset (libFuzzer + ASan + UBSan, clang-14) and
# runs every target in fuzz/ for SECONDS each (default 20), one after another.
#   scripts/fuzz.sh [SECONDS] [TARGET...]     e.g. scripts/fuzz.sh 60 scene_fuzz
# Seeds come from fuzz/corpus/<target> (committed, read only); what the fuzzer
# learns goes to build/fuzz/corpus/<target> and is reused by the next run.
# A crash, leak, sanitizer report or timeout leaves its input in
# build/fuzz/artifacts/ and makes the script exit 1. Ends with one line per
# target: executions, seconds, corpus size. CONVSCOPE_FUZZ_SKIP_BUILD=1 runs
# the binaries already in build/fuzz. CONVSCOPE_FUZZ_SEED=N fixes libFuzzer's
# random seed (scripts/test.sh uses 1, so every CI run tries the same inputs
# in the same order; left unset, each run explores anew).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
source scripts/env.sh
seconds="${1:-20}"
[[ "$seconds" =~ ^[0-9]+$ ]] || { echo "fuzz: error: SECONDS must be a whole number, got '$seconds'" >&2; exit 2; }
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  for f in fuzz/*_fuzz.cpp; do targets+=("$(basename "$f" .cpp)"); done
fi

if [ "${CONVSCOPE_FUZZ_SKIP_BUILD:-0}" != 1 ]; then  # set by callers that just built it
  echo "== build: fuzz"
  bash scripts/build.sh fuzz >/dev/null
fi

build="$ROOT/build/fuzz"
mkdir -p "$build/artifacts"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
status=0
summary=()
for t in "${targets[@]}"; do
  bin="$build/$t"
  [ -x "$bin" ] || { echo "fuzz: error: no target '$t' (fuzz/$t.cpp)" >&2; exit 2; }
  work="$build/corpus/$t"
  mkdir -p "$work"
  args=(-max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536
        -print_final_stats=1 -artifact_prefix="$build/artifacts/$t-")
  [ -f "fuzz/$t.dict" ] && args+=(-dict="fuzz/$t.dict")
  [ -n "${CONVSCOPE_FUZZ_SEED:-}" ] && args+=(-seed="$CONVSCOPE_FUZZ_SEED")
  echo "== fuzz: $t for ${seconds} s"
  log="$build/$t.log"
  if "$bin" "${args[@]}" "$work" "fuzz/corpus/$t" >"$log" 2>&1; then
    result=ok
  else
    result=FAILED
    status=1
    grep -E "ERROR|runtime error|invariant broken|Test unit written" "$log" | head -20 >&2 || true
    echo "fuzz: $t failed; full log: $log" >&2
  fi
  runs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)"
  secs="$(sed -n 's/^Done [0-9]* runs in \([0-9]*\) second.*/\1/p' "$log" | tail -1)"
  files="$(find "$work" -type f | wc -l)"
  summary+=("$(printf '%-15s %-6s %10s executions in %4s s; corpus %s files' "$t" "$result" "${runs:-?}" "${secs:-?}" "$files")")
done
echo "== fuzz summary (${seconds} s per target)"
printf '%s\n' "${summary[@]}"
exit $status
