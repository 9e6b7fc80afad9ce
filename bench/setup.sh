#!/usr/bin/env bash
# bench/setup.sh: prepares `npm run bench`; idempotent and quick when done.
#  1. npm install in bench/ (tfjs 4.22 cpu + wasm, onnxruntime-node, and tensorgrad as file:..)
#     when its node_modules is missing or older than bench/package.json (--ignore-scripts: onnxruntime-node's
#     CPU binaries are in its package; its install script only fetches optional CUDA ones);
#  2. compiles the machine-limits helper bench/native/limits.cc with the
#     system g++ (no -march flag: the helper picks AVX-512 / AVX2 / SSE2
#     kernels at run time) when the binary is missing or older than its source;
#  3. says whether PyTorch is importable from /usr/bin/python3 (optional), and if it is, exports the ONNX graphs
#     of the onnxruntime rows into bench/onnx/ (torch/export_onnx.py) when missing or older than the script.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

stamp=node_modules/.bench-installed
if [[ ! -f $stamp || package.json -nt $stamp \
      || ! -d node_modules/@tensorflow/tfjs || ! -d node_modules/@tensorflow/tfjs-backend-wasm \
      || ! -d node_modules/onnxruntime-node \
      || ! -e node_modules/tensorgrad ]]; then
  echo "bench/setup.sh: npm install in bench/"
  # --ignore-scripts: never run the library's own install/prepare scripts (native
  # rebuild, tsc) from here; the bench uses the build the repository already has.
  npm install --ignore-scripts --no-audit --no-fund --loglevel=error
  touch "$stamp"
fi

bin=native/build/limits
if [[ ! -x $bin || native/limits.cc -nt $bin ]]; then
  echo "bench/setup.sh: compiling native/limits.cc"
  mkdir -p native/build
  "${CXX:-g++}" -O2 -std=c++17 -pthread -Wall -Wextra -o "$bin.tmp" native/limits.cc
  mv "$bin.tmp" "$bin"
fi

py=${BENCH_PYTHON:-/usr/bin/python3}
if ! "$py" -c 'import torch' >/dev/null 2>&1; then
  echo "bench/setup.sh: PyTorch is not importable from $py; the PyTorch column will be skipped."
  echo "  to include it: apt-get install python3-torch libopenblas0-pthread"
  echo "  (the onnxruntime rows need it too: their graphs are exported from PyTorch)"
elif [[ ! -f onnx/W21.cnn.onnx || torch/export_onnx.py -nt onnx/W21.cnn.onnx ]]; then
  echo "bench/setup.sh: exporting the onnxruntime rows' graphs (torch/export_onnx.py)"
  "$py" torch/export_onnx.py onnx
fi
if [[ ! -f ../dist/index.js && ! -f ../dist/index.mjs ]]; then
  echo "bench/setup.sh: tensorgrad is not built yet (no dist/); its cells will read n/a. Build with: npm run build:ts"
fi
