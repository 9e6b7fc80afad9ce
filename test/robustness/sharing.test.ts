// Tensors across threads, within one thread: shareMemory_ moves storage in place, toTransferable/fromTransferable
// survive a structured clone (what postMessage does) and alias the same memory, move marks the sender unusable,
// and malformed messages are rejected before a kernel reads past a buffer. Across real workers: workers.test.ts.
// See Note [Sharing tensors across threads] in lib/sharing.ts.
import { describe, it, expect } from 'vitest';
import tg, { Tensor } from '../../lib/index.js';

const roundTrip = <T>(v: T, move = false): any => tg.fromTransferable(structuredClone(tg.toTransferable(v, { move })));

describe('shareMemory_', () => {
  it('moves storage into a SharedArrayBuffer in place: values and views follow; ops and backward work', () => {
    const base = tg.arange(24, { dtype: 'float32' }).reshape([4, 6]);
    const col = base.select(1, 2); // a strided view made before sharing
    const rows = base.narrow(0, 1, 2); // a contiguous view with an offset
    expect(rows._data[0]).toBe(6); // caches its typed array (regression: the cache outlived the move)
    expect(base.isShared()).toBe(false);
    expect(base.shareMemory_()).toBe(base);
    expect(base.isShared() && col.isShared() && rows.isShared()).toBe(true);
    expect(base.asTypedArray().buffer).toBeInstanceOf(SharedArrayBuffer);
    base.mul_(2); // writes land in the shared memory, seen by every view
    expect(col.tolist()).toEqual([4, 16, 28, 40]);
    expect(rows.tolist()[0]).toEqual([12, 14, 16, 18, 20, 22]);
    const w = tg.rand([6, 3], { requiresGrad: true }).shareMemory_();
    const y = base.matmul(w).relu().sum();
    y.backward();
    expect(w.grad?.shape).toEqual([6, 3]);
    const ref = tg.rand([6, 3]);
    ref.copy_(w.detach());
    expect(tg.allclose(base.matmul(ref), base.matmul(w.detach()))).toBe(true);
  });

  it('small tensors carved from a slab get a storage of their own; dispose() only marks a shared tensor', () => {
    const a = tg.tensor([1, 2, 3]), b = tg.tensor([4, 5, 6]);
    a.shareMemory_();
    expect(a.asTypedArray().byteLength).toBe(12);
    expect(b.tolist()).toEqual([4, 5, 6]); // the slab neighbour is untouched
    a.dispose();
    expect(a.isDisposed).toBe(true);
    expect(() => a.add(1)).toThrow(/^add: tensor of shape \[3\] was disposed/);
    expect(() => a.shareMemory_()).toThrow(/^shareMemory_: tensor of shape \[3\] was disposed/);
  });
});

