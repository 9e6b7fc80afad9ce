// npm's "install" step for tensorgrad: keep a matching prebuilt addon (no compiler needed), else compile the
// addon from source with node-gyp, as before prebuilds existed. Written here rather than taken from the
// node-gyp-build package: the check is twenty lines, it shares scripts/prebuilds.cjs with the loader so the two
// cannot disagree on which file fits, and tensorgrad keeps a single runtime dependency (node-addon-api).
'use strict';
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { findPrebuilds } = require('./prebuilds.cjs');

const root = path.join(__dirname, '..');

function usable(file) {
  try {
    // Loading is the real test: a glibc binary on musl, a missing symbol or an old CPU fails here.
    const addon = require(file);
    return typeof addon.capability === 'function' ? addon.capability() : 'loaded';
  } catch (e) {
    console.log(`tensorgrad: the prebuilt addon ${path.relative(root, file)} does not load here (${e.message.split('\n')[0]})`);
    return null;
  }
}

const prebuilds = process.env.TG_BUILD_FROM_SOURCE ? [] : findPrebuilds(root);
for (const file of prebuilds) {
  const cap = usable(file);
  if (cap) {
    console.log(`tensorgrad: using the prebuilt addon ${path.relative(root, file)} (kernels: ${cap}); nothing to compile`);
    process.exit(0);
  }
}
console.log('tensorgrad: no prebuilt addon fits this platform; compiling from source (node-gyp)');
// npm puts its bundled node-gyp on PATH for lifecycle scripts and names it in npm_config_node_gyp.
const gyp = process.env.npm_config_node_gyp;
const [cmd, args] = gyp ? [process.execPath, [gyp, 'rebuild', '-j', 'max']] : ['node-gyp', ['rebuild', '-j', 'max']];
const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', shell: !gyp && process.platform === 'win32' });
if (r.error) console.error(`tensorgrad: could not run node-gyp (${r.error.message})`);
process.exit(r.status === null ? 1 : r.status);
