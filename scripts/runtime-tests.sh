#!/usr/bin/env bash
# Runs test/runtimes/suite.mjs (the lesson, autograd engine, kernels under every capability, nn,
# safetensors, worker threads) under Node, Bun and Deno, against dist/ and the addon the loader picks.
# Bun and Deno are the devDependencies' binaries (TG_BUN / TG_DENO override). Run: npm run test:runtimes
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
bun="${TG_BUN:-$root/node_modules/.bin/bun}"
deno="${TG_DENO:-$root/node_modules/.bin/deno}"
passed=0 failed=0
for rt in node bun deno; do
  case $rt in
    node) cmd=(node test/runtimes/suite.mjs) ;;
    bun) cmd=("$bun" test/runtimes/suite.mjs) ;;
    deno) cmd=("$deno" run -A test/runtimes/suite.mjs) ;;
  esac
  echo "== $rt =="
  out="$(timeout 300 "${cmd[@]}" 2>&1)"
  status=$?
  echo "$out"
  p=$(echo "$out" | sed -n 's/.* \([0-9]*\) passed, \([0-9]*\) failed$/\1/p' | tail -1)
  f=$(echo "$out" | sed -n 's/.* \([0-9]*\) passed, \([0-9]*\) failed$/\2/p' | tail -1)
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0}))
  if [ $status -ne 0 ] && [ "${f:-0}" = 0 ]; then failed=$((failed + 1)); echo "$rt: exited with status $status"; fi
done
echo "runtimes: $passed passed, $failed failed"
[ $failed -eq 0 ]
