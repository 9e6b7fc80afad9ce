// F.linear's GEMM epilogue and packed-weight cache (Note [Linear epilogue and packed weights],
// native/cpu/gemm_kernels.cc; Note [Packed weights], lib/ops/packed_weights.ts): every result must be bitwise the
// unfused one (mm, then add of the bias, then relu) on every GEMM path, capability and thread count, and the
// cache must never serve a stale weight: in-place writes, optimizer steps, loadStateDict and set_ invalidate it,
// and its memory stays bounded.
import { describe, expect, it, vi } from 'vitest';
import tg, { Tensor } from '../../lib/index.js';
import { packedWeightStats } from '../../lib/ops/packed_weights.js';

const nn = tg.nn, F = tg.nn.functional;
/** The values' bit patterns (so -0 and NaN payloads count). */
const bits = (t: Tensor): number[] => {
  const a = t.contiguous().toTypedArray() as Float32Array | Float64Array;
  return a instanceof Float32Array ? Array.from(new Uint32Array(a.buffer, a.byteOffset, a.length)) : Array.from(new BigUint64Array(a.buffer, a.byteOffset, a.length), Number);
};
/** The unfused reference: the GEMM alone, then the bias add, then the ReLU, as separate ops. */
const reference = (x: Tensor, w: Tensor, b: Tensor | null, relu: boolean): Tensor =>
  tg.noGrad(() => {
    const y = tg.mm(x, w.t());
    const z = b === null ? y : y.add(b);
    return relu ? z.relu() : z;
  });

// [m, k, n]: the few-vector path (m or n <= 4), partial register tiles, several K blocks (K > KC on every ISA),
// the M = 128 W21 layer, K = 0, and f64 shapes past the packed-slab cap (several slabs: the cache steps aside).
const SHAPES: [number, number, number][] = [[3, 40, 9], [7, 30, 3], [1, 64, 70], [29, 37, 45], [33, 600, 70], [128, 784, 40], [9, 0, 33], [20, 1100, 2000]];

