// Conv, fold and padding modules against PyTorch 1.13 (test/fixtures/conv_modules.json, made by
// test/fixtures/gen/gen_conv.py): repr to the character, the initial parameters' law (kaiming_uniform(a=sqrt(5))
// and the bias bound: U(-1/sqrt(fanIn), 1/sqrt(fanIn)) for both; tensorgrad's generator is not PyTorch's
// mt19937, so the values differ), and each conv module's output with PyTorch's parameters loaded (padding modes,
// transposed output sizes).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import tg, { Tensor } from '../../lib/index.js';
import { decode, type TensorJson } from '../helpers/ops_fixture.js';

interface ModuleCase {
  name: string;
  args: unknown[];
  kwargs: Record<string, unknown>;
  seed: number;
  repr: string;
  params: Record<string, TensorJson>;
  input?: TensorJson;
  output?: TensorJson;
}
const FX: { modules: ModuleCase[] } = JSON.parse(readFileSync(new URL('../fixtures/conv_modules.json', import.meta.url), 'utf8'));
const nn = tg.nn as unknown as Record<string, new (...a: unknown[]) => InstanceType<typeof tg.nn.Module>>;

function build(c: ModuleCase): InstanceType<typeof tg.nn.Module> {
  tg.manualSeed(c.seed);
  return Object.keys(c.kwargs).length > 0 ? new nn[c.name](...c.args, c.kwargs) : new nn[c.name](...c.args);
}

function close(a: Tensor, b: Tensor, rtol: number, atol: number): void {
  expect(a.shape).toEqual(b.shape);
  const x = Array.from(a.toTypedArray() as ArrayLike<number>), y = Array.from(b.toTypedArray() as ArrayLike<number>);
  const bad = x.map((v, i) => [i, v, y[i]]).filter(([, v, w]) => !(Math.abs(v - w) <= atol + rtol * Math.abs(w)));
  expect(bad).toEqual([]);
}

describe('conv and padding modules: PyTorch 1.13 fixtures', () => {
  for (const c of FX.modules) {
    const label = `${c.name}(${JSON.stringify(c.args).slice(1, -1)}${Object.keys(c.kwargs).length ? ', ' + JSON.stringify(c.kwargs) : ''})`;
    it(`${label}: repr`, () => expect(String(build(c))).toBe(c.repr));
    if (Object.keys(c.params).length > 0)
      it(`${label}: initial parameters in PyTorch's bounds`, () => {
        const m = build(c);
        const got = Object.fromEntries(m.namedParameters());
        expect(Object.keys(got)).toEqual(Object.keys(c.params));
        const w = got.weight;
        const bound = 1 / Math.sqrt(w.shape.slice(1).reduce((a, b) => a * b, 1)); // kaiming(a=sqrt(5)) = this bound too
        for (const [k, p] of Object.entries(c.params)) {
          const ours = got[k].abs().max().item() as number, theirs = decode(p).abs().max().item() as number;
          expect(got[k].shape, k).toEqual(p.shape);
          expect(theirs, `PyTorch's ${k} within the bound`).toBeLessThanOrEqual(bound);
          expect(ours, `${k} within the bound`).toBeLessThanOrEqual(bound);
          expect(ours, `${k} spread over the range`).toBeGreaterThan(bound * (got[k].numel() >= 8 ? 0.5 : 0.05));
        }
      });
    if (c.input !== undefined)
      it(`${label}: output`, () => {
        const m = build(c);
        m.loadStateDict(Object.fromEntries(Object.entries(c.params).map(([k, p]) => [k, decode(p)])));
        close((m as unknown as (x: Tensor) => Tensor)(decode(c.input!)), decode(c.output!), 1e-4, 2e-5);
      });
  }
});

describe('conv modules', () => {
  it('a non-zeros paddingMode pads with F.pad first (the graph shows its node under ConvolutionBackward0)', () => {
    const m = new tg.nn.Conv2d(1, 1, 3, { padding: 1, paddingMode: 'reflect' });
    const y = m.call(tg.randn([1, 1, 4, 4]).requiresGrad_());
    expect(y.shape).toEqual([1, 1, 4, 4]);
    expect(y.gradFn?.name).toBe('ConvolutionBackward0');
    expect(y.gradFn?.nextFunctions[0][0]?.name).toBe('ReflectionPad2DBackward0');
  });

  it('ConvTranspose2d.forward(input, outputSize) picks the output padding that reaches outputSize', () => {
    const m = new tg.nn.ConvTranspose2d(2, 3, 3, { stride: 2, padding: 1 });
    const x = tg.randn([1, 2, 4, 4]);
    expect(m.call(x).shape).toEqual([1, 3, 7, 7]);
    expect(m.call(x, [8, 8]).shape).toEqual([1, 3, 8, 8]);
    expect(() => m.call(x, [10, 10])).toThrow(/ConvTranspose2d: requested an output size of \[10,10\]/);
  });

  it('constructor errors name the module', () => {
    expect(() => new tg.nn.Conv2d(3, 4, 3, { groups: 2 })).toThrow(/Conv2d: in_channels must be divisible by groups/);
    expect(() => new tg.nn.Conv2d(4, 3, 3, { groups: 2 })).toThrow(/Conv2d: out_channels must be divisible by groups/);
    expect(() => new tg.nn.Conv2d(2, 2, 3, { stride: 2, padding: 'same' })).toThrow(/Conv2d: padding='same' is not supported for strided convolutions/);
    expect(() => new tg.nn.Conv1d(2, 2, 3, { paddingMode: 'mirror' as 'zeros' })).toThrow(/Conv1d: padding_mode must be one of/);
    expect(() => new tg.nn.ConvTranspose2d(2, 2, 3, { paddingMode: 'reflect' })).toThrow(/ConvTranspose2d: Only "zeros" padding mode is supported/);
  });
});

describe('padding modules', () => {
  it('pad with their mode through F.pad (the node is the mode\'s)', () => {
    const x = tg.randn([1, 2, 3, 3, 4]).requiresGrad_();
    const cases: [InstanceType<typeof tg.nn.Module>, string, number[]][] = [
      [new tg.nn.ReflectionPad3d(1), 'ReflectionPad3DBackward0', [1, 2, 5, 5, 6]],
      [new tg.nn.ReplicationPad3d([1, 0, 0, 1, 2, 2]), 'ReplicationPad3DBackward0', [1, 2, 7, 4, 5]],
      [new tg.nn.ConstantPad3d(1, 2.5), 'ConstantPadNdBackward0', [1, 2, 5, 5, 6]],
    ];
    for (const [m, node, shape] of cases) {
      const y = (m as unknown as (t: Tensor) => Tensor)(x);
      expect(y.shape).toEqual(shape);
      expect(y.gradFn?.name).toBe(node);
    }
    const y = new tg.nn.ReplicationPad3d(1).call(x);
    expect(y.narrow(4, 0, 1).sub(y.narrow(4, 1, 1)).abs().max().item()).toBe(0); // the edge is copied
  });
});
