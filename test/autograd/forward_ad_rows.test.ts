// Forward-mode AD over the whole derivative table (PyTorch's gradcheck(check_forward_ad=True)): every row
// declares a tangent rule, and for every float64 gradcheck spec (test/ops/gradcheck_specs.ts) the tangent
// forward AD carries to each output equals J v computed by reverse mode, one vjp per output element with a
// basis vector (so it checks the forward rules against the backward formulas gradcheck checked numerically).
import { describe, expect, it } from 'vitest';
import tg, { Tensor } from '../../lib/index.js';
import { D } from '../../lib/autograd/derivatives.js';
import type { Derivative } from '../../lib/autograd/function_node.js';
import { GRADCHECK } from '../ops/gradcheck_specs.js';

const fwAd = tg.autograd.forwardAd;
const rows = D as unknown as Record<string, Derivative>;

// Deterministic tangents (mulberry32), independent of tg's generator.
let state = 0x1234567;
function rnd(): number {
  state = (state + 0x6d2b79f5) | 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const randomLike = (x: Tensor): Tensor => tg.tensor(Array.from({ length: x.numel() }, () => 2 * rnd() - 1), { dtype: 'float64' }).reshape(x.shape);
const outputsOf = (r: Tensor | Tensor[]): Tensor[] => (Array.isArray(r) ? r : [r]);
const isFloat = (t: Tensor): boolean => t.dtype === 'float64' || t.dtype === 'float32';

/** J v for each output by reverse mode: one vjp per output element. */
function reverseJv(outs: Tensor[], inputs: Tensor[], v: Tensor[]): (number[] | null)[] {
  return outs.map((o) => {
    if (!isFloat(o)) return null;
    const n = o.numel();
    if (!o.requiresGrad) return new Array<number>(n).fill(0);
    const res: number[] = [];
    for (let j = 0; j < n; j++) {
      const e = tg.zeros([n], { dtype: o.dtype });
      e._data[j] = 1;
      const gs = tg.autograd.grad([o], inputs, { gradOutputs: [e.reshape(o.shape)], retainGraph: true, allowUnused: true });
      let acc = 0;
      gs.forEach((g, i) => {
        if (g !== null) acc += g.mul(v[i]).sum().item() as number;
      });
      res.push(acc);
    }
    return res;
  });
}

describe('forward AD rules', () => {
  it('every row of the derivative table declares a tangent rule (jvp)', () => {
    const missing = Object.keys(rows).filter((k) => rows[k].jvp === undefined);
    expect(missing, 'rows without a jvp field').toEqual([]);
  });

  for (const row of Object.keys(GRADCHECK)) {
    const jvp = rows[row]?.jvp;
    if (jvp !== undefined && typeof jvp === 'object') {
      it(`${row}: PyTorch 1.13 has no forward derivative; a dual input throws its error`, () => {
        const spec = GRADCHECK[row][0];
        const inputs = spec.inputs();
        expect(() =>
          fwAd.dualLevel(() => spec.fn(...inputs.map((x) => (x.requiresGrad ? fwAd.makeDual(x, randomLike(x)) : x)))),
        ).toThrow(`Trying to use forward AD with ${jvp.notImplemented} that does not support it because it has not been implemented yet.`);
      });
      continue;
    }
    GRADCHECK[row].forEach((spec, k) => {
      it(`${row}#${k}: forward-mode J v equals reverse-mode J v`, () => {
        const inputs = spec.inputs();
        const diff = inputs.filter((x) => x.requiresGrad);
        const v = diff.map(randomLike);
        const fw = fwAd.dualLevel(() => {
          let j = 0;
          const duals = inputs.map((x) => (x.requiresGrad ? fwAd.makeDual(x, v[j++]) : x));
          return outputsOf(spec.fn(...duals)).map((o) => {
            const t = fwAd.unpackDual(o).tangent;
            return t === null ? null : (t.contiguous().toTypedArray() as Float64Array);
          });
        });
        const rv = reverseJv(outputsOf(spec.fn(...inputs)), diff, v);
        const tol = spec.options?.atol ?? 1e-7;
        rv.forEach((want, o) => {
          if (want === null) return;
          const got = fw[o] === null ? new Array<number>(want.length).fill(0) : Array.from(fw[o]!);
          expect(got.length, `output ${o} tangent size`).toBe(want.length);
          for (let i = 0; i < want.length; i++) expect(Math.abs(got[i] - want[i]), `output ${o} element ${i}: ${got[i]} vs ${want[i]}`).toBeLessThan(tol + 1e-6 * Math.abs(want[i]));
        });
      });
    });
  }
});
