// Note [Conv, batch norm and ReLU]: in inference (nothing would record: grad mode off or nothing requiring grad,
// no forward AD), a Sequential's Conv1d/2d/3d followed by an eval-mode BatchNorm1d/2d/3d on running stats and/or
// a ReLU runs as one native convolution whose stores apply the batch norm's per-channel affine map and the ReLU
// (Note [Conv epilogue], native/cpu/conv_direct.h). The map's factors are computed here exactly as batchNormAs
// computes them and the kernel applies them per lane as channel_affine_kernel and the ReLU kernel do, so the values
// are those of the separate modules; what goes is two passes writing fresh outputs (W21's LeNet-5). Only the
// library's own classes qualify (a subclass may override forward), with no hooks, outside vmap, batched input, and the batch
// norm's stats of the conv output's channels and dtype; anything else runs module by module, with its errors.
// Sequential (lib/nn/layers.ts) gets the hook by registration (lib/nn/index.ts imports this file), so that
// layers.ts does not import the conv and norm modules (which import it).
import { Tensor } from '../tensor.js';
import { isFloat } from '../dtype.js';
import { gradMode, fwState } from '../autograd/record.js';
import { vmapHook } from '../kwargs.js';
import { convWithEpilogue, type ConvPost } from '../ops/conv.js';
import type { Module } from './module.js';
import { Conv1d, Conv2d, Conv3d } from './conv.js';
import { BatchNorm1d, BatchNorm2d, BatchNorm3d } from './normalization.js';
import { Linear, ReLU, setSequentialFusion } from './layers.js';
import { linearValue } from '../ops/nn.js';

const hookless = (m: Module): boolean => m._forwardPreHooks.size === 0 && m._forwardHooks.size === 0 && m._backwardHooks.size === 0;
const isA = (m: Module, cls: { prototype: object }): boolean => Object.getPrototypeOf(m) === cls.prototype && hookless(m);

/** The batch norm's running stats as the epilogue's mean, a and b (as batchNormAs), or null when it cannot fuse. */
function bnPost(bn: BatchNorm1d, x: Tensor, C: number): Pick<ConvPost, 'mean' | 'a' | 'b'> | null {
  const rm = bn.runningMean, rv = bn.runningVar, w = bn.weight, b = bn.bias;
  if (bn.training || rm === null || rv === null || typeof bn.eps !== 'number') return null;
  for (const t of [rm, rv, w, b]) if (t !== null && (!(t instanceof Tensor) || t.numel() !== C || t.dtype !== x.dtype)) return null;
  if (gradMode.enabled && [w, b].some((t) => t !== null && t.requiresGrad)) return null;
  const rmd = rm._data, rvd = rv._data, wd = w === null ? null : w._data, bd = b === null ? null : b._data;
  const mean = new Float64Array(C), a = new Float64Array(C), sh = new Float64Array(C);
  for (let c = 0; c < C; c++) {
    mean[c] = rmd[c] as number;
    a[c] = (1 / Math.sqrt((rvd[c] as number) + bn.eps)) * (wd === null ? 1 : (wd[c] as number));
    sh[c] = bd === null ? 0 : (bd[c] as number);
  }
  return { mean, a, b: sh };
}

/**
 * At mods[i] a convolution this can fuse with what follows (Note [Conv, batch norm and ReLU]): [output, modules
 * consumed]; null to run mods[i] alone. @internal
 */
export function fuseConvAt(mods: Module[], i: number, x: unknown): [Tensor, number] | null {
  const conv = mods[i];
  const nsp = isA(conv, Conv2d) ? 2 : isA(conv, Conv1d) ? 1 : isA(conv, Conv3d) ? 3 : 0;
  // under vmap the tensors are BatchedTensors that only the public ops' batching rules may read (Note [vmap])
  if (nsp === 0 || vmapHook.depth !== 0 || !(x instanceof Tensor) || x.ndim !== nsp + 2 || !isFloat(x.dtype) || i + 1 >= mods.length) return null;
  const c = conv as Conv2d;
  if (c.paddingMode !== 'zeros' || !(c.weight instanceof Tensor)) return null;
  if (fwState.active || (gradMode.enabled && [x, c.weight, c.bias].some((t) => t instanceof Tensor && t.requiresGrad))) return null;
  let used = 1;
  let post: ConvPost = { mean: null, a: null, b: null, relu: false };
  const bnCls = [BatchNorm1d, BatchNorm2d, BatchNorm3d][nsp - 1];
  if (isA(mods[i + 1], bnCls)) {
    const p = bnPost(mods[i + 1] as BatchNorm1d, x, c.weight.shape[0]);
    if (p === null) return null;
    post = { ...p, relu: false };
    used = 2;
  }
  if (i + used < mods.length && isA(mods[i + used], ReLU)) {
    post.relu = true;
    used++;
  }
  if (used === 1) return null;
  return [convWithEpilogue(nsp, x, c.weight, c.bias, c.stride, c.padding, c.dilation, c.groups, post), used];
}

/**
 * At mods[i] a Linear followed by a ReLU, on a 2-D input where nothing would record: [output, 2] from one GEMM
 * whose epilogue adds the bias and applies the ReLU (Note [Linear epilogue and packed weights],
 * native/cpu/gemm_kernels.cc; the values of the two modules). Shapes F.linear would reject run module by
 * module, with its errors. @internal
 */
export function fuseLinearAt(mods: Module[], i: number, x: unknown): [Tensor, number] | null {
  const lin = mods[i];
  if (!isA(lin, Linear) || i + 1 >= mods.length || !isA(mods[i + 1], ReLU) || vmapHook.depth !== 0) return null;
  const { weight: w, bias: b } = lin as Linear;
  if (!(x instanceof Tensor) || x.ndim !== 2 || !isFloat(x.dtype) || !(w instanceof Tensor) || w.ndim !== 2 || w.dtype !== x.dtype ||
      x.shape[1] !== w.shape[1]) return null;
  if (b !== null && !(b instanceof Tensor && b.ndim === 1 && b.numel() === w.shape[0])) return null;
  if (fwState.active || (gradMode.enabled && [x, w, b].some((t) => t instanceof Tensor && t.requiresGrad))) return null;
  return [linearValue(x, w, b, true), 2];
}

setSequentialFusion((mods, i, x) => fuseConvAt(mods, i, x) ?? fuseLinearAt(mods, i, x));
