// Every @example of the TSDoc in lib/ and every ```js/```ts block of docs/porting.md and docs/func.md runs against the library
// and its expected-output comments hold (Note [Doc examples] in examples.ts), all in this one process.
// The built library (dist/, `npm run build:ts`) is used when it is at least as new as lib/; otherwise lib/
// itself (the same code, compiled by vitest), so that editing lib/ without rebuilding does not fail this test.
import { describe, it, expect } from 'vitest';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import * as source from '../../lib/index.js';
import { tsdocExamples, markdownExamples, runExample, instrument } from './examples.js';

const root = join(__dirname, '..', '..');
const newest = (dir: string): number => Math.max(...readdirSync(dir).map((f) => {
  const p = join(dir, f), s = statSync(p);
  return s.isDirectory() ? newest(p) : f.endsWith('.ts') ? s.mtimeMs : 0;
}));
const distIndex = join(root, 'dist', 'index.js');
const useDist = existsSync(distIndex) && statSync(distIndex).mtimeMs >= newest(join(root, 'lib'));
const tg = (useDist ? createRequire(__filename)(distIndex).default : source.default) as Record<string, unknown>;

describe('doc examples (Note [Doc examples])', () => {
  it('the doctest checks expected outputs and rewrites imports', async () => {
    const good = 'import tg, { tensor } from "tensorgrad";\nconst y = tensor([1, 2]).mul(2) // tensor([2., 4.])\ny.sum().item() // => 6\nconsole.log(y.reshape(2, 1))\n// tensor([[2.],\n//         [4.]])';
    expect(instrument(good).checks).toBe(3);
    await expect(runExample({ where: 'good', code: good }, tg)).resolves.toBe(3);
    await expect(runExample({ where: 'bad', code: 'tg.tensor([1, 2]).mul(3) // tensor([2., 4.])' }, tg)).rejects.toThrow(/bad \(example line 1\): expected tensor\(\[2\., 4\.\]\)/);
    await expect(runExample({ where: 'throws', code: 'tg.tensor([1, 2]).reshape(3)' }, tg)).rejects.toThrow(/throws: the example threw RangeError/);
    await expect(runExample({ where: 'req', code: "const tg = require('tensorgrad');\ntg.ones(1) // tensor([1.])" }, tg)).resolves.toBe(1);
  });

  const all = [...tsdocExamples(root), ...markdownExamples(root, 'docs/porting.md'), ...markdownExamples(root, 'docs/func.md')];
  it(`there are examples to run (${all.length}, against ${useDist ? 'dist/' : 'lib/'})`, () => {
    expect(all.length).toBeGreaterThan(100);
  });
  it('every example runs and its expected outputs hold', async () => {
    const failures: string[] = [];
    let checks = 0;
    for (const ex of all) {
      try { checks += await runExample(ex, tg); } catch (e) { failures.push(`${ex.where}: ${(e as Error).message}`); }
    }
    expect(failures).toEqual([]);
    expect(checks).toBeGreaterThan(50);
  });
});
