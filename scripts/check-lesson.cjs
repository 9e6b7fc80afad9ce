// Compares the lesson's output (a file, or stdin) with examples/autograd-lesson.expected: PyTorch's strings
// line by line; a line `~ <regex>` matches the cells that print a random tensor (tg.randn, unseeded as in the
// notebook), and `a.grad == d / a` after such a draw, an exact float32 comparison that PyTorch itself prints as
// False for about 6% of draws (measured: 2,000 draws of the same cell). Exit 1 with the first difference. Usage: node scripts/check-lesson.cjs [output-file] [label]
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const expected = fs.readFileSync(path.join(__dirname, '..', 'examples', 'autograd-lesson.expected'), 'utf8').split('\n');
const actual = fs.readFileSync(!process.argv[2] || process.argv[2] === '-' ? 0 : process.argv[2], 'utf8').split('\n');
const label = process.argv[3] || 'lesson';
for (let i = 0; i < Math.max(expected.length, actual.length); i++) {
  const e = expected[i], a = actual[i];
  const ok = e !== undefined && a !== undefined && (e.startsWith('~ ') ? new RegExp(e.slice(2)).test(a) : e === a);
  if (!ok) {
    console.error(`${label}: line ${i + 1} differs\n  expected: ${JSON.stringify(e)}\n  printed:  ${JSON.stringify(a)}`);
    process.exit(1);
  }
}
console.log(`${label}: ${actual.length - 1} lines, PyTorch's strings`);
