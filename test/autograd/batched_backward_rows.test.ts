// The batched backward over the whole derivative table (Note [Batched backward] in lib/autograd/batchable.ts):
// for every float64 gradcheck spec (test/ops/gradcheck_specs.ts) with a small output, every row of the Jacobian
// computed as ONE backward under vmap (a batched basis of cotangents over the unbatched graph, as jacrev runs it)
// equals the rows computed one backward each. A row whose formulas reach an op without a batching rule falls back
// to a loop (per op or per node) and must still be right; the last test counts the rows that ran fully batched.
import { afterAll, describe, expect, it } from 'vitest';
import tg, { Tensor } from '../../lib/index.js';
import { fallbackCounts } from '../../lib/func/vmap.js';
import { GRADCHECK } from '../ops/gradcheck_specs.js';

const outputsOf = (r: Tensor | Tensor[]): Tensor[] => (Array.isArray(r) ? r : [r]);
const isFloat = (t: Tensor): boolean => t.dtype === 'float64' || t.dtype === 'float32';
/** Specs whose outputs have more elements than this are skipped (the per-row reference is one backward per element). */
const MAX_ROWS = 48;

const batched: string[] = [];
const looped: string[] = [];
/** How many specs ran at all (a -t filter runs fewer, and then the count below is not checked). */
let ran = 0;
/** Specs that ran fully batched before this session's rules (tril/triu, diag, diagEmbed, maskedFill, indexAdd, scatter, scatterAdd, layerNorm's, embedding's and cumsum's backward, scatterAlong, linalg.solveTriangular): 307. */
const MIN_BATCHED = 369;

/** The Jacobian rows of `o` with respect to `inputs`: [n, ...input.shape] per input, one backward per row. */
function perRow(o: Tensor, inputs: Tensor[]): Tensor[] {
  const n = o.numel();
  const rows: Tensor[][] = inputs.map(() => []);
  for (let j = 0; j < n; j++) {
    const e = tg.zeros([n], { dtype: o.dtype });
    e._data[j] = 1;
    const gs = tg.autograd.grad([o], inputs, { gradOutputs: [e.reshape(o.shape)], retainGraph: true, allowUnused: true });
    gs.forEach((g, i) => rows[i].push(g ?? tg.zerosLike(inputs[i])));
  }
  return rows.map((r) => tg.stack(r));
}

/** The same rows as one backward under vmap over the basis. */
function oneBatched(o: Tensor, inputs: Tensor[]): Tensor[] {
  const n = o.numel();
  const basis = tg.eye(n, { dtype: o.dtype }).reshape([n, ...o.shape]);
  return tg.vmap((ct: Tensor) =>
    tg.autograd.grad([o], inputs, { gradOutputs: [ct], retainGraph: true, allowUnused: true }).map((g, i) => g ?? tg.zerosLike(inputs[i])))(basis) as Tensor[];
}

describe('batched backward over the derivative table', () => {
  for (const row of Object.keys(GRADCHECK)) {
    GRADCHECK[row].forEach((spec, k) => {
      const name = `${row}#${k}`;
      it(`${name}: one batched backward gives the rows of one backward each`, () => {
        ran++;
        const inputs = spec.inputs();
        const diff = inputs.filter((x) => x.requiresGrad);
        const outs = outputsOf(spec.fn(...inputs)).filter((o) => isFloat(o) && o.requiresGrad && o.numel() > 0);
        if (outs.some((o) => o.numel() > MAX_ROWS) || outs.length === 0) return;
        fallbackCounts.clear();
        const tol = spec.options?.atol ?? 1e-10;
        for (const o of outs) {
          const want = perRow(o, diff);
          const got = oneBatched(o, diff);
          got.forEach((g, i) => {
            expect(g.shape).toEqual(want[i].shape);
            const d = g.sub(want[i]).abs();
            expect(d.numel() === 0 ? 0 : (d.max().item() as number), `${name} input ${i}`).toBeLessThanOrEqual(tol);
          });
        }
        (fallbackCounts.size === 0 ? batched : looped).push(fallbackCounts.size === 0 ? name : `${name} (${[...fallbackCounts.keys()].join(', ')})`);
        fallbackCounts.clear();
      });
    });
  }
  afterAll(() => {
    console.log(`batched backward: ${batched.length} specs ran as one batched backward, ${looped.length} fell back in part:\n  ${looped.join('\n  ')}`);
    const total = Object.values(GRADCHECK).reduce((n, specs) => n + specs.length, 0);
    if (ran === total) expect(batched.length).toBeGreaterThanOrEqual(MIN_BATCHED);
  });
});
