// tg.nn.utils against PyTorch 1.13 (test/fixtures/gen/gen_nn_utils.py): clipGradNorm_ (every norm type,
// clipping or not, mixed dtypes, grads missing, non-finite norms and errorIfNonfinite), clipGradValue_,
// parametersToVector and vectorToParameters.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it, expect } from 'vitest';
import tg, { Tensor } from '../../lib/index.js';

const fx = JSON.parse(readFileSync(join(__dirname, '../fixtures/nn_utils.json'), 'utf8'));
const dec = (v: unknown): number => (v === '-0' ? -0 : v === 'inf' ? Infinity : v === '-inf' ? -Infinity : v === 'nan' ? NaN : (v as number));
type P = { values: number[]; shape: number[]; dtype: 'float32' | 'float64'; grad: unknown[] | null };
const make = (ps: P[]): Tensor[] =>
  ps.map((p) => {
    const t = tg.tensor(p.values, { dtype: p.dtype }).reshape(p.shape).detach().requiresGrad_();
    if (p.grad !== null) t.grad = tg.tensor(p.grad.map(dec), { dtype: p.dtype }).reshape(p.shape);
    return t;
  });
const same = (got: number, want: number, rtol: number, what: string) => {
  if (Number.isNaN(want)) expect(got, what).toBeNaN();
  else if (!Number.isFinite(want)) expect(got, what).toBe(want);
  else expect(Math.abs(got - want), `${what}: ${got} vs ${want}`).toBeLessThanOrEqual(rtol * Math.max(1, Math.abs(want)));
};

describe('nn.utils clipping follows PyTorch 1.13', () => {
  fx.clip.forEach((c: { kind: string; params: P[]; kwargs: Record<string, unknown>; total?: unknown; dtype?: string; grads?: (unknown[] | null)[]; error?: string }, k: number) => {
    it(`${k}: ${c.kind} ${JSON.stringify(c.kwargs)} on ${c.params.map((p) => `${p.dtype}${p.grad ? '' : ' (no grad)'}`).join(', ')}`, () => {
      const ts = make(c.params);
      const arg = c.kind.endsWith('single') ? ts[0] : ts;
      const call = () => (c.kind.startsWith('norm') ? tg.nn.utils.clipGradNorm_(arg, c.kwargs as never) : tg.nn.utils.clipGradValue_(arg, c.kwargs as never));
      if (c.error !== undefined) {
        expect(call).toThrow(`nn.utils.clipGradNorm_: ${c.error}`);
        return;
      }
      const r = call();
      const rtol = c.params.every((p) => p.dtype === 'float64') ? 1e-13 : 1e-6;
      if (c.kind.startsWith('norm')) {
        expect(r).toBeInstanceOf(Tensor);
        expect((r as Tensor).dtype).toBe(c.dtype);
        expect((r as Tensor).dim()).toBe(0);
        same((r as Tensor).item() as number, dec(c.total), rtol, 'total norm');
      } else expect(r).toBeUndefined();
      ts.forEach((t, i) => {
        const want = c.grads?.[i];
        if (want === null || want === undefined) expect(t.grad).toBeNull();
        else Array.from((t.grad as Tensor)._data).forEach((x, j) => same(x, dec(want[j]), rtol, `grad ${i}[${j}]`));
      });
    });
  });

  it('takes normType as a number or "inf", by position or name; bad arguments name the function', () => {
    const t = () => make([{ values: [1, 2], shape: [2], dtype: 'float64', grad: [3, -4] }])[0];
    const a = t(), b = t();
    expect(tg.nn.utils.clipGradNorm_([a], 1, Infinity).item()).toBe(4);
    expect(tg.nn.utils.clipGradNorm_({ parameters: [b], maxNorm: 1, normType: 'inf' }).item()).toBe(4);
    expect(a.grad?.equal(b.grad as Tensor)).toBe(true);
    expect(() => tg.nn.utils.clipGradNorm_(5 as never, 1)).toThrow(/^nn.utils.clipGradNorm_: parameters must be a Tensor or an iterable of Tensors, got number 5$/);
    expect(() => tg.nn.utils.clipGradNorm_([t()], 'x' as never)).toThrow(/^nn.utils.clipGradNorm_: max_norm must be a number/);
    expect(() => tg.nn.utils.clipGradValue_([1] as never, 1)).toThrow(/^nn.utils.clipGradValue_: parameters must be Tensors, got number 1$/);
    expect(() => tg.nn.utils.clipGradNorm_([t()], 1, { maxnorm: 2 } as never)).toThrow(/unexpected keyword argument 'maxnorm'/);
    // No grads at all: PyTorch returns tensor(0.) (float32).
    const none = tg.nn.utils.clipGradNorm_([tg.zeros([2], { requiresGrad: true })], 1);
    expect([none.item(), none.dtype]).toEqual([0, 'float32']);
  });
});

describe('parametersToVector / vectorToParameters', () => {
  it('match PyTorch', () => {
    const c = fx.convert;
    let off = 0;
    const base = c.shapes.map((s: number[]) => {
      const n = s.reduce((a, b) => a * b, 1);
      const t = tg.tensor(c.vector.slice(off, off + n), { dtype: 'float64' }).reshape(s).detach().requiresGrad_();
      off += n;
      return t;
    });
    const v = tg.nn.utils.parametersToVector(base);
    expect(v.shape).toEqual([c.vector.length]);
    expect(v.tolist()).toEqual(c.vector);
    // Differentiable: d(sum(v * w))/dp = w's slice.
    const w = tg.arange(c.vector.length, { dtype: 'float64' });
    v.mul(w).sum().backward();
    expect((base[1].grad as Tensor).tolist()).toEqual([6, 7, 8, 9]);
    tg.nn.utils.vectorToParameters(tg.tensor(c.new, { dtype: 'float64' }), base);
    base.forEach((b: Tensor, i: number) => expect(b.reshape(-1).tolist()).toEqual(c.after[i]));
    expect(base[0].requiresGrad && base[0].isLeaf).toBe(true);
  });
  it('bad input names the function', () => {
    const p = tg.zeros([2, 3], { requiresGrad: true });
    expect(() => tg.nn.utils.vectorToParameters([1, 2] as never, [p])).toThrow(/^nn.utils.vectorToParameters: expected Tensor, but got: array$/);
    expect(() => tg.nn.utils.vectorToParameters(tg.zeros([5]), [p])).toThrow(/^nn.utils.vectorToParameters: vec of shape \[5\] cannot fill parameters with 6 elements in all$/);
    expect(() => tg.nn.utils.parametersToVector([])).toThrow(/^nn.utils.parametersToVector: expected a non-empty list/);
  });
});
