// Derivative-table rows of session 7's torch.* names (lib/ops/torch_misc.ts: unsafe_split, unsafe_split_with_sizes,
// fill), spread into THE table `D` of derivatives.ts; PyTorch's node names, formulas written with tg ops.
import type { Tensor } from '../tensor.js';
import { TG } from './tangents.js';
import * as C_ from '../ops/creation.js';
import { splitGrad } from './formulas.js';
import { batchable } from './batchable.js';

const [C] = [batchable(C_)]; // Note [Batched backward]

type T = Tensor;

export const NNMISC_ROWS = {
  // the pieces' grads concatenated back (as split's), zeros for a piece without one
  unsafeSplit: { name: 'UnsafeSplitBackward0', jvp: TG.split, grads: [splitGrad] },
  unsafeSplitWithSizes: { name: 'UnsafeSplitWithSizesBackward0', jvp: TG.split, grads: [splitGrad] },
  // torch.fill(input, value): the result does not depend on input's values
  fillOut: { name: 'FillBackward0', jvp: TG.zeros, grads: [(g: T) => C.zerosLike(g)] },
};
