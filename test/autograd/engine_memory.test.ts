// What the backward engine frees, and when (Note [Freeing spent grads] in lib/autograd/engine.ts): like
// PyTorch, where an intermediate grad dies with its last reference, a grad made during the run and delivered
// to one place is released as soon as that place has used it, two grads for one input are summed in place
// when nothing else holds either, and a grad passed on unchanged is not copied. Grads that user code can still
// see (a user-given gradient, hooks, autograd.grad's results, .grad, createGraph graphs) are never released.
// Mutation testing called the engine's bookkeeping for this "equivalent" (same values) until these tests
// observed it: each release is a Storage.dispose() call, recorded here.
import { afterEach, describe, expect, it, vi } from 'vitest';
import tg, { Tensor } from '../../lib/index.js';
import { freedBy } from '../helpers/storage_spy.js';

afterEach(() => vi.restoreAllMocks());

const N = 600; // float64: 4,800 bytes, above the small-tensor slabs, so every grad has storage of its own
const f64 = { dtype: 'float64' as const };
const leaf = () => tg.linspace(-1, 1, N, f64).requiresGrad_();
const chain = (x: Tensor, k: number) => {
  let y = x;
  for (let i = 0; i < k; i++) y = y.mul(2);
  return y;
};
const vals = (t: Tensor | null) => (t === null ? null : Array.from(t.toTypedArray() as Float64Array));

describe('spent grads are released as soon as they are used', () => {
  it('a chain of k nodes releases the k - 1 grads between them; the last becomes .grad without a copy', () => {
    const x = leaf();
    const g = tg.ones([N], f64);
    const freed = freedBy(() => chain(x, 5).backward(g));
    expect(freed.length).toBe(4);
    expect(freed.every((s) => s.data.length === N)).toBe(true);
    // the user's gradient and the new .grad are still there
    expect(g.isDisposed).toBe(false);
    expect(vals(g)).toEqual(new Array(N).fill(1));
    expect(x.grad!.isDisposed).toBe(false);
    expect(vals(x.grad)).toEqual(new Array(N).fill(32));
  });

  it('the same through rows that do not take compact grads (ReciprocalBackward0)', () => {
    const x = leaf();
    const g = tg.ones([N], f64);
    expect(freedBy(() => x.reciprocal().reciprocal().reciprocal().backward(g)).length).toBe(2);
    const want = vals(x.mul(x).reciprocal().neg())!;
    vals(x.grad)!.forEach((v, i) => expect(v).toBeCloseTo(want[i], 9));
  });

  it('a grad added into an existing .grad is released, and .grad stays the same tensor', () => {
    const x = leaf();
    const g = tg.ones([N], f64);
    x.mul(3).backward(g);
    const grad = x.grad!;
    const ptr = grad.dataPtr();
    expect(freedBy(() => chain(x, 5).backward(g)).length).toBe(5);
    expect(x.grad).toBe(grad);
    expect(grad.dataPtr()).toBe(ptr);
    expect(vals(x.grad)).toEqual(new Array(N).fill(35));
  });

  it('two grads for one input are summed in place: one of them is released, no third buffer', () => {
    const x = leaf();
    const g = tg.ones([N], f64);
    const e = x.exp();
    const y = e.mul(2).add(e.mul(3));
    // e's two grads (g * 2, g * 3) summed into one, the other released; that sum once ExpBackward0 used it.
    const freed = freedBy(() => y.backward(g));
    expect(freed.length).toBe(2);
    const ex = vals(x.exp())!;
    vals(x.grad)!.forEach((v, i) => expect(v).toBeCloseTo(5 * ex[i], 12));
  });

  it('a grad passed on unchanged (AddBackward0) is released by the node below that uses it', () => {
    const x = leaf();
    const g = tg.ones([N], f64);
    x.mul(1).backward(g);
    // g * 3 goes through AddBackward0 (x.mul(2) + 1) to MulBackward0, which releases it after use; g * 6 is
    // added into x.grad and released.
    expect(freedBy(() => x.mul(2).add(1).mul(3).backward(g)).length).toBe(2);
    expect(vals(x.grad)).toEqual(new Array(N).fill(7));
  });

  it('AddBackward0 passes its grad on to both inputs without a copy (alpha 1), as PyTorch', () => {
    // PyTorch 1.13: both hooks see tensors with g's data_ptr; with alpha 2, other's grad is a new g * 2.
    const x = leaf();
    const g = tg.ones([N], f64);
    for (const alpha of [1, 2]) {
      const seen: Record<string, Tensor> = {};
      const a = x.mul(1), b = x.mul(2);
      a.registerHook((t) => void (seen.a = t));
      b.registerHook((t) => void (seen.b = t));
      tg.add(a, b, { alpha }).backward(g);
      expect([seen.a.dataPtr() === g.dataPtr(), seen.b.dataPtr() === g.dataPtr()]).toEqual([true, alpha === 1]);
      expect(vals(seen.b)).toEqual(new Array(N).fill(alpha));
    }
  });

  it('the grads of inputs that need none are never made, and nothing is released for them', () => {
    const x = leaf();
    const w = tg.linspace(0, 1, N, f64);
    const g = tg.ones([N], f64);
    expect(freedBy(() => x.mul(w).mul(w).backward(g)).length).toBe(1);
    expect(vals(x.grad)).toEqual(vals(w.mul(w)));
  });
});

