// Forward-mode AD state (Note [Forward AD]): whether a dual level is open and the tangents of its dual tensors.
// No imports, so record() (function_node.ts) reads it without pulling the ops in.
import type { Tensor } from '../tensor.js';

/** The hook record() calls while a level is open: attaches output tangents (lib/autograd/forward_ad.ts). */
export type ForwardHook = (
  rowName: string,
  inputs: readonly unknown[],
  outputs: Tensor | Tensor[],
  saved: (() => unknown) | undefined,
) => void;

export const fwState: {
  /** True while a dual level is open and tangents are being propagated (false inside a tangent formula). */
  active: boolean;
  /** The open level's number (PyTorch's is 0 and nesting is not supported), -1 when none. */
  level: number;
  /** Each dual tensor's tangent at the open level; dropped whole when the level exits. */
  tangents: WeakMap<Tensor, Tensor> | null;
  hook: ForwardHook | null;
  /** In-place ops call it after writing into x: x's tangent becomes t (null: zero). */
  inplace: ((x: Tensor, t: Tensor | null) => void) | null;
} = { active: false, level: -1, tangents: null, hook: null, inplace: null };
