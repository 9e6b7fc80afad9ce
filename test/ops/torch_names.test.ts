// Session 8's torch.* names and Tensor methods (lib/ops/torch_names.ts, rnn_full.ts, sampling_discrete.ts,
// methods_names.ts) against PyTorch 1.13 (test/fixtures/names_ops.json, from test/fixtures/gen/gen_names_ops.py):
// values, grads of sum(out * w), grad_fn names; float64 gradcheck of the composed ones; poisson and binomial
// by their moments; set_, isSetTo, map2_, resize; errors naming the op and shapes.
import { describe, expect, it, vi } from 'vitest';
import tg, { Tensor } from '../../lib/index.js';
import { casesOf, checkCase } from '../helpers/ops_fixture.js';

// Ops that tensorgrad composes where ATen has one node: the node their first output gets here instead
// (values and grads are still PyTorch's). Each entry is checked to be PyTorch's name before it is replaced.
const COMPOSED_NODE: Record<string, [pytorch: string, tensorgrad: string]> = {
  'pdist/p2': ['PdistBackward0', 'LinalgVectorNormBackward0'],
  'pdist/p1_f64': ['PdistBackward0', 'LinalgVectorNormBackward0'],
  'pdist/p3_functional': ['PdistBackward0', 'LinalgVectorNormBackward0'],
  'convTbc/pad1': ['ConvTbcBackward0', 'PermuteBackward0'],
  'convTbc/functional_f64': ['ConvTbcBackward0', 'PermuteBackward0'],
  'asStridedScatter/2d': ['AsStridedScatterBackward0', 'CopySlices'],
  'asStridedScatter/method': ['AsStridedScatterBackward0', 'CopySlices'],
  'resize/method': ['ResizeBackward', 'ReshapeAliasBackward0'],
  // norm_except_dim is composite in ATen too; lib/ops/weight_norm.ts composes it with other view and norm ops
  'normExceptDim/dim0': ['ViewBackward0', 'ReshapeAliasBackward0'],
  'normExceptDim/whole': ['NormBackward0', 'NormBackward1'],
  'gru/batch_first_nobias': ['TransposeBackward1', 'TransposeBackward0'],
  'rnnRelu/two_layers_batch_first': ['TransposeBackward1', 'TransposeBackward0'],
};
const quiet = <R>(fn: () => R): R => {
  const spy = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  try { return fn(); } finally { spy.mockRestore(); }
};

describe('names: PyTorch 1.13 fixtures', () => {
  for (const c of casesOf('names')) {
    it(c.id, () => {
      const node = COMPOSED_NODE[c.id];
      if (node !== undefined) expect(c.grad_fn).toBe(node[0]);
      quiet(() => checkCase(node === undefined ? c : { ...c, grad_fn: node[1] }));
    });
  }
});
