// Indexing (lib/ops/indexing.ts): x.index, x.indexPut, x.indexPut_ and tg.slice against PyTorch 1.13
// (test/fixtures/index.json from test/fixtures/gen/gen_index.py: values, gradFn names, grads, errors), then the
// error messages, the in-place contract and the bounds checks. The float64 gradcheck/gradgradcheck specs of the
// rows slice, alias, index and indexPut are in test/ops/gradcheck_specs.ts (run by shape.test.ts).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import tg, { Tensor } from '../../lib/index.js';
import { decode, expectTensor, tolFor, type TensorJson } from '../helpers/ops_fixture.js';

type JsEntry = number | boolean | null | '...' | { slice: [number | null, number | null, number | null] } | { list: unknown[] } | { tensor: TensorJson };

interface IndexCase {
  id: string;
  kind: 'index' | 'indexPut' | 'setitem';
  single: boolean;
  entries: JsEntry | JsEntry[];
  input: TensorJson;
  values?: TensorJson | number;
  accumulate?: boolean;
  out?: TensorJson;
  grad_fn?: string | null;
  grad_output?: TensorJson;
  grads?: (TensorJson | null)[];
  error?: [string, string];
}

const FIXTURE: { torch: string; cases: IndexCase[] } = JSON.parse(readFileSync(new URL('../fixtures/index.json', import.meta.url), 'utf8'));

function entryOf(e: JsEntry): unknown {
  if (e === null || typeof e !== 'object') return e;
  if ('slice' in e) return tg.slice(...e.slice);
  if ('list' in e) return e.list;
  return decode(e.tensor, false);
}

function run(c: IndexCase, x: Tensor, values: Tensor | number | undefined): Tensor {
  const entries = (c.single ? entryOf(c.entries as JsEntry) : (c.entries as JsEntry[]).map(entryOf)) as Parameters<Tensor['index']>[0];
  if (c.kind === 'index') return x.index(entries);
  if (c.kind === 'indexPut') return x.indexPut(entries, values as Tensor, { accumulate: c.accumulate });
  const y = x.clone();
  const r = y.indexPut_(entries, values as Tensor, { accumulate: c.accumulate });
  expect(r, 'indexPut_ returns its target').toBe(y);
  return y;
}

// What tensorgrad throws for each error case of the fixture (PyTorch's exception and message are in the case).
// The dims differ from PyTorch's where PyTorch names the entry's position or the dim after earlier entries
// were applied; tensorgrad names the dim of the indexed tensor.
const ERRORS: Record<string, [typeof RangeError | typeof TypeError, RegExp]> = {
  'err/int_oob': [RangeError, /^index: index 5 is out of bounds for dimension 0 with size 2$/],
  'err/int_oob_neg': [RangeError, /^index: index -4 is out of bounds for dimension 1 with size 3$/],
  'err/list_oob': [RangeError, /^index: index 3 is out of bounds for dimension 1 with size 3$/],
  'err/too_many': [RangeError, /^index: too many indices for tensor of dimension 3 /],
  // The fixture's reference passes the mask as its nonzero() indices (see gen_index.py), hence PyTorch's
  // out-of-bounds message there; tensorgrad checks the mask's shape first.
  'err/mask_shape': [RangeError, /^index: the shape of the mask \[3\] at index 0 does not match the shape of the indexed tensor \[2, 3, 4\] at index 0 \(dimension 0 of size 2\)$/],
  'err/float_tensor': [TypeError, /^index: tensors used as indices must be long, int or bool tensors, got a float32 tensor of shape \[2\]$/],
  'err/broadcast': [RangeError, /^index: shape mismatch: indexing tensors could not be broadcast together with shapes \[2\], \[3\]$/],
  'err/scalar_int': [RangeError, /^index: invalid index of a 0-dim tensor/],
  'put/err_values_shape': [RangeError, /^indexPut: shape mismatch: value tensor of shape \[2\] cannot be broadcast to indexing result of shape \[2, 3\]$/],
  'put/err_oob': [RangeError, /^indexPut: index 4 is out of bounds for dimension 0 with size 4$/],
};

