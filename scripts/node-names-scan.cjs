// The node-name scan (issue 15; docs/autograd.md): runs scripts/node-names-scan.py (PyTorch 1.13's grad_fn of
// every public op over a few generic argument patterns), makes the same calls in tensorgrad (dist/, so run
// `npm run build:ts` first) and prints each op whose first output's node name differs, or that tensorgrad
// rejects. A dev tool, not a test: the fixtures pin the names that were fixed.
const { execFileSync } = require('child_process');
const path = require('path');
const tg = require(path.join(__dirname, '..', 'dist', 'index.js'));

const list = JSON.parse(execFileSync('/usr/bin/python3', [path.join(__dirname, 'node-names-scan.py')], { encoding: 'utf8', maxBuffer: 1 << 26 }));
console.warn = () => {}; // deprecation warnings of the calls
let s = 1;
const rnd = () => ((s = (s * 16807) % 2147483647), s / 2147483647);
const gen = (shape) => tg.tensor(Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rnd() + 0.5), { dtype: 'float64' }).reshape(shape);
// the patterns of node-names-scan.py (values differ; node names do not depend on them)
const P = {
  x34: () => [gen([3, 4])], x34_y34: () => [gen([3, 4]), gen([3, 4])], x44: () => [gen([4, 4]).add(tg.eye(4, { dtype: 'float64' }).mul(4))],
  x34_d1: () => [gen([3, 4]), 1], x234: () => [gen([2, 3, 4])], x234_y234: () => [gen([2, 3, 4]), gen([2, 3, 4])], x4: () => [gen([4])],
  x4_y4: () => [gen([4]), gen([4])], x34_y4: () => [gen([3, 4]), gen([4])], x34_y43: () => [gen([3, 4]), gen([4, 3])],
  x1234: () => [gen([1, 2, 3, 4])], x1234_y1234: () => [gen([1, 2, 3, 4]), gen([1, 2, 3, 4])], x34_y34_z34: () => [gen([3, 4]), gen([3, 4]), gen([3, 4])],
};
const NS = { torch: tg, 'nn.functional': tg.nn.functional, linalg: tg.linalg, special: tg.special };
const camel = (n) => n.replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase());
const diffs = [];
for (const e of list) {
  const args = P[e.pattern]().map((a) => (a instanceof tg.Tensor ? a.requiresGrad_(true) : a));
  const name = camel(e.name);
  let got;
  try {
    const fn = e.ns === 'Tensor' ? args[0][name] : NS[e.ns][name];
    if (typeof fn !== 'function') got = 'missing';
    else {
      const r = e.ns === 'Tensor' ? fn.apply(args[0], args.slice(1)) : fn(...args);
      const o = Array.isArray(r) ? r[0] : r && r[0] instanceof tg.Tensor ? r[0] : r;
      got = o && o.gradFn ? o.gradFn.name : 'none';
    }
  } catch (err) {
    got = `throws: ${String(err.message).slice(0, 100)}`;
  }
  if (got !== e.grad_fn) diffs.push(`${e.ns}.${e.name} (${e.pattern}): PyTorch ${e.grad_fn}, tensorgrad ${got}`);
}
console.log(diffs.join('\n'));
console.log(`${diffs.length} of ${list.length} calls differ`);
