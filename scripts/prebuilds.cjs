// Where tensorgrad's prebuilt addons live and which one this process can use (Note [Prebuilt addons] in
// docs/build.md). Shared by lib/native.ts (the loader), scripts/install.cjs (npm's install step, which must not
// compile when a prebuild fits) and scripts/prebuild.sh (the release step that writes them).
//
// Layout, as prebuildify's: prebuilds/<platform>-<arch>/tensorgrad[.<libc>].node, where <platform> and <arch>
// are process.platform and process.arch (linux-x64, linux-arm64, darwin-arm64, darwin-x64, win32-x64) and
// Linux binaries carry their C library (glibc or musl: a glibc build does not load on Alpine's musl and vice
// versa). The binaries are Node-API (NAPI_VERSION=8), so one file serves every Node >= 18, Bun and Deno.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

/** The C library to prefer on Linux ('musl' on Alpine, else 'glibc'); null off Linux. Node's process.report
 * would say for sure but costs 12-28 ms at import (measured here under Node, Bun, Deno), so the loader instead
 * tries the preferred file, then the other libc's: a binary for the wrong libc fails to load, cheaply. */
function libc(platform = process.platform) {
  if (platform !== 'linux') return null;
  return fs.existsSync('/etc/alpine-release') ? 'musl' : 'glibc';
}

/** The prebuild file name for a platform, arch and libc (relative to the package root). */
function prebuildFile(platform = process.platform, arch = process.arch, lib = libc(platform)) {
  return path.join('prebuilds', `${platform}-${arch}`, lib ? `tensorgrad.${lib}.node` : 'tensorgrad.node');
}

/** The absolute paths of the prebuilds this process may load, the likeliest first (empty: none shipped). */
function findPrebuilds(root) {
  const lib = libc();
  const libs = lib === null ? [null] : [lib, lib === 'glibc' ? 'musl' : 'glibc'];
  return libs.map((l) => path.join(root, prebuildFile(process.platform, process.arch, l))).filter((f) => fs.existsSync(f));
}

module.exports = { libc, prebuildFile, findPrebuilds };