describe('indexing: PyTorch 1.13 fixtures (test/fixtures/index.json)', () => {
  it('covers every kind of entry and the error cases', () => {
    expect(FIXTURE.cases.length).toBeGreaterThan(70);
    const errors = FIXTURE.cases.filter((c) => c.error !== undefined).map((c) => c.id);
    expect(errors.sort()).toEqual(Object.keys(ERRORS).sort());
  });

  for (const c of FIXTURE.cases) {
    it(c.id, () => {
      const x = decode(c.input);
      const values = c.values === undefined ? undefined : typeof c.values === 'number' ? c.values : decode(c.values);
      if (c.error !== undefined) {
        const [cls, re] = ERRORS[c.id];
        expect(() => run(c, x, values), `PyTorch: ${c.error.join(': ')}`).toThrow(cls);
        expect(() => run(c, x, values)).toThrow(re);
        return;
      }
      const out = run(c, x, values);
      const exp = c.out as TensorJson;
      expectTensor(out, exp, tolFor(exp.dtype), 'out');
      // x[entries] = v is a copy_ (or index_put_) into a view in PyTorch (CopySlices). tensorgrad does the same
      // when every entry is basic; with advanced entries beside basic ones it writes through index_put on x
      // itself (IndexPutBackward0), as lib/ops/indexing.ts's indexPut_ documents.
      const list = (c.single ? [c.entries] : c.entries) as JsEntry[];
      const allBasic = list.every((e) => e === null || e === '...' || typeof e === 'number' || (typeof e === 'object' && 'slice' in e));
      const gradFn = c.grad_fn === 'CopySlices' && !(allBasic && !c.accumulate) ? 'IndexPutBackward0' : c.grad_fn;
      expect(out.gradFn?.name ?? null, 'gradFn.name').toBe(gradFn ?? null);
      if (c.grad_output === undefined) return;
      const wrt = [x, ...(values instanceof Tensor ? [values] : [])];
      const grads = tg.autograd.grad(out, wrt, { gradOutputs: decode(c.grad_output, false), allowUnused: true });
      (c.grads ?? []).forEach((g, i) => {
        if (g === null) expect(grads[i], `grad ${i}`).toBeNull();
        else expectTensor(grads[i], g, tolFor(g.dtype), `grad ${i}`);
      });
    });
  }
});

describe('indexing: results', () => {
  const x = () => tg.arange(24, { dtype: 'float64' }).reshape([2, 3, 4]);

  it('x.index(i) with one integer is select(0, i), as before', () => {
    const a = x().requiresGrad_(true);
    const r = a.index(1);
    expect(r.tolist()).toEqual(a.select(0, 1).tolist());
    expect(r.gradFn?.name).toBe('SelectBackward0');
    expect(a.index(-2).tolist()).toEqual(a.select(0, 0).tolist());
  });

  it('a single array argument is the entry list (libtorch x.index({0, 2})), not an index array', () => {
    expect(x().index([0, 2]).tolist()).toEqual([8, 9, 10, 11]);
    expect(x().index([[0, 1]]).shape).toEqual([2, 3, 4]);
  });

  it('entries after a k-d mask index the dims after the k it covers (NumPy), not PyTorch 1.13 placement', () => {
    // x of shape [2, 3, 3]: PyTorch 1.13 would select dim 1 for the 0 (the mask still fits [2, 3]) and return x[:, 0][m].
    const a = tg.arange(18, { dtype: 'float64' }).reshape([2, 3, 3]);
    const m = tg.tensor([[true, false, true], [false, true, false]]);
    expect(a.index([m, 0]).tolist()).toEqual([0, 6, 12]);
    expect(a.index([m, 0]).tolist()).toEqual(a.index(m).index([tg.slice(), 0]).tolist());
  });

  it('indexPut without accumulate: a repeated position keeps the last value written', () => {
    const r = tg.zeros([3]).indexPut([[1, 1, 1]], tg.tensor([4, 5, 6]));
    expect(r.tolist()).toEqual([0, 6, 0]);
  });

  it('indexPut accepts the full entry list (x[:, 0] = 0) and a number; bool and int32 targets', () => {
    const r = tg.ones([2, 3]).indexPut([tg.slice(), 0], 0);
    expect(r.tolist()).toEqual([[0, 1, 1], [0, 1, 1]]);
    const b = tg.zeros([3], { dtype: 'bool' }).indexPut([[0, 2]], true);
    expect(b.tolist()).toEqual([true, false, true]);
    const i = tg.tensor([1, 2, 3], { dtype: 'int32' }).indexPut([[2, 2]], 5, true);
    expect(i.tolist()).toEqual([1, 2, 13]);
  });

  it('indexPut_ writes in place, bumps the version and takes IndexPutBackward0 with edges to self and values', () => {
    const leaf = tg.tensor([1, 2, 3], { dtype: 'float64', requiresGrad: true });
    const v = tg.tensor([10, 20], { dtype: 'float64', requiresGrad: true });
    const y = leaf.mul(1);
    const before = y._version;
    const r = y.indexPut_([[2, 0]], v);
    expect(r).toBe(y);
    expect(y._version).toBe(before + 1);
    expect(y.tolist()).toEqual([20, 2, 10]);
    expect(y.gradFn?.name).toBe('IndexPutBackward0');
    expect(y.gradFn?.nextFunctions.map(([n]) => n?.name ?? null)).toEqual(['MulBackward0', 'torch::autograd::AccumulateGrad']);
    y.mul(tg.tensor([1, 2, 3], { dtype: 'float64' })).sum().backward();
    expect(leaf.grad?.tolist()).toEqual([0, 2, 0]);
    expect(v.grad?.tolist()).toEqual([3, 1]);
  });

  it('a scalar value is not an input of the node (no edge)', () => {
    const y = tg.tensor([1, 2], { requiresGrad: true }).mul(1).indexPut([[0]], 5);
    expect(y.gradFn?.nextFunctions.map(([n]) => n?.name ?? null)).toEqual(['MulBackward0', null]);
  });

  it('basic indexing of a tensor that needs no grad records nothing; advanced indexing copies', () => {
    const a = x();
    expect(a.index([tg.slice(), 1]).gradFn).toBeNull();
    const c = a.index([[0]]);
    c.fill_(-1);
    expect(a.index([0, 0, 0]).item()).toBe(0);
  });
});

