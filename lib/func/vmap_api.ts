// The public tg.func.vmap / tg.vmap: vmapImpl with PyTorch's keyword arguments, and the batching rules loaded.
import { kw, signature } from '../kwargs.js';
import { vmapImpl } from './vmap.js';
import './batching_rules.js';
import './batching_rules2.js';
import './batching_random.js';
import './batching_backward.js';
import './batching_rules3.js';

export type { VmapOptions, Dims, Randomness } from './vmap.js';

/**
 * Vectorizes `func` over a batch dim of its arguments: `vmap(f)(xs)` equals f applied to every example `xs[i]`,
 * stacked, but runs one batched kernel call per op (Note [vmap] in lib/func/vmap.ts). `inDims` gives each
 * argument's batch dim (null: not batched; nested arrays/objects for nested arguments), `outDims` where each
 * output's batch dim goes, `chunkSize` splits the batch, `randomness` is 'error' | 'same' | 'different'. Ops
 * without a batching rule run once per example and warn once (PyTorch's performance warning).
 *
 * @see torch.vmap
 * @example
 * ```ts
 * const dot = (a: tg.Tensor, b: tg.Tensor) => a.mul(b).sum()
 * tg.vmap(dot)(tg.tensor([[1, 2], [3, 4]]), tg.tensor([[1, 1], [2, 2]])) // tensor([ 3., 14.])
 * tg.func.vmap(dot, { inDims: [0, null] })(tg.tensor([[1, 2], [3, 4]]), tg.tensor([1, 1])) // tensor([3., 7.])
 * ```
 */
export const vmap = kw(signature('func.vmap', 'func, inDims{}, outDims{}, randomness, chunkSize'), vmapImpl);
