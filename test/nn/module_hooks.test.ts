// Module.registerFullBackwardHook against PyTorch 1.13 (test/fixtures/module_hooks.json, gen_module_hooks.py): the
// hooks fire from the output side in, each with the grads of its module's inputs and outputs, a returned list
// replaces the input grads; with an input that needs no grad the hooks see null input grads. Plus getSubmodule,
// getParameter and getBuffer with PyTorch's messages.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import tg, { Tensor } from '../../lib/index.js';
import { decodeValue } from '../helpers/ops_fixture.js';

interface TJ { shape: number[]; data: (number | string)[] }
interface Call { module: string; grad_input: (TJ | null)[]; grad_output: (TJ | null)[] }
interface Scenario {
  input_requires_grad: boolean; output_grad_fn: string; output: TJ; calls: Call[];
  x_grad: TJ | null; l1_weight_grad: TJ; l2_weight_grad: TJ;
}
const FIX: { scenarios: Scenario[] } = JSON.parse(readFileSync(join(__dirname, '../fixtures/module_hooks.json'), 'utf8'));

function expectClose(t: Tensor | null, e: TJ | null, what: string): void {
  if (e === null) {
    expect(t, what).toBeNull();
    return;
  }
  expect(t, what).toBeInstanceOf(Tensor);
  expect((t as Tensor).shape, what).toEqual(e.shape);
  const got = Array.from((t as Tensor).toTypedArray() as Float32Array);
  e.data.map((v) => Number(decodeValue(v))).forEach((v, i) => expect(Math.abs(got[i] - v), `${what}[${i}]`).toBeLessThan(1e-5 + 1e-5 * Math.abs(v)));
}

function model(): [InstanceType<typeof tg.nn.Linear>, InstanceType<typeof tg.nn.Linear>] {
  const l1 = new tg.nn.Linear(3, 4), l2 = new tg.nn.Linear(4, 2);
  tg.noGrad(() => {
    l1.weight.copy_(tg.arange(12).reshape([4, 3]).div(10).sub(0.5));
    l1.bias!.copy_(tg.tensor([0.1, -0.2, 0.3, 0]));
    l2.weight.copy_(tg.arange(8).reshape([2, 4]).div(7).sub(0.4));
    l2.bias!.copy_(tg.tensor([0.05, -0.05]));
  });
  return [l1, l2];
}

describe('registerFullBackwardHook (PyTorch 1.13 fixtures)', () => {
  for (const sc of FIX.scenarios) {
    it(`input requires grad: ${sc.input_requires_grad}`, () => {
      const [l1, l2] = model();
      const calls: { module: string; gi: (Tensor | null)[]; go: (Tensor | null)[] }[] = [];
      const hookFor = (name: string, scale: number | null) => (_m: unknown, gi: (Tensor | null)[], go: (Tensor | null)[]) => {
        calls.push({ module: name, gi, go });
        if (scale !== null && gi[0] !== null) return [gi[0].mul(scale)];
        return undefined;
      };
      l1.registerFullBackwardHook(hookFor('l1', null));
      l2.registerFullBackwardHook(hookFor('l2', 3));
      const x = tg.tensor([[1, -2, 0.5], [0, 1.5, -1]], { requiresGrad: sc.input_requires_grad });
      const y = l2(tg.relu(l1(x))) as Tensor;
      expect(y.gradFn?.name).toBe(sc.output_grad_fn);
      expectClose(y.detach(), sc.output, 'output');
      y.mul(tg.tensor([[1, 2], [-1, 0.5]])).sum().backward();
      expect(calls.map((c) => c.module)).toEqual(sc.calls.map((c) => c.module));
      calls.forEach((c, i) => {
        c.gi.forEach((g, k) => expectClose(g, sc.calls[i].grad_input[k], `${c.module} grad_input[${k}]`));
        c.go.forEach((g, k) => expectClose(g, sc.calls[i].grad_output[k], `${c.module} grad_output[${k}]`));
      });
      expectClose(x.grad, sc.x_grad, 'x.grad');
      expectClose(l1.weight.grad, sc.l1_weight_grad, 'l1.weight.grad');
      expectClose(l2.weight.grad, sc.l2_weight_grad, 'l2.weight.grad');
    });
  }

  it('a handle removes the hook; a wrong-length replacement is an error; no hook runs under noGrad', () => {
    const lin = new tg.nn.Linear(2, 2);
    let n = 0;
    const h = lin.registerFullBackwardHook(() => { n++; });
    (lin(tg.ones([1, 2], { requiresGrad: true })) as Tensor).sum().backward();
    h.remove();
    (lin(tg.ones([1, 2], { requiresGrad: true })) as Tensor).sum().backward();
    expect(n).toBe(1);
    lin.registerFullBackwardHook((_m, gi) => [gi[0], gi[0]]);
    expect(() => (lin(tg.ones([1, 2], { requiresGrad: true })) as Tensor).sum().backward()).toThrow(/Backward hook returned an invalid number of grad_input, got 2, but expected 1/);
    expect((tg.noGrad(() => lin(tg.ones([1, 2], { requiresGrad: true }))) as Tensor).gradFn).toBeNull();
    expect(() => lin.registerFullBackwardHook(3 as never)).toThrow(/^registerFullBackwardHook: hook must be a function/);
  });
});

describe('getSubmodule / getParameter / getBuffer', () => {
  it('walk dotted paths with PyTorch names and messages', () => {
    const net = new tg.nn.Sequential(new tg.nn.Linear(2, 3), new tg.nn.BatchNorm1d(3));
    expect(net.getSubmodule('')).toBe(net);
    expect(net.getSubmodule('1')).toBe(net.get(1));
    expect(net.getParameter('0.weight')).toBe((net.get(0) as InstanceType<typeof tg.nn.Linear>).weight);
    expect(net.getBuffer('1.running_mean').shape).toEqual([3]);
    expect(() => net.getSubmodule('2')).toThrow('getSubmodule: Sequential has no attribute `2`');
    expect(() => net.getSubmodule('0.weight')).toThrow('getSubmodule: `weight` is not an nn.Module');
    expect(() => net.getParameter('0.nope')).toThrow('getParameter: Linear has no attribute `nope`');
    expect(() => net.getParameter('1.running_mean')).toThrow('getParameter: `running_mean` is not an nn.Parameter');
  });
});
