#!/usr/bin/env bash
# Builds native/tests/vec_sse2_test.cc twice with the default capability's flags (plain-array Vec, SSE2 Vec)
# into a temp dir and compares the two bit for bit. x86-64 only.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="$(mktemp -d /tmp/tg_vec_sse2.XXXXXX)"
trap 'rm -rf "$out"' EXIT
CXX="${CXX:-g++}"
common=(-std=c++17 -O3 -fno-math-errno -Wall -Wextra -Werror -I"$ROOT" -I"$ROOT/native" -DTG_CPU_DEFAULT=1)
"$CXX" "${common[@]}" -DTG_CPU_NS=cpu_generic -DTG_VEC_FORCE_GENERIC -c "$ROOT/native/tests/vec_sse2_test.cc" -o "$out/generic.o"
"$CXX" "${common[@]}" -DTG_CPU_NS=cpu_sse2 -c "$ROOT/native/tests/vec_sse2_test.cc" -o "$out/sse2.o"
"$CXX" "$out/generic.o" "$out/sse2.o" -o "$out/vec_sse2_test"
"$out/vec_sse2_test"
