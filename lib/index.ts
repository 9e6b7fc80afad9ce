// The tensorgrad package: named exports plus the `tg` namespace as the default export.
import { Tensor } from './tensor.js';
import * as creation from './ops/creation.js';
import * as elementwise from './ops/elementwise.js';
import * as reduce from './ops/reduce.js';
import * as shape from './ops/shape.js';
import * as linalg from './ops/linalg.js';
import * as gradModeFns from './autograd/grad_mode.js';
import { autograd } from './autograd/index.js';
import { nn } from './nn/index.js';
import { optim } from './optim/index.js';
import { safetensors, save, load } from './serialization/index.js';
import { backends, getNumThreads, setNumThreads } from './backends.js';
import { printOptions } from './format.js';
import { softmax, logSoftmax } from './nn/functional_ops.js';

export { Tensor };
export type { TensorLike, Hook } from './tensor.js';
export type { DType } from './dtype.js';
export {
  tensor, zeros, ones, full, empty, arange, linspace, eye, rand, randn, randint, manualSeed,
  zerosLike, onesLike, emptyLike, fullLike, randLike, randnLike, randintLike, clone,
} from './ops/creation.js';
export {
  add, sub, mul, div, pow, maximum, minimum, neg, abs, exp, log, sqrt, rsqrt, sin, cos, tanh, sigmoid, relu,
  square, sign, clamp, where, eq, ne, lt, le, gt, ge, logicalNot, equal, allclose,
} from './ops/elementwise.js';
export { sum, mean, prod, max, min, argmax, argmin, norm, var, std, logsumexp, all, any } from './ops/reduce.js';
export { reshape, view, flatten, squeeze, unsqueeze, transpose, permute, t, expand, cat, stack, split, chunk, narrow, select } from './ops/shape.js';
export { dot, matmul, mm, bmm, mv, outer } from './ops/linalg.js';
export { softmax, logSoftmax } from './nn/functional_ops.js';
export { noGrad, enableGrad, setGradEnabled, isGradEnabled } from './autograd/grad_mode.js';
export { autograd } from './autograd/index.js';
export { nn } from './nn/index.js';
export { optim } from './optim/index.js';
export { safetensors, save, load } from './serialization/index.js';
export { backends, getNumThreads, setNumThreads } from './backends.js';

/** Sets print options like torch.set_printoptions (precision, threshold, edgeitems, linewidth, sciMode). */
export function setPrintOptions(opts: Partial<typeof printOptions>): void {
  Object.assign(printOptions, opts);
}

/** Casts like tensor.to(dtype). */
export const to = creation.to;

const tg = {
  Tensor,
  ...creation,
  ...elementwise,
  ...reduce,
  ...shape,
  ...linalg,
  softmax,
  logSoftmax,
  ...gradModeFns,
  autograd,
  nn,
  optim,
  safetensors,
  save,
  load,
  backends,
  getNumThreads,
  setNumThreads,
  setPrintOptions,
};
// Internal helpers that the module spreads above bring along: not API (tg.gemm reached the native GEMM with
// unchecked sizes and strides; tg.gradMode is the mutable grad-mode record).
for (const internal of ['wrap', 'alias', 'sigmoidBackward', 'tanhBackward', 'thresholdBackward', 'var_', 'bmmT', 'gemm',
  'mmT', 'gradMode', 'binaryBackward', 'smallArithInPlace', 'setSmallArithInJs'])
  delete (tg as Record<string, unknown>)[internal];

export default tg;
