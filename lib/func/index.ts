// tg.func: PyTorch's torch.func (functorch in 1.13), composable function transforms.
export { grad, gradAndValue, vjp, jacrev, hessian } from './reverse.js';
export { functionalCall } from './functional_call.js';
// tg.func: PyTorch's function transforms (torch.func / functorch). Each transform's file adds one export line.
export { vmap } from './vmap_api.js';
export { jvp, jacfwd, linearize } from './forward.js';
