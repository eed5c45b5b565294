#!/usr/bin/env bash
# bench-train.sh - the training benchmark of docs/PERFORMANCE.md ("Training"), all in one
# run: one epoch of the chapter's CNN and of the small one (models/train/*.json) on the
# 8,000 training digits of digits.bin, batch 32, Adam, one thread, by
#   ours natively (convscope-cli train), ours WASM SIMD and scalar under Node (the JS
#   module's train(): bench/train_web.mjs), PyTorch (Debian's python3-torch:
#   bench/train_torch.py) and TensorFlow.js 4.22 model.fit (bench/train_tfjs.mjs);
# then the chapter's CNN on one digit, natively (convscope_bench forward_one) and in WASM
# SIMD. The table: bench/train_table.mjs. Also run by scripts/bench.sh (--train-only).
#   scripts/bench-train.sh [--tfjs-budget SECONDS]   (default 60: tfjs-backend-cpu is slow,
#                                                      it stops then and extrapolates)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
source scripts/env.sh
export CONVSCOPE_JOBS="${CONVSCOPE_JOBS:-2}"

tfjs_budget=60
while [ $# -gt 0 ]; do
  case "$1" in
    --tfjs-budget) tfjs_budget="${2:?--tfjs-budget needs seconds}"; shift 2 ;;
    *) echo "bench-train: error: unknown option '$1' (--tfjs-budget SECONDS)" >&2; exit 2 ;;
  esac
done

# Debian's PyTorch; /usr/bin/python3 because a python3 earlier on PATH (pyenv, a venv) does
# not see Debian's packages.
PYTHON="${PYTHON:-/usr/bin/python3}"
if ! "$PYTHON" -c 'import torch' 2>/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "== PyTorch is missing: apt-get install -y python3-torch" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -o DPkg::Lock::Timeout=600 python3-torch >&2 || {
      echo "bench-train: error: apt-get could not install python3-torch; run: apt-get update && apt-get install -y python3-torch" >&2
      exit 1
    }
  else
    echo "bench-train: error: PyTorch is missing for $PYTHON; run: sudo apt-get install -y python3-torch" >&2
    exit 1
  fi
fi

echo "== build: convscope-cli, convscope_bench, the digits; JS module + kernels module, SIMD and scalar" >&2
bash scripts/build.sh native --target convscope-cli convscope_bench digits_asset >&2
bash scripts/build.sh wasm --target convscope_core_js_entry wasm_peak kernels_module >&2
bash scripts/build.sh wasm-scalar --target convscope_core_js_entry kernels_module >&2

digits="$ROOT/build/native/data/digits.bin"
results="$ROOT/build/bench-train.jsonl"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
node bench/train_data.mjs "$digits" "$tmp/train.u8" "$tmp/train.json"
: > "$results"
echo "load average at the start: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
echo "PyTorch: Debian python3-torch $(dpkg-query -W -f '${Version}' python3-torch 2>/dev/null || echo '(not from dpkg)'); $(gcc --version | head -1); $(emcc --version 2>/dev/null | head -1)"

# A command's output, then a line "cpu SECONDS": its user + system CPU time (getrusage).
cpu_of() {
  "$PYTHON" -c 'import resource, subprocess, sys
p = subprocess.run(sys.argv[1:], stdout=subprocess.PIPE, text=True)
sys.stdout.write(p.stdout)
r = resource.getrusage(resource.RUSAGE_CHILDREN)
print("cpu %.3f" % (r.ru_utime + r.ru_stime))
sys.exit(p.returncode)' "$@"
}

# The same 8,000 digits as a BATCH.json: no validation part for the CLI to evaluate, so the
# CPU time of a 2-epoch run minus a 1-epoch run is one epoch's (reading the file cancels).
echo "== ours, native: convscope-cli train, 1 and 2 epochs each" >&2
for m in chapter small; do
  train=(build/native/convscope-cli train "models/train/digits-$m-cnn.json" --data "$tmp/train.json"
    --batch-size 32 --optimizer adam --learning-rate 0.001 --seed 42)
  one="$(cpu_of "${train[@]}" --epochs 1)"
  two="$(cpu_of "${train[@]}" --epochs 2)"
  echo "$two" >&2
  # "epoch 2/2 loss ... seconds S": the second epoch's wall time, warm, as the other contenders
  s="$(echo "$two" | sed -n 's/^epoch 2\/2 .* seconds \([0-9.]*\)$/\1/p')"
  cpu="$(node -e 'console.log((process.argv[2] - process.argv[1]).toFixed(3))' \
    "$(echo "$one" | sed -n 's/^cpu //p')" "$(echo "$two" | sed -n 's/^cpu //p')")"
  echo "{\"who\": \"ours-native\", \"model\": \"$m\", \"examples\": 8000, \"wall\": $s, \"cpu\": $cpu}" >> "$results"
done
CONVSCOPE_DATA="$digits" build/native/convscope_bench --benchmark_filter='^forward_one$' \
  --benchmark_repetitions=25 --benchmark_min_time=0.05 --benchmark_format=json 2>/dev/null |
  node -e '
    const r = JSON.parse(require("fs").readFileSync(0, "utf8")).benchmarks;
    const med = r.find((b) => b.aggregate_name === "median");
    med.label = med.label || r[0].label;
    const reps = r.filter((b) => b.run_type === "iteration").length;
    console.log(JSON.stringify({who: "ours-native", isa: med.label, forward_ms: med.real_time / 1000,
      forward_cpu_ms: med.cpu_time / 1000, repetitions: reps}));
  ' >> "$results"

echo "== ours, WebAssembly: train() of the SIMD and scalar builds; forward on one digit" >&2
node bench/train_web.mjs --digits "$digits" --simd build/wasm --scalar build/wasm-scalar | tee -a "$results" >&2

echo "== PyTorch, 1 thread, 2 epochs each" >&2
"$PYTHON" bench/train_torch.py "$tmp/train.u8" 2 | tee -a "$results" >&2

echo "== TensorFlow.js model.fit, about $tfjs_budget s per model" >&2
node bench/train_tfjs.mjs "$digits" --budget "$tfjs_budget" 2>/dev/null | grep '^{' | tee -a "$results" >&2

echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
echo
node bench/train_table.mjs "$results" --simd build/wasm
echo
echo "(raw results: build/bench-train.jsonl)"
