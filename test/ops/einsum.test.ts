// tg.einsum (lib/ops/einsum.ts): PyTorch 1.13 parity from test/fixtures/einsum.json (gen_einsum.py: values,
// grads, gradFn names, error messages), float64 gradcheck/gradgradcheck of the composition (einsum has no
// derivative row of its own: its backward is that of diagonal/permute/sum/mul/bmm), and the calling forms.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import tg, { Tensor } from '../../lib/index.js';
import { decode, expectTensor, tolFor, type TensorJson } from '../helpers/ops_fixture.js';

interface Case { id: string; eq: string; inputs: TensorJson[]; out: TensorJson; grad_fn: string | null; grad_output: TensorJson; grads: (TensorJson | null)[] }
interface ErrorCase { id: string; eq: string; shapes: number[][]; error: string }
const FIX: { cases: Case[]; errors: ErrorCase[] } = JSON.parse(readFileSync(join(__dirname, '../fixtures/einsum.json'), 'utf8'));

// float32 sums of a few products in another order than PyTorch's GEMM.
const F32_SUM = { rtol: 1e-5, atol: 1e-5 };
const tolOf = (t: TensorJson) => (t.dtype === 'float32' ? F32_SUM : tolFor(t.dtype));

describe('einsum: PyTorch 1.13 fixtures', () => {
  for (const c of FIX.cases) {
    it(`${c.id}: '${c.eq}' values, gradFn, grads`, () => {
      const inputs = c.inputs.map((t) => decode(t, true));
      const out = tg.einsum(c.eq, ...inputs);
      expectTensor(out, c.out, tolOf(c.out), 'out');
      expect(out.gradFn?.name ?? null, 'gradFn.name').toBe(c.grad_fn);
      out.backward(decode(c.grad_output, false));
      c.grads.forEach((g, i) => {
        if (g === null) expect(inputs[i].grad).toBeNull();
        else expectTensor(inputs[i].grad, g, tolOf(g), `grad of input ${i}`);
      });
    });
  }
});

describe('einsum: bad input is an error naming einsum (PyTorch 1.13 messages)', () => {
  for (const e of FIX.errors) {
    it(`${e.id}: '${e.eq}'`, () => {
      const ops = e.shapes.map((s) => tg.zeros(s));
      // PyTorch's message without its "einsum(): " prefix; tensorgrad's starts "einsum: " and may add shapes.
      const body = e.error.replace(/^einsum\(\): /, '');
      let thrown: unknown;
      try { tg.einsum(e.eq, ...ops); } catch (err) { thrown = err; }
      expect(thrown).toBeInstanceOf(RangeError);
      const msg = (thrown as Error).message;
      expect(msg.startsWith('einsum: ')).toBe(true);
      const [head, tail] = body.split(/ (?=for operand \d+|and no ellipsis|which does not broadcast)/);
      expect(msg).toContain(head);
      if (tail) expect(msg).toContain(tail.split(' and no')[0]);
    });
  }

  it('messages name the operand shape where a shape is at fault', () => {
    expect(() => tg.einsum('ijk->ij', tg.zeros([2, 3]))).toThrow('(shape [2, 3])');
    expect(() => tg.einsum('ij,jk->ik', tg.zeros([2, 3]), tg.zeros([4, 5]))).toThrow('operand 1 (shape [4, 5])');
    expect(() => tg.einsum('...ij,...ij->ij', tg.zeros([2, 3, 4]), tg.zeros([5, 3, 4]))).toThrow('dimension 0 of the ellipsis has size 5');
  });

  it('no operands, a non-string equation, a non-tensor or mixed dtypes are TypeErrors/RangeErrors naming einsum', () => {
    expect(() => tg.einsum('i')).toThrow(RangeError);
    expect(() => tg.einsum('i')).toThrow('einsum: must provide at least one operand');
    expect(() => tg.einsum(3 as unknown as string, tg.zeros([2]))).toThrow(TypeError);
    expect(() => tg.einsum('i,i', tg.zeros([2]), 'x' as unknown as Tensor)).toThrow('einsum: expected a Tensor for operand 1, got string');
    expect(() => tg.einsum('i,i', tg.zeros([2]), tg.zeros([2], { dtype: 'float64' }))).toThrow(TypeError);
    expect(() => tg.einsum('i,i', tg.zeros([2]), tg.zeros([2], { dtype: 'float64' }))).toThrow('einsum: expected all operands to have the same dtype, got float32, float64');
  });
});

describe('einsum: calling forms and composition', () => {
  const a = () => tg.tensor([[1, 2, 3], [4, 5, 6]]), b = () => tg.tensor([[1, 0], [2, 1], [0, 3]]);

  it('operands as varargs, as one array, and with spaces agree with matmul', () => {
    const want = a().matmul(b()).tolist();
    expect(tg.einsum('ij,jk->ik', a(), b()).tolist()).toEqual(want);
    expect(tg.einsum('ij,jk->ik', [a(), b()]).tolist()).toEqual(want);
    expect(tg.einsum(' i j , j k ', a(), b()).tolist()).toEqual(want);
  });

  it('the contraction is a bmm (the GEMM does the work) and a pure product a mul', () => {
    const names = (t: Tensor): string[] => {
      const out: string[] = [];
      const walk = (n: typeof t.gradFn): void => { if (!n) return; out.push(n.name); n.nextFunctions.forEach(([m]) => walk(m)); };
      walk(t.gradFn);
      return out;
    };
    const x = a().requiresGrad_(true), y = b().requiresGrad_(true);
    expect(names(tg.einsum('ij,jk->ik', x, y))).toContain('BmmBackward0');
    expect(names(tg.einsum('i,j->ij', tg.ones([2]).requiresGrad_(true), tg.ones([3])))[0]).toBe('MulBackward0');
  });

  it('an integer einsum without contraction works (sum and permute take int32)', () => {
    const x = tg.tensor([[1, 2], [3, 4]], { dtype: 'int32' });
    expect(tg.einsum('ij->ji', x).tolist()).toEqual([[1, 3], [2, 4]]);
    expect(tg.einsum('ii', x).item()).toBe(5);
  });
});

describe('einsum: float64 gradcheck / gradgradcheck of the composition', () => {
  const r = (...s: number[]) => tg.randn(s, { dtype: 'float64' }).requiresGrad_(true);
  const specs: [string, () => Tensor[]][] = [
    ['ij,jk->ik', () => [r(2, 3), r(3, 4)]],
    ['bn,anm,bm->ba', () => [r(2, 3), r(2, 3, 2), r(2, 2)]],
    ['ii->i', () => [r(3, 3)]],
    ['ii', () => [r(3, 3)]],
    ['...ij,...jk->...ik', () => [r(2, 1, 2, 3), r(3, 3, 2)]],
    ['i,j->i', () => [r(3), r(2)]],
    ['ij,jk,kl', () => [r(2, 3), r(3, 2), r(2, 2)]],
    ['ii,ij->j', () => [r(2, 2), r(2, 3)]],
  ];
  for (const [eq, inputs] of specs) {
    it(`'${eq}'`, () => {
      tg.manualSeed(7);
      const xs = inputs();
      const f = (...t: Tensor[]) => tg.einsum(eq, ...t);
      expect(tg.autograd.gradcheck(f, xs)).toBe(true);
      expect(tg.autograd.gradgradcheck(f, xs)).toBe(true);
    });
  }
});