describe('indexing: bad input', () => {
  const x = () => tg.zeros([3]);
  const m = () => tg.zeros([2, 3]);

  it('out of range: RangeError naming op, dim and size; no read past the end', () => {
    expect(() => x().index(5)).toThrow(RangeError);
    expect(() => x().index(5)).toThrow('index: index 5 is out of bounds for dimension 0 with size 3');
    expect(() => x().index(-4)).toThrow('index: index -4 is out of bounds for dimension 0 with size 3');
    expect(() => x().index([[0, 3]])).toThrow('index: index 3 is out of bounds for dimension 0 with size 3');
    expect(() => x().index(tg.tensor([2147483647], { dtype: 'int32' }))).toThrow('index: index 2147483647 is out of bounds for dimension 0 with size 3');
    expect(() => m().index([tg.slice(), [-4]])).toThrow('index: index -4 is out of bounds for dimension 1 with size 3');
    expect(() => m().index([tg.slice(), 3])).toThrow('index: index 3 is out of bounds for dimension 1 with size 3');
    expect(() => x().indexPut_([[3]], 1)).toThrow('indexPut_: index 3 is out of bounds for dimension 0 with size 3');
    expect(() => x().indexPut([[-4]], 1)).toThrow('indexPut: index -4 is out of bounds for dimension 0 with size 3');
  });

  it('too many indices', () => {
    expect(() => m().index([0, 0, 0])).toThrow(RangeError);
    expect(() => m().index([0, 0, 0])).toThrow(/^index: too many indices for tensor of dimension 2 \(got 3/);
    expect(() => m().index([tg.tensor([[true]]), [0], 0])).toThrow(/^index: too many indices for tensor of dimension 2/);
    expect(() => tg.tensor(1).index(0)).toThrow(/^index: invalid index of a 0-dim tensor/);
  });

  it('a mask of the wrong shape', () => {
    expect(() => m().index(tg.tensor([true, false, true]))).toThrow(RangeError);
    expect(() => m().index(tg.tensor([true, false, true]))).toThrow('index: the shape of the mask [3] at index 0 does not match the shape of the indexed tensor [2, 3] at index 0 (dimension 0 of size 2)');
    expect(() => m().index([tg.slice(), [true, false]])).toThrow('the shape of the mask [2] at index 0 does not match the shape of the indexed tensor [2, 3] at index 1 (dimension 1 of size 3)');
    expect(() => m().indexPut_([[true]], 1)).toThrow(/^indexPut_: the shape of the mask \[1\]/);
  });

  it('float index tensors and non-integer entries are TypeErrors', () => {
    expect(() => x().index(tg.tensor([0, 1]))).toThrow(TypeError);
    expect(() => x().index(tg.tensor([0, 1]))).toThrow('index: tensors used as indices must be long, int or bool tensors, got a float32 tensor of shape [2]');
    expect(() => x().indexPut([tg.tensor([0], { dtype: 'float64' })], 1)).toThrow(/^indexPut: tensors used as indices must be long, int or bool tensors, got a float64 tensor/);
    expect(() => x().index(1.5)).toThrow(TypeError);
    expect(() => x().index([[0.5]])).toThrow(/^index: an index array must hold only integers or only booleans, got number 0.5/);
    expect(() => x().index([[0, true]])).toThrow(/^index: an index array must hold only integers or only booleans/);
    expect(() => m().index([[[0, 1], [0]]])).toThrow(/^index: an index array must be rectangular/);
    expect(() => x().index(['a' as never])).toThrow(/^index: an index must be an integer, tg.slice/);
    expect(() => x().index(undefined as never)).toThrow(TypeError);
    expect(() => tg.slice(0.5)).toThrow(TypeError);
    expect(() => tg.slice(0.5)).toThrow(/^slice: start must be an integer or null, got number 0.5/);
  });

  it('slice steps must be positive', () => {
    expect(() => x().index(tg.slice(null, null, 0))).toThrow('index: slice step cannot be zero');
    expect(() => x().index([tg.slice(null, null, -1)])).toThrow(RangeError);
    expect(() => x().index([tg.slice(null, null, -1)])).toThrow(/^index: step must be greater than zero, got -1/);
  });

  it('index kinds that cannot broadcast together', () => {
    expect(() => m().index([[0, 1], [0, 1, 2]])).toThrow(RangeError);
    expect(() => m().index([[0, 1], [0, 1, 2]])).toThrow('index: shape mismatch: indexing tensors could not be broadcast together with shapes [2], [3]');
    expect(() => m().index([tg.tensor([true, true]), [0, 1, 2]])).toThrow('shape mismatch: indexing tensors could not be broadcast together with shapes [2], [3]');
  });

  it('values that cannot broadcast, or of another dtype', () => {
    expect(() => m().indexPut_([[0, 1]], tg.ones([2]))).toThrow(RangeError);
    expect(() => m().indexPut_([[0, 1]], tg.ones([2]))).toThrow('indexPut_: shape mismatch: value tensor of shape [2] cannot be broadcast to indexing result of shape [2, 3]');
    expect(() => m().indexPut([[0, 1], 0], tg.ones([3]))).toThrow('indexPut: shape mismatch: value tensor of shape [3] cannot be broadcast to indexing result of shape [2]');
    expect(() => m().indexPut([0], tg.ones([3], { dtype: 'float64' }))).toThrow(TypeError);
    expect(() => m().indexPut([0], tg.ones([3], { dtype: 'float64' }))).toThrow(/^indexPut: index put requires the source and destination dtypes match, got float32 for the destination and float64 for the source/);
    expect(() => m().indexPut([0], 'a' as never)).toThrow(/^indexPut: expected a Tensor for values/);
    // Leading size-1 dims beyond the result's rank are dropped, as PyTorch's setitem does.
    expect(m().indexPut([0], tg.ones([1, 1, 3])).tolist()).toEqual([[1, 1, 1], [0, 0, 0]]);
  });

  it('in-place on a leaf that requires grad is refused; on a basic-indexing result (a view) it writes the base', () => {
    expect(() => tg.zeros([3], { requiresGrad: true }).indexPut_([[0]], 1)).toThrow(/^indexPut_: a leaf Variable that requires grad/);
    const a = m();
    a.index([tg.slice(), 0]).indexPut_([[0]], 1);
    expect(a.index([0, 0]).item()).toBe(1);
    const b = m();
    b.index(tg.slice(1)).indexPut_([[0]], 7);
    expect((b.index(1).tolist() as number[]).every((v) => v === 7)).toBe(true);
  });
});

describe('indexing: several ellipses', () => {
  it("each '...' skips the unnamed dims (PyTorch); entries pushed past the last dim are an error naming index", () => {
    const a = tg.arange(24, { dtype: 'float64' }).reshape([2, 3, 4]);
    expect(a.index(['...', 0, '...']).tolist()).toEqual(a.index([tg.slice(), tg.slice(), 0]).tolist());
    const m = tg.zeros([2, 3]);
    for (const e of [['...', '...', 0], ['...', '...', [0]], ['...', '...', [true]], ['...', '...', tg.slice()], ['...', '...', null], ['...', '...', true]])
      expect(() => m.index(e as never), JSON.stringify(e)).toThrow(/^index: too many indices for tensor of dimension 2/);
    expect(m.index(['...', null, '...']).shape).toEqual([2, 3, 1]);
  });
});
