// Shared helpers for the nn / optim tests: fixture loading, tensors from fixture encodings, closeness checks.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import tg, { Tensor } from '../../lib/index.js';

export interface Enc {
  data: number[] | boolean[];
  shape: number[];
  dtype: 'float32' | 'float64' | 'int32' | 'bool';
  requiresGrad?: boolean;
}

export const FIXTURE_DIR = join(__dirname, '..', 'fixtures');
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const nnFixture: any = JSON.parse(readFileSync(join(FIXTURE_DIR, 'nn.json'), 'utf8'));

export function fromEnc(e: Enc, requiresGrad = e.requiresGrad ?? false): Tensor {
  const t = tg.tensor(e.data as number[], { dtype: e.dtype }).reshape(e.shape).detach();
  if (requiresGrad) t.requiresGrad_(true);
  return t;
}

/** Elementwise |a - b| <= atol + rtol |b|, with a message naming the worst element. */
export function expectClose(actual: Tensor | number[], expected: Enc | number[], rtol: number, atol: number, what = ''): void {
  const a = actual instanceof Tensor ? Array.from(actual.toTypedArray() as ArrayLike<number>, Number) : actual;
  const e = Array.isArray(expected) ? (expected as number[]) : (expected.data as number[]).map(Number);
  if (actual instanceof Tensor && !Array.isArray(expected)) expect(actual.shape, `${what} shape`).toEqual(expected.shape);
  expect(a.length, `${what} numel`).toBe(e.length);
  let worst = -1, worstErr = 0;
  for (let i = 0; i < a.length; i++) {
    const err = Math.abs(a[i] - e[i]) - (atol + rtol * Math.abs(e[i]));
    const bad = Number.isNaN(a[i]) !== Number.isNaN(e[i]) || err > 0;
    if (bad && (worst < 0 || err > worstErr)) {
      worst = i;
      worstErr = err;
    }
  }
  if (worst >= 0) expect.fail(`${what}: element ${worst} is ${a[worst]}, expected ${e[worst]} (rtol ${rtol}, atol ${atol})`);
}

export function tolFor(dtype: string): [number, number] {
  return dtype === 'float64' ? [1e-9, 1e-12] : [1e-4, 1e-6];
}
