// The deprecated tg.nn.init spellings without the underscore (PyTorch 1.13's nn.init.uniform, normal, constant,
// eye, dirac, kaiming_uniform, kaiming_normal, xavier_uniform, xavier_normal, orthogonal): each fills the tensor
// in place exactly as its underscore form does from the same generator state (the underscore forms' statistics
// are checked by test/ops/random.test.ts), and names itself in argument errors.
import { describe, expect, it } from 'vitest';
import tg from '../../lib/index.js';

const init = tg.nn.init;
type Fill = (t: ReturnType<typeof tg.empty>, g: InstanceType<typeof tg.Generator>) => unknown;
const PAIRS: [string, Fill, Fill][] = [
  ['uniform', (t, g) => init.uniform(t, -2, 3, g), (t, g) => init.uniform_(t, -2, 3, g)],
  ['normal', (t, g) => init.normal(t, 1, 2, g), (t, g) => init.normal_(t, 1, 2, g)],
  ['constant', (t) => init.constant(t, 0.5), (t) => init.constant_(t, 0.5)],
  ['eye', (t) => init.eye(t), (t) => init.eye_(t)],
  ['dirac', (t) => init.dirac(t.reshape(6, 5, 1)), (t) => init.dirac_(t.reshape(6, 5, 1))],
  ['kaimingUniform', (t, g) => init.kaimingUniform(t, 0.2, 'fan_out', 'leaky_relu', g), (t, g) => init.kaimingUniform_(t, 0.2, 'fan_out', 'leaky_relu', g)],
  ['kaimingNormal', (t, g) => init.kaimingNormal(t, 0, 'fan_in', 'relu', g), (t, g) => init.kaimingNormal_(t, 0, 'fan_in', 'relu', g)],
  ['xavierUniform', (t, g) => init.xavierUniform(t, 2, g), (t, g) => init.xavierUniform_(t, 2, g)],
  ['xavierNormal', (t, g) => init.xavierNormal(t, 2, g), (t, g) => init.xavierNormal_(t, 2, g)],
  ['orthogonal', (t, g) => init.orthogonal(t, 1.5, g), (t, g) => init.orthogonal_(t, 1.5, g)],
];

describe('deprecated nn.init spellings', () => {
  for (const [name, old, now] of PAIRS)
    it(`${name} fills in place as ${name}_ does`, () => {
      const a = tg.empty(6, 5), b = tg.empty(6, 5);
      const r = old(a, new tg.Generator(7));
      now(b, new tg.Generator(7));
      if (name !== 'dirac') expect(r).toBe(a);
      expect(a.tolist()).toEqual(b.tolist());
      expect(a.abs().sum().item()).toBeGreaterThan(0);
      expect(() => (init as unknown as Record<string, (...x: unknown[]) => unknown>)[name]('x')).toThrow(new RegExp(`^${name}_?: `));
    });
});
