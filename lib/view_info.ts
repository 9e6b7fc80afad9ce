// What a view records about its base (Note [Views and autograd]), and the hook autograd installs to keep it
// current. Kept apart from tensor.ts, which holds only the tensor itself.
import type { Tensor } from './tensor.js';

/**
 * Note [Views and autograd]: a view records its base (always a non-view, as PyTorch's `_base`), how it was
 * made from the base (`replay`: the view ops again, on any tensor of the base's shape), the storage version
 * its gradFn matches, and how it was created. An in-place op on a view rewrites the base's history (PyTorch's
 * CopySlices, lib/autograd/views.ts); any view whose base's storage version moved on regenerates its gradFn
 * from the base's current history on its next use (refresh), so every view sees every in-place change.
 */
export interface ViewInfo {
  readonly base: Tensor;
  readonly replay: (base: Tensor) => Tensor;
  /** The storage version the view's gradFn was made at. */
  version: number;
  /** 'noGrad': made with grad mode off; 'multiOutput': one of several views from one op (split, chunk, unbind). */
  readonly creation: 'default' | 'noGrad' | 'multiOutput';
  /** The node name of the op for 'multiOutput' errors, e.g. 'SplitBackward0'. */
  readonly opName: string;
  /** The base's shape array when the view was made: see Note [In-place view ops on a base]. */
  readonly baseShape?: readonly number[];
}

/** @internal The view hooks autograd installs when it loads (lib/autograd/views.ts); autograd sits above tensor.ts. */
export const viewAutograd = {
  refresh(t: Tensor): void {
    void t;
  },
};