describe('toTransferable / fromTransferable', () => {
  it('a tensor crosses structured clone sharing memory with the sender (writes are seen both ways)', () => {
    const x = tg.arange(12, { dtype: 'float64' }).reshape([3, 4]);
    const v = x.t(); // strides and offset travel
    const got = roundTrip(v) as Tensor;
    expect(got).toBeInstanceOf(Tensor);
    expect(got.shape).toEqual([4, 3]);
    expect(got.stride()).toEqual([1, 4]);
    expect(got.dtype).toBe('float64');
    expect(got.tolist()).toEqual(v.tolist());
    got.add_(100);
    expect(x.tolist()[0]).toEqual([100, 101, 102, 103]);
    x.zero_();
    expect(got.sum().item()).toBe(0);
  });

  it('a stateDict, arrays, Maps and plain values in one message; every dtype', () => {
    const model = new tg.nn.Sequential(new tg.nn.Linear(3, 4), new tg.nn.ReLU(), new tg.nn.Linear(4, 2));
    const msg = {
      state: model.stateDict(),
      extra: [tg.tensor([true, false]), tg.tensor([1, 2], { dtype: 'int32' }), 'tag', 7, null],
      byName: new Map([['e', tg.zeros([0, 3])]]),
      raw: new Float32Array([1, 2]),
    };
    const got = roundTrip(msg);
    const copy = new tg.nn.Sequential(new tg.nn.Linear(3, 4), new tg.nn.ReLU(), new tg.nn.Linear(4, 2));
    copy.loadStateDict(got.state);
    const input = tg.rand([5, 3]);
    expect(tg.equal(copy.forward(input), model.forward(input))).toBe(true);
    expect(got.extra.slice(2)).toEqual(['tag', 7, null]);
    expect(String(got.extra[0])).toBe('tensor([ True, False])');
    expect(got.extra[1].dtype).toBe('int32');
    expect(got.byName.get('e').shape).toEqual([0, 3]);
    expect(Array.from(got.raw)).toEqual([1, 2]);
  });

  it('autograd history does not cross; a leaf that requires grad stays one', () => {
    const w = tg.rand([3], { requiresGrad: true });
    const y = w.mul(2);
    const got = roundTrip({ w, y });
    expect(got.w.requiresGrad && got.w.isLeaf).toBe(true);
    expect(got.y.requiresGrad).toBe(false);
    expect(got.y.gradFn).toBe(null);
    got.w.sum().backward();
    expect(w.grad).toBe(null); // the sender's graph is its own
  });

  it('move: true gives the tensors away; any use of the sender (or its views) says it moved', () => {
    const x = tg.rand([2, 3]);
    const view = x.t();
    const before = x.tolist();
    const got = roundTrip(x, true) as Tensor;
    expect(got.tolist()).toEqual(before);
    expect(x.isDisposed).toBe(true);
    const moved = /tensor of shape \[3, 2\] was moved to another thread/;
    expect(() => view.add(1)).toThrow(moved);
    expect(() => view.sum()).toThrow(moved);
    expect(() => x.item()).toThrow(/^item: tensor of shape \[2, 3\] was moved to another thread/);
    expect(() => tg.toTransferable(x)).toThrow(/^toTransferable: tensor of shape \[2, 3\] was moved/);
    // A plain dispose still says disposed (the moved flag does not leak to the next error).
    const d = tg.ones([2]);
    d.dispose();
    expect(() => d.add(1)).toThrow(/^add: tensor of shape \[2\] was disposed and cannot be used/);
  });

  it('rejects malformed messages before any kernel reads them', () => {
    const good = structuredClone(tg.toTransferable(tg.arange(6, { dtype: 'float32' }))) as Record<string, unknown>;
    expect(() => tg.fromTransferable({ ...good, shape: [7], strides: [1] })).toThrow(/^fromTransferable: shape \[7\] with strides \[1\] and offset 0 reaches past a storage of 6 elements/);
    expect(() => tg.fromTransferable({ ...good, shape: [2, 3], strides: [3, 1], offset: 1 })).toThrow(RangeError);
    expect(() => tg.fromTransferable({ ...good, dtype: 'float64' })).toThrow(/^fromTransferable: a float64 tensor needs a Float64Array, got Float32Array/);
    expect(() => tg.fromTransferable({ ...good, dtype: 'complex' })).toThrow(/^fromTransferable: unknown dtype/);
    expect(() => tg.fromTransferable({ ...good, strides: [-1] })).toThrow(/^fromTransferable: malformed tensor message/);
    expect(tg.fromTransferable({ ...good, shape: [0], strides: [1], offset: 6 }).shape).toEqual([0]);
    const cyc: Record<string, unknown> = {};
    cyc.self = cyc;
    expect(() => tg.toTransferable(cyc)).toThrow(/^toTransferable: the value contains a cycle/);
    expect(() => tg.toTransferable(tg.ones([1]), { move: 'yes' as never })).toThrow(/^toTransferable: move must be a boolean/);
  });
});
