// Shared by the module fixture tests (test/nn/rnn.test.ts, transformer.test.ts, checkpoints.test.ts,
// lstm_tagger_port.test.ts): fixture tensors as the gen scripts write them, PyTorch's keyword arguments as
// tensorgrad options, and a shape-checked max difference.
import { expect } from 'vitest';
import tg, { Tensor } from '../../lib/index.js';
import { decodeValue } from './ops_fixture.js';

/** A tensor as gen_rnn.py / gen_transformer.py / gen_cnn_checkpoint.py write it (fixture_json.enc values). */
export interface TensorJson { dtype: 'float32' | 'float64' | 'bool'; shape: number[]; data: (number | string | boolean)[] }

/** A fresh tensor from fixture data (a leaf that requires grad when asked). */
export function dec(t: TensorJson, requiresGrad = false): Tensor {
  const x = t.dtype === 'bool'
    ? tg.tensor(t.data as boolean[], { dtype: 'bool' }).reshape(t.shape)
    : tg.tensor(t.data.map((v) => decodeValue(v as number | string)) as number[], { dtype: t.dtype }).reshape(t.shape);
  return requiresGrad ? x.requiresGrad_(true) : x;
}

/** PyTorch's snake_case keyword names camelCased, as tensorgrad's options take them. */
export const camel = (s: string): string => s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
export const opts = (kw: Record<string, unknown>): Record<string, unknown> => Object.fromEntries(Object.entries(kw).map(([k, v]) => [camel(k), v]));

/** max |a - b| after checking that the shapes agree (0 for empty tensors). */
export function maxDiff(a: Tensor, b: Tensor): number {
  expect(a.shape).toEqual(b.shape);
  return a.numel() === 0 ? 0 : (a.sub(b).abs().max().item() as number);
}
