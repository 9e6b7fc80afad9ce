// Re-runs the kernel tests once per CPU capability this machine supports (TG_CPU_CAPABILITY), after the
// main vitest run has covered the default (best) capability.
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const root = path.join(__dirname, '..');
const addon = require(process.env.TG_ADDON_PATH || path.join(root, 'build', 'Release', 'tensorgrad.node'));
const caps = addon.capabilities().filter((c) => c !== addon.capability());
const dirs = ['test/native', 'test/optim', 'test/api/seed.test.ts'];
let failed = 0;
for (const cap of caps) {
  console.log(`\n== kernel tests under TG_CPU_CAPABILITY=${cap} ==`);
  const r = spawnSync('npx', ['vitest', 'run', ...dirs], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, TG_CPU_CAPABILITY: cap, CI: '' },
  });
  if (r.status !== 0) failed++;
}
if (failed) {
  console.error(`kernel tests failed under ${failed} capability setting(s)`);
  process.exit(1);
}