describe('F.linear epilogue and packed weights', () => {
  it('equal mm + add + relu bit for bit on every path, capability, thread count and float dtype', () => {
    const cap0 = tg.backends.cpu.capability(), nt0 = tg.getNumThreads();
    try {
      for (const cap of tg.backends.cpu.capabilities()) {
        tg.backends.cpu.setCapability(cap);
        for (const nt of [1, 2]) {
          tg.setNumThreads(nt);
          for (const [m, k, n] of SHAPES)
            for (const dtype of ['float32', 'float64'] as const) {
              if (m * k * n > 1e7 && (dtype === 'float32' || nt === 1 || cap !== cap0)) continue;
              tg.manualSeed(m + k + n);
              const x = tg.randn([m, k], { dtype }), w = tg.randn([n, k], { dtype }), b = tg.randn([n], { dtype });
              if (m * n > 8) b.narrow(0, 1, 1).fill_(Number.NaN); // a NaN through the epilogue's add and ReLU
              const what = `${m}x${k}x${n} ${dtype} ${cap} ${nt} threads`;
              const lin = new nn.Linear(k, n, { dtype });
              tg.noGrad(() => {
                lin.weight.copy_(w);
                lin.bias!.copy_(b);
              });
              lin.eval();
              const seq = new nn.Sequential(lin, new nn.ReLU());
              for (let rep = 0; rep < 2; rep++) { // the second call reads the cached packed weight
                tg.noGrad(() => {
                  expect(bits(F.linear(x, w, b)), `${what}: linear`).toEqual(bits(reference(x, w, b, false)));
                  expect(bits(F.linear(x, w)), `${what}: linear, no bias`).toEqual(bits(reference(x, w, null, false)));
                  expect(bits(seq(x)), `${what}: Linear + ReLU`).toEqual(bits(reference(x, w, b, true)));
                });
              }
              // recording (the weight requires grad): the epilogue without the cache
              expect(bits(lin(x)), `${what}: recorded linear`).toEqual(bits(reference(x, w, b, false)));
            }
        }
      }
    } finally {
      tg.backends.cpu.setCapability(cap0);
      tg.setNumThreads(nt0);
    }
  });

  it('keeps NaN through the fused bias and ReLU as add and nn.ReLU do', () => {
    const x = tg.tensor([[1, 0], [0, 1], [-1, 0], [0, 0], [1, 1], [2, 0]]);
    const w = tg.tensor([[-0, 1], [1, 0], [-1, 0], [0, 0], [1, 1]]);
    const b = tg.tensor([-0, Number.NaN, 0, -0, -3]);
    const seq = new nn.Sequential(new nn.Linear(2, 5), new nn.ReLU());
    tg.noGrad(() => {
      (seq.get(0) as InstanceType<typeof nn.Linear>).weight.copy_(w);
      (seq.get(0) as InstanceType<typeof nn.Linear>).bias!.copy_(b);
      expect(bits(seq(x))).toEqual(bits(reference(x, w, b, true)));
      expect(bits(seq(x))).toContain(0x7fc00000);
    });
  });

  it('runs Linear + ReLU as one GEMM in inference, the modules one by one when recording', () => {
    const lin = new nn.Linear(64, 96), relu = new nn.ReLU();
    const seq = new nn.Sequential(lin, relu, new nn.Linear(96, 10));
    const x = tg.randn([16, 64]);
    const reluFwd = vi.spyOn(nn.ReLU.prototype, 'forward');
    try {
      expect(tg.noGrad(() => seq(x)).shape).toEqual([16, 10]);
      expect(reluFwd).toHaveBeenCalledTimes(0);
      const y = seq(x);
      expect(reluFwd).toHaveBeenCalledTimes(1);
      expect(y.gradFn?.name).toBe('AddmmBackward0');
    } finally {
      reluFwd.mockRestore();
    }
  });

  it('packs an unchanged weight once, and again after every kind of write to it', () => {
    const model = new nn.Sequential(new nn.Linear(200, 64), new nn.ReLU(), new nn.Linear(64, 100));
    const x = tg.randn([32, 200]);
    const params = () => [...model.parameters()];
    const expected = () => {
      const [w1, b1, w2, b2] = params();
      return reference(reference(x, w1, b1, true), w2, b2, false);
    };
    const check = (what: string, packs: number) => {
      const before = packedWeightStats().packs;
      expect(bits(tg.noGrad(() => model(x))), what).toEqual(bits(expected()));
      expect(packedWeightStats().packs - before, `${what}: packs`).toBe(packs);
    };
    {
      check('first call', 2);
      check('unchanged', 0);
      // an in-place write to the first weight
      tg.noGrad(() => params()[0].mul_(0.5));
      check('after mul_', 1);
      // through .data (detach shares the storage and version counter)
      params()[2].data.copy_(tg.randn([100, 64]));
      check('after .data.copy_', 1);
      // an optimizer step (native SGD kernel) on both weights
      const opt = new tg.optim.SGD(model.parameters(), { lr: 0.1, momentum: 0.9 });
      model(x).sum().backward();
      opt.step();
      check('after optimizer.step()', 2);
      const adam = new tg.optim.Adam(model.parameters(), { lr: 0.01 });
      model(x).square().sum().backward();
      adam.step();
      check('after Adam step', 2);
      // loadStateDict from another model
      const other = new nn.Sequential(new nn.Linear(200, 64), new nn.ReLU(), new nn.Linear(64, 100));
      model.loadStateDict(other.stateDict());
      check('after loadStateDict', 2);
      expect(bits(params()[0])).toEqual(bits([...other.parameters()][0]));
      // set_: the weight tensor takes other storage (PyTorch's `.data =` assignment)
      tg.noGrad(() => params()[0].set_(tg.randn([64, 200])));
      check('after set_', 1);
      // nn.init writes in place
      nn.init.normal_(params()[2]);
      check('after nn.init', 1);
      // a write by hand through asTypedArray() bumps no version counter: once its buffer is handed out, the
      // weight is never served from the cache (the GEMM packs it on every call, as without the cache: the
      // cache's pack count stays put while the values follow the writes)
      const raw = params()[0].asTypedArray();
      check('after asTypedArray()', 0);
      raw[0] += 1;
      raw[12345] = -3;
      check('after a write through asTypedArray()', 0);
      raw.fill(0.25, 0, 100);
      check('after another write through asTypedArray()', 0);
    }
  });

  it('stays bounded: 10,000 calls with changing weights, and many weights past the cap', () => {
    const w = tg.randn([64, 128]), x = tg.randn([8, 128]);
    tg.noGrad(() => F.linear(x, w));
    const bytes0 = packedWeightStats().bytes;
    const ab0 = process.memoryUsage().arrayBuffers;
    // 2,000 under the sanitizer run (scripts/test-asan.sh sets TG_ASAN), where each call is ~10x dearer: the
    // cache's size is checked after every call either way, and 2,000 repacks of one weight are as many reuses.
    const calls = process.env.TG_ASAN ? 2000 : 10000;
    for (let i = 0; i < calls; i++) {
      tg.noGrad(() => {
        w.add_(1e-3);
        F.linear(x, w).dispose();
      });
      expect(packedWeightStats().bytes).toBe(bytes0);
    }
    expect(bits(tg.noGrad(() => F.linear(x, w)))).toEqual(bits(reference(x, w, null, false)));
    expect(process.memoryUsage().arrayBuffers - ab0).toBeLessThan(16 << 20);
    // 40 weights of 4 MB each: the cache keeps at most its 64 MiB
    const ws = Array.from({ length: 40 }, () => tg.randn([1024, 1024]));
    const xs = tg.randn([8, 1024]);
    for (const wi of ws) tg.noGrad(() => F.linear(xs, wi).dispose());
    expect(packedWeightStats().bytes).toBeGreaterThan(32 << 20);
    expect(packedWeightStats().bytes).toBeLessThanOrEqual(64 << 20);
    // an evicted weight repacks and is still right
    expect(bits(tg.noGrad(() => F.linear(xs, ws[0])))).toEqual(bits(reference(xs, ws[0], null, false)));
  });
});