describe('grads user code can see are never released', () => {
  it('with createGraph nothing is released: the grads are part of the new graph', () => {
    const x = leaf();
    const g = tg.ones([N], f64);
    x.mul(1).backward(g);
    expect(freedBy(() => chain(x, 5).backward(g, { createGraph: true })).length).toBe(0);
    expect(vals(x.grad)).toEqual(new Array(N).fill(33));
  });

  it("a tensor hook's argument, and the grads autograd.grad returns", () => {
    const x = leaf();
    const g = tg.ones([N], f64);
    const seen: Tensor[] = [];
    const h = chain(x, 2);
    h.registerHook((t) => void seen.push(t));
    const y = chain(h, 2);
    const [gh, gx] = tg.autograd.grad(y, [h, x], { gradOutputs: g });
    // The grad between y's two nodes is released; the hook's and the captured ones are not.
    expect(seen).toHaveLength(1);
    expect(seen[0].isDisposed).toBe(false);
    expect(vals(seen[0])).toEqual(new Array(N).fill(4));
    expect(vals(gh)).toEqual(new Array(N).fill(4));
    expect(vals(gx)).toEqual(new Array(N).fill(16));
  });

  it("a custom Function's backward: the grad it is given, and the grads it returns (neither freed nor aliased)", () => {
    const kept: Tensor[] = [];
    const returned: Tensor[] = [];
    class Twice extends tg.autograd.Function {
      static override forward(_ctx: unknown, t: Tensor): Tensor {
        return t.mul(2);
      }
      static override backward(_ctx: unknown, g: Tensor): Tensor {
        kept.push(g);
        const r = g.mul(2);
        returned.push(r);
        return r;
      }
    }
    const x = leaf();
    const g = tg.ones([N], f64);
    // x -> Twice -> mul(3): Twice gets MulBackward0's g * 3 and returns g * 6 straight to x, then to a chain.
    (Twice.apply(x) as Tensor).mul(3).backward(g);
    (Twice.apply(x.mul(1)) as Tensor).mul(3).backward(g);
    expect(kept.map((t) => t.isDisposed)).toEqual([false, false]);
    expect(returned.map((t) => t.isDisposed)).toEqual([false, false]);
    expect(x.grad!.dataPtr()).not.toBe(returned[0].dataPtr());
    x.grad!.zero_();
    expect(vals(returned[0])).toEqual(new Array(N).fill(6));
    expect(vals(kept[1])).toEqual(new Array(N).fill(3));
  });

  it("a custom Function's grad that the engine casts is the run's own: added into .grad, then released", () => {
    class Half extends tg.autograd.Function {
      static override forward(_ctx: unknown, t: Tensor): Tensor {
        return t.mul(1);
      }
      static override backward(_ctx: unknown, g: Tensor): Tensor {
        return g.to('float32'); // the engine casts it back to the input's float64: a new tensor of the run
      }
    }
    const x = leaf();
    const g = tg.ones([N], f64);
    x.mul(1).backward(g);
    // Half's float32 grad is user code's (kept); its float64 cast is added into x.grad and released.
    expect(freedBy(() => (Half.apply(x) as Tensor).backward(g)).length).toBe(1);
    expect(vals(x.grad)).toEqual(new Array(N).fill(2));
  });

  it('a leaf hook keeps the grad it is given, also when .grad already exists', () => {
    const x = leaf();
    const g = tg.ones([N], f64);
    x.mul(1).backward(g);
    const seen: Tensor[] = [];
    x.registerHook((t) => void seen.push(t));
    const freed = freedBy(() => chain(x, 3).backward(g));
    expect(freed.length).toBe(2);
    expect(seen[0].isDisposed).toBe(false);
    expect(vals(seen[0])).toEqual(new Array(N).fill(8));
    expect(vals(x.grad)).toEqual(new Array(N).fill(9));
  });
});
