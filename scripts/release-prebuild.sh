#!/usr/bin/env bash
# The release step for this platform's prebuilt addon (Note [Prebuilt addons] in docs/build.md): compiles the
# addon from a clean build/ (node-gyp rebuild: the kernels for every instruction set, chosen at run time; no
# -march=native anywhere), strips it, and puts it where the loader and the install step look:
# prebuilds/<platform>-<arch>/tensorgrad.<libc>.node. `npm pack` then ships it (package.json "files").
# Here it builds linux-x64 (glibc); .github/workflows/prebuilds.yml runs the same script on the other platforms.
#   --reuse   copy build/Release/tensorgrad.node when it is newer than every native source and binding.gyp
#             (.ci/run: `npm ci` has just compiled it from these sources with these flags) instead of rebuilding.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
reuse=0
[ "${1:-}" = "--reuse" ] && reuse=1
built=build/Release/tensorgrad.node
if [ $reuse = 1 ] && [ -f "$built" ] && [ -z "$(find native binding.gyp -newer "$built" -type f -print -quit)" ]; then
  echo "release-prebuild: reusing $built (newer than every source)"
else
  npm run build  # node-gyp rebuild -j max, with npm's own node-gyp (on PATH in npm scripts, on every OS)
fi
dest="$(node -p "require('./scripts/prebuilds.cjs').prebuildFile()")"
mkdir -p "$(dirname "$dest")"
cp "$built" "$dest.tmp"
# Debug symbols are a third of the file; the exported Node-API entry point stays.
if [ "$(uname)" = Linux ]; then strip --strip-unneeded "$dest.tmp"; fi
mv "$dest.tmp" "$dest"
# It must load and report the kernel sets this CPU can run (chosen at run time by native/cpu/dispatch.cc).
TG_ADDON_PATH="$root/$dest" node -e "
  const a = require(process.env.TG_ADDON_PATH);
  console.log('release-prebuild: ' + process.argv[1] + ' (' + (require('fs').statSync(process.env.TG_ADDON_PATH).size / 1048576).toFixed(1) + ' MiB), kernels ' + a.capabilities().join(', '));
" "$dest"
