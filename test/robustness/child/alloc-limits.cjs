// Allocations that cannot succeed: past Node's buffer limit (4 GiB on Node 20), past physical memory, and
// through native-only paths (expand + a reduction gathers natively). Each must be a RangeError.
'use strict';
const tg = require(process.env.TG_LIB).default;
const cases = [
  ['ones([2**32])', () => tg.ones([2 ** 32])],
  ['empty([2**31, 3])', () => tg.empty([2 ** 31, 3])],
  ['zeros([2**40])', () => tg.zeros([2 ** 40])],
  ['expand([2**32]).sum()', () => tg.ones([1]).expand([2 ** 32]).sum()],
  ['expand([2**31]).exp()', () => tg.ones([1]).expand([2 ** 31]).exp()],
  ['arange(1e15)', () => tg.arange(1e15)],
  ['linspace(0, 1, 2**40)', () => tg.linspace(0, 1, 2 ** 40)],
];
const results = [];
for (const [what, fn] of cases) {
  try {
    fn();
    results.push([what, 'returned', '']);
  } catch (e) {
    results.push([what, e && e.constructor && e.constructor.name, String(e && e.message)]);
  }
}
process.stdout.write(JSON.stringify({ results }) + '\n');
