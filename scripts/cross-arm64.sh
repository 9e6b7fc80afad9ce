#!/usr/bin/env bash
# Cross-compiles the linux-arm64 (glibc) prebuild on an x86-64 Debian machine and tests it under qemu-user
# (docs/build.md, "linux-arm64 here"). Not part of CI (the emulated suite takes minutes); a release on a real
# arm64 runner is .github/workflows/prebuilds.yml. Needs Debian's g++-aarch64-linux-gnu and qemu-user:
#   apt-get install g++-aarch64-linux-gnu qemu-user
# Steps: (1) node-gyp builds the addon for arm64 (NEON kernels + baseline) in a scratch copy of the sources;
# (2) native/tests/gemm_test.cc for NEON, static, runs under qemu-aarch64; (3) the runtime suite
# (test/runtimes/suite.mjs) runs against the arm64 addon under the arm64 builds of Bun and Deno (npm
# packages @oven/bun-linux-aarch64 and @deno/linux-arm64-glibc, at the devDependencies' versions) under qemu.
# The result stays in prebuilds/linux-arm64/tensorgrad.glibc.node. Usage: bash scripts/cross-arm64.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
for tool in aarch64-linux-gnu-g++ qemu-aarch64; do
  command -v $tool >/dev/null || { echo "cross-arm64: $tool missing (apt-get install g++-aarch64-linux-gnu qemu-user)" >&2; exit 1; }
done
work="$(mktemp -d /tmp/tg-arm64.XXXXXX)"
trap 'rm -rf "$work"' EXIT
sysroot=/usr/aarch64-linux-gnu

echo "== 1. the addon for linux-arm64 =="
git archive HEAD native binding.gyp package.json | tar -x -C "$work"
ln -s "$root/node_modules" "$work/node_modules"
t0=$(date +%s)
(cd "$work" && CC=aarch64-linux-gnu-gcc CXX=aarch64-linux-gnu-g++ LINK=aarch64-linux-gnu-g++ AR=aarch64-linux-gnu-ar \
  node "$(dirname "$(readlink -f "$(command -v npm)")")/../node_modules/node-gyp/bin/node-gyp.js" rebuild --arch=arm64 --nodedir="$(dirname "$(dirname "$(readlink -f "$(command -v node)")")")" -j 2 > build.log 2>&1) \
  || { tail -30 "$work/build.log"; exit 1; }
mkdir -p prebuilds/linux-arm64
aarch64-linux-gnu-strip --strip-unneeded -o prebuilds/linux-arm64/tensorgrad.glibc.node "$work/build/Release/tensorgrad.node"
echo "built in $(( $(date +%s) - t0 )) s: $(file -b prebuilds/linux-arm64/tensorgrad.glibc.node | cut -d, -f1-2)"

echo "== 2. GEMM kernel tests (NEON) under qemu-aarch64 =="
common=(-std=c++17 -O3 -Wall -Wextra -I"$root/native" -pthread -static -DTG_CPU_NS=cpu_neon -DTG_CPU_NEON=1)
aarch64-linux-gnu-g++ "${common[@]}" native/tests/gemm_test.cc native/cpu/gemm_kernels.cc native/core/parallel.cc -o "$work/gemm_test_neon"
qemu-aarch64 "$work/gemm_test_neon" --no-bench

echo "== 3. the runtime suite under arm64 Bun and Deno (qemu-aarch64) =="
pkg="$work/pkg"
mkdir -p "$pkg/scripts" "$pkg/test" "$pkg/prebuilds"
cp -r dist "$pkg/"
cp scripts/prebuilds.cjs "$pkg/scripts/"
cp -r test/runtimes "$pkg/test/"
cp -r prebuilds/linux-arm64 "$pkg/prebuilds/"
bunv="$(node -p "require('./package.json').devDependencies.bun")"
denov="$(node -p "require('./package.json').devDependencies.deno")"
(cd "$work" && npm pack --silent "@oven/bun-linux-aarch64@$bunv" "@deno/linux-arm64-glibc@$denov" >/dev/null)
mkdir "$work/bun" "$work/deno"
tar -xzf "$work"/oven-bun-linux-aarch64-*.tgz -C "$work/bun"
tar -xzf "$work"/deno-linux-arm64-glibc-*.tgz -C "$work/deno"
status=0
(cd "$pkg" && time qemu-aarch64 -L "$sysroot" "$work/bun/package/bin/bun" test/runtimes/suite.mjs) || status=1
(cd "$pkg" && time qemu-aarch64 -L "$sysroot" "$work/deno/package/deno" run -A test/runtimes/suite.mjs) || status=1
exit $status
