// Bad input is a thrown Error naming the op, never a crash: sizes, dtypes, dims, disposed tensors, and the
// regressions the fuzzers found. Cases that used to abort the process run in a child process.
import { describe, it, expect } from 'vitest';
import tg, { Tensor } from '../../lib/index.js';
import { runChild, explain } from './bundle.js';

describe('sizes', () => {
  it.each([
    ['zeros([2**40, 2**40])', () => tg.zeros([2 ** 40, 2 ** 40]), RangeError, /^zeros: shape \[1099511627776, 1099511627776\]/],
    ['ones([NaN])', () => tg.ones([NaN]), TypeError, /^ones: shape \[NaN\] must hold integers/],
    ['empty([Infinity])', () => tg.empty([Infinity]), TypeError, /^empty: /],
    ['zeros([-1])', () => tg.zeros([-1]), RangeError, /^zeros: negative dimension/],
    ['zeros([1.5])', () => tg.zeros([1.5]), TypeError, /^zeros: /],
    ['rand(33 dims)', () => tg.rand(new Array(33).fill(1)), RangeError, /^rand: at most 32 dims/],
    ['eye(1e8)', () => tg.eye(1e8), RangeError, /^eye: /],
    ['full with a string', () => tg.full([2], 'x' as never), TypeError, /^full: /],
    ['reshape([NaN])', () => tg.ones([2]).reshape([NaN]), TypeError, /^reshape: /],
    ['expand to 2**40 then sum', () => tg.ones([1]).expand([2 ** 40]).sum(), RangeError, /./],
  ] as const)('%s', (_name, fn, cls, msg) => {
    expect(fn).toThrow(cls);
    expect(fn).toThrow(msg);
  });

  it('allocations past the memory or the Node buffer limit are RangeErrors, not aborts (regression: double free)', () => {
    // tg.ones([2**32]) (16 GiB) passed malloc under overcommit, then Node refused the external buffer and
    // node-addon-api freed the finalizer record twice: abort. Run in a child: a crash must not take vitest down.
    const r = runChild('alloc-limits.cjs');
    if (r.status !== 0 || !r.report) throw new Error(explain(r));
    for (const [what, cls, msg] of r.report.results as [string, string, string][]) {
      expect(cls, `${what}: ${msg}`).toBe('RangeError');
    }
  });
});

describe('use after dispose()', () => {
  const ops: [string, (x: Tensor) => unknown][] = [
    ['add', (x) => x.add(1)], ['mul', (x) => tg.mul(2, x)], ['exp', (x) => x.exp()], ['sum', (x) => x.sum()],
    ['reshape', (x) => x.reshape([-1])], ['transpose', (x) => x.transpose(0, 1)], ['matmul', (x) => x.matmul(tg.ones([x.shape[1], 2]))],
    ['add_', (x) => x.add_(1)], ['clone', (x) => x.clone()], ['tolist', (x) => x.tolist()], ['item', (x) => x.sum().item()],
  ];
  it.each(ops)('%s throws an Error naming the op where it can', (name, fn) => {
    for (const shape of [[2, 3], [40, 30]]) {
      const x = tg.ones(shape);
      x.dispose();
      expect(x.isDisposed).toBe(true);
      expect(() => fn(x)).toThrow(/was disposed/);
      if (!['tolist', 'item', 'clone'].includes(name)) expect(() => fn(x)).toThrow(new RegExp(`^(${name}|mm): `));
    }
  });

  it('dispose() twice, on views, on empty tensors and on slab tensors is harmless', () => {
    for (const shape of [[0], [2, 0], [4], [1000]]) {
      const x = tg.ones(shape);
      const v = x.reshape([-1]);
      x.dispose();
      x.dispose();
      v.dispose();
      expect(String(x)).toMatch(/disposed/);
      expect(() => v.add(1)).toThrow(/disposed/);
    }
    // Regression: an empty tensor made by native code (a cast) threw "dispose: not a tensorgrad storage".
    const e = tg.zeros([0]).to('float64');
    expect(() => e.dispose()).not.toThrow();
  });
});

describe('messages and stacks', () => {
  it('shape errors name the op and the shapes', () => {
    expect(() => tg.mul(tg.ones([2, 3]), tg.ones([4]))).toThrow('mul: shapes [2, 3] and [4] cannot be broadcast');
    expect(() => tg.ones([2, 3]).matmul(tg.ones([4, 2]))).toThrow(/^matmul: .*2x3 and 4x2/);
  });

  it('errors carry the user call site in their stack (lib-side and native)', () => {
    function userCallSiteForStackCheck() {
      return tg.ones([2, 3]).matmul(tg.ones([4, 2]));
    }
    try {
      userCallSiteForStackCheck();
      expect.unreachable();
    } catch (e) {
      expect((e as Error).stack).toContain('userCallSiteForStackCheck');
    }
    function userNativeCallSite() {
      return tg.ones([1]).expand([2 ** 40]).sum();
    }
    try {
      userNativeCallSite();
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(RangeError);
      expect((e as Error).stack).toContain('userNativeCallSite');
    }
  });

  it('internal helpers are not on the tg namespace (tg.gemm reached the native GEMM unchecked)', () => {
    for (const k of ['gemm', 'mmT', 'bmmT', 'maxKeepdim', 'requireSameShape', 'sigmoidBackward', 'tanhBackward', 'thresholdBackward', 'gradMode', 'wrap', 'alias'])
      expect(k in tg, k).toBe(false);
  });
});
