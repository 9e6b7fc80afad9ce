// Runs a case of test/fixtures/random.json (made by test/fixtures/gen/gen_random.py) on tensorgrad.
import tg, { Tensor } from '../../lib/index.js';
import { signatureOf } from '../../lib/kwargs.js';
import type { DType } from '../../lib/dtype.js';

export interface RandomCase {
  id: string;
  fn: string;
  args: unknown[];
  kwargs: Record<string, unknown>;
  out?: { shape: number[]; dtype: string; requires_grad: boolean; values?: unknown[]; value?: number };
  error?: string;
}

type Nested = number | boolean | Nested[];
const num = (v: unknown): unknown => (v === 'nan' ? NaN : v === 'inf' ? Infinity : v === '-inf' ? -Infinity : v);
const walk = (v: unknown): Nested => (Array.isArray(v) ? v.map(walk) : (num(v) as Nested));
const camel = (s: string): string => s.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

function dec(a: unknown): unknown {
  if (a !== null && typeof a === 'object' && 't' in (a as object)) {
    const { t, dtype } = a as { t: unknown; dtype: DType };
    return tg.tensor(walk(t), { dtype });
  }
  return num(a);
}

/** The call's result, with a fresh generator (where the function takes one) so the run is deterministic. */
export function runCase(c: RandomCase): Tensor | number {
  const args = c.args.map(dec);
  const opts: Record<string, unknown> = { generator: new tg.Generator(0) };
  for (const [k, v] of Object.entries(c.kwargs)) opts[camel(k)] = dec(v);
  if (c.fn.startsWith('nn.init.')) {
    const f = (tg.nn.init as unknown as Record<string, (...a: unknown[]) => Tensor>)[camel(c.fn.slice(8))];
    if (!signatureOf(f)?.names.includes('generator')) delete opts.generator;
    return f(...args, opts);
  }
  if (c.fn.startsWith('Tensor.')) {
    const self = args[0] as Tensor;
    const m = (self as unknown as Record<string, (...a: unknown[]) => Tensor>)[camel(c.fn.slice(7))];
    return m.call(self, ...args.slice(1), opts);
  }
  const f = (tg as unknown as Record<string, (...a: unknown[]) => Tensor>)[camel(c.fn.slice(6))];
  return f(...args, opts);
}
