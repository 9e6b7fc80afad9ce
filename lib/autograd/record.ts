// The one door from the layers below autograd (lib/tensor.ts, lib/ops/*) into it: grad mode, record() by
// derivative-row name, the graph node types a tensor holds. Nothing this file reaches imports an op, so ops
// importing it make no cycle (the layer rules in .dependency-cruiser.cjs check both; docs/architecture.md).
import * as FN from './function_node.js';
import * as GM from './grad_mode.js';
import * as FW from './fw_state.js';

// Note [Plain re-exports]: `export { f } from './m.js'` compiles (CommonJS) to a getter on the exports object,
// called on every `record(...)` or `gradMode.enabled` an op evaluates; consts are plain data properties. The
// modules above are loaded in full before this line runs (they import no op), so nothing is captured early.
export const record = FN.record;
export const recordNotImplemented = FN.recordNotImplemented;
export const gradMode = GM.gradMode;
export const noGrad = GM.noGrad;
export const differentiableFormulas = GM.differentiableFormulas;
export const fwState = FW.fwState;
export { GraphOnlyInput, GraphOnlyNode, type RowName } from './function_node.js';
export { AccumulateGrad } from './accumulate_grad.js';
export { rebaseHistory, checkViewInplace } from './views.js';
export type { Node, Edge } from './node.js';
export type { BackwardOptions } from './backward.js';
