#!/usr/bin/env bash
# Builds native/tests/vec_math_accuracy.cc once per x86 ISA (default, avx2, avx512) into /tmp and runs each.
# Usage: bash native/tests/run_vec_math_accuracy.sh [stride]   (float32 bit-pattern stride, default 61)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
OUT="${TMPDIR:-/tmp}/tg_vec_math"
mkdir -p "$OUT"
CXX="${CXX:-g++}"
COMMON=(-std=c++17 -O2 -Wall -Wextra -Werror -I"$ROOT")
declare -A FLAGS=(
  [default]=""
  [avx2]="-mavx2 -mfma -mf16c"
  [avx512]="-mavx512f -mavx512dq -mavx512vl -mavx512bw -mavx2 -mfma -mf16c"
)
declare -A MACRO=([default]=TG_CPU_DEFAULT [avx2]=TG_CPU_AVX2 [avx512]=TG_CPU_AVX512)
status=0
for isa in default avx2 avx512; do
  if [[ $isa == avx512 ]] && ! grep -q avx512dq /proc/cpuinfo; then echo "skip avx512: CPU lacks it"; continue; fi
  if [[ $isa == avx2 ]] && ! grep -q avx2 /proc/cpuinfo; then echo "skip avx2: CPU lacks it"; continue; fi
  # shellcheck disable=SC2086
  "$CXX" "${COMMON[@]}" ${FLAGS[$isa]} -DTG_CPU_NS=cpu_$isa -D${MACRO[$isa]} \
    "$ROOT/native/tests/vec_math_accuracy.cc" -o "$OUT/vec_math_accuracy_$isa"
  "$OUT/vec_math_accuracy_$isa" "${1:-61}" || status=1
  echo
done
exit $status
