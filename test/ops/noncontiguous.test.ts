// Every op of the derivative table on non-contiguous inputs (issue 14 item 2): the result and the grads equal
// those on a contiguous copy of the same values, for each kind of view (transposed storage, a slice with a
// step, an expanded dim, an offset narrow), under every CPU capability this machine has. The rows are the
// derivative table's own keys and the inputs its gradcheck specs (test/ops/gradcheck_specs.ts), so a row added
// later is run here with no edit (and fails here if it has no spec).
import { afterAll, describe, expect, it } from 'vitest';
import tg, { Tensor } from '../../lib/index.js';
import { slice as sliceDim } from '../../lib/ops/shape.js';
import { D } from '../../lib/autograd/derivatives.js';
import { GRADCHECK } from './gradcheck_specs.js';

/** Views of x with x's values and shape but other strides (null where the kind does not apply). */
const LAYOUTS: [string, (x: Tensor) => Tensor | null][] = [
  // storage in the reverse dim order, viewed back: a permuted dense layout
  ['transposed storage', (x) => (x.ndim < 2 ? null : x.permute([...x.shape.keys()].reverse()).contiguous().permute([...x.shape.keys()].reverse()))],
  // every other element of a storage twice as long along the last dim
  ['step 2 along the last dim', (x) => {
    if (x.ndim === 0) return null;
    const wide = tg.zeros([...x.shape.slice(0, -1), 2 * x.shape[x.ndim - 1]], { dtype: x.dtype });
    const v = sliceDim(wide, -1, 1, null, 2);
    tg.noGrad(() => v.copy_(x));
    return v;
  }],
  // an offset into a larger storage
  ['narrowed from a larger tensor', (x) => {
    if (x.ndim === 0) return null;
    const big = tg.zeros([x.shape[0] + 2, ...x.shape.slice(1)], { dtype: x.dtype });
    const v = big.narrow(0, 1, x.shape[0]);
    tg.noGrad(() => v.copy_(x));
    return v;
  }],
];

/** Expanded: the first row broadcast over the first dim (values differ from x, shape is x's). */
const expandedOf = (x: Tensor): Tensor | null => (x.ndim === 0 || x.shape[0] < 2 ? null : x.narrow(0, 0, 1).expand(x.shape));

const flat = (o: Tensor | Tensor[]): Tensor[] => (Array.isArray(o) ? o : [o]);

/**
 * Equal, or within float64 rounding: a GEMM reads a transposed operand in place (a transpose flag), which
 * sums in another order than on the contiguous copy. Everything else is bit-identical (the tolerance only
 * matters for float64 sums of products).
 */
function close(a: unknown, b: unknown, what: string): void {
  if (Array.isArray(b)) {
    expect((a as unknown[]).length, what).toBe(b.length);
    b.forEach((x, i) => close((a as unknown[])[i], x, what));
  } else if (typeof b === 'number' && typeof a === 'number' && !(Number.isNaN(a) && Number.isNaN(b)) && a !== b) {
    expect(Math.abs(a - b), `${what}: ${a} vs ${b}`).toBeLessThanOrEqual(1e-13 * (1 + Math.abs(b)));
  } else expect(a, what).toEqual(b);
}

/**
 * Rows whose op reads storage positions, not values: asStrided of a view is another view of the storage, and
 * asStridedScatter's view indexes its input's clone laid out as the input (ATen's clone keeps a dense layout).
 */
const STORAGE_ROWS = new Set(['asStrided', 'asStridedScatter']);

/**
 * Runs fn on views (made from fresh leaves by `make`) and on contiguous copies of them; outputs and grads must
 * agree. Returns whether some input really was strided (non-contiguous or at an offset).
 */
function compare(fn: (...xs: Tensor[]) => Tensor | Tensor[], inputs: Tensor[], make: (x: Tensor) => Tensor | null, what: string): boolean {
  const views = inputs.map((x) => (x.requiresGrad || x.dtype === 'float64' || x.dtype === 'float32' ? make(x.detach()) : make(x)));
  if (views.every((v) => v === null)) return false;
  const leavesA = inputs.map((x, i) => (views[i] === null ? x.detach().requiresGrad_(x.requiresGrad) : views[i]!.detach().requiresGrad_(x.requiresGrad)));
  // leavesA are views (non-contiguous, same values); leavesB are contiguous clones of them
  const leavesB = leavesA.map((l) => l.contiguous().detach().requiresGrad_(l.requiresGrad));
  const strided = leavesA.some((l, i) => views[i] !== null && (!l.isContiguous() || l.storageOffset() > 0));
  let outA: Tensor[];
  try {
    outA = flat(fn(...leavesA));
  } catch (e) {
    // view() of strides it cannot express is an error in PyTorch too
    if (/^view: view size is not compatible/.test(String((e as Error).message))) return false;
    // the expanded layout repeats a matrix's first row: singular, which inv and solve reject as PyTorch does
    if (/the input matrix is singular/.test(String((e as Error).message))) return false;
    throw e;
  }
  const outB = flat(fn(...leavesB));
  expect(outA.length, what).toBe(outB.length);
  outA.forEach((o, k) => close(o.tolist(), outB[k].tolist(), `${what}: output ${k}`));
  const diff = outA.map((o, k) => [o, outB[k]] as const).filter(([o]) => o.requiresGrad && (o.dtype === 'float32' || o.dtype === 'float64'));
  if (diff.length === 0) return strided;
  const seeds = diff.map(([o]) => tg.rand(o.shape, { dtype: o.dtype }));
  const needA = leavesA.filter((l) => l.requiresGrad), needB = leavesB.filter((l) => l.requiresGrad);
  let ga: (Tensor | null)[];
  try {
    ga = tg.autograd.grad(diff.map(([o]) => o), needA, { gradOutputs: seeds, allowUnused: true });
  } catch (e) {
    // a singular expanded matrix whose forward LU rounded to a tiny pivot: its transposed solve in backward
    // meets the exact zero pivot (which inputs do depends on gradcheck_specs' random stream)
    if (/the input matrix is singular/.test(String((e as Error).message))) return strided;
    throw e;
  }
  const gb = tg.autograd.grad(diff.map(([, o]) => o), needB, { gradOutputs: seeds, allowUnused: true });
  ga.forEach((g, k) => close(g === null ? null : g.tolist(), gb[k] === null ? null : gb[k]!.tolist(), `${what}: grad ${k}`));
  return strided;
}

const start = tg.backends.cpu.capability();
afterAll(() => tg.backends.cpu.setCapability(start));

for (const cap of tg.backends.cpu.capabilities()) {
  describe(`every derivative row on non-contiguous inputs equals its contiguous copy [${cap}]`, () => {
    for (const row of Object.keys(D)) {
      if (STORAGE_ROWS.has(row)) continue;
      it(row, () => {
        const specs = GRADCHECK[row] ?? [];
        expect(specs.length, `${row}: no gradcheck spec in test/ops/gradcheck_specs.ts to run on views`).toBeGreaterThan(0);
        tg.backends.cpu.setCapability(cap);
        let ran = 0;
        specs.forEach((s, i) => {
          for (const [kind, make] of [...LAYOUTS, ['expanded', expandedOf] as const]) if (compare(s.fn, s.inputs(), make, `${row}#${i} ${kind}`)) ran++;
        });
        expect(ran, `${row}: some spec ran with a strided input`).toBeGreaterThan(0);
      });
    }
  });
}
