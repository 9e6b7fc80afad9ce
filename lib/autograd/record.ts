// The one door from the layers below autograd (lib/tensor.ts, lib/ops/*) into it: grad mode, record() by
// derivative-row name, the graph node types a tensor holds. Nothing this file reaches imports an op, so ops
// importing it make no cycle (the layer rules in .dependency-cruiser.cjs check both; docs/architecture.md).
export { record, recordNotImplemented, GraphOnlyInput, GraphOnlyNode, type RowName } from './function_node.js';
export { gradMode, noGrad, differentiableFormulas } from './grad_mode.js';
export { fwState } from './fw_state.js';
export { AccumulateGrad } from './accumulate_grad.js';
export { rebaseHistory, checkViewInplace } from './views.js';
export type { Node, Edge } from './node.js';
export type { BackwardOptions } from './backward.js';
