// What the types refuse: a misspelt op code (lib/op_codes.ts), a misspelt derivative row, and saved values
// that differ from what the row's formulas read (Note [Saved values by row] in lib/autograd/function_node.ts).
// One tsc run over a probe file; each line marked `// error` must fail and every other line must compile.
import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const lib = (f: string) => join(root, 'lib', f).replace(/\\/g, '/');

const probe = `
import { UnaryOp } from '${lib('op_codes.js')}';
import { record } from '${lib('autograd/record.js')}';
import type { Tensor } from '${lib('tensor.js')}';
declare const x: Tensor;
export const ok: UnaryOp = UnaryOp.tanh;
export const bad = UnaryOp.tahn; // error
record('tanh', [x], x, () => ({ result: x }));
record('sumDim', [x], x, () => ({ shape: [2], dims: [0], keepdim: false }));
record('neg', [x], x);
record('tahn', [x], x, () => ({ result: x })); // error
record('tanh', [x], x); // error
record('tanh', [x], x, () => ({})); // error
record('tanh', [x], x, () => ({ self: x })); // error
record('tanh', [x], x, () => ({ result: x, self: x })); // error
record('sumDim', [x], x, () => ({ shape: [2], dims: [0], keepdim: 'no' })); // error
record('sign', [x], x, () => ({ self: x })); // error
`;

describe('compile errors', () => {
  it('misspelt op codes and rows, and saved values a row does not declare, do not compile', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tg-types-'));
    try {
      const file = join(dir, 'probe.ts');
      writeFileSync(file, probe);
      const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
      const r = spawnSync(process.execPath, [tsc, '--noEmit', '--strict', '--skipLibCheck', '--module', 'commonjs', '--target', 'ES2022', '--types', 'node', file], {
        encoding: 'utf8',
        cwd: root,
      });
      const failing = new Set([...r.stdout.matchAll(/probe\.ts\((\d+),\d+\): error/g)].map((m) => Number(m[1])));
      const lines = probe.split('\n');
      const expected = new Set(lines.flatMap((l, i) => (l.endsWith('// error') ? [i + 1] : [])));
      expect(expected.size).toBe(8);
      expect([...failing].sort((a, b) => a - b)).toEqual([...expected].sort((a, b) => a - b));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
