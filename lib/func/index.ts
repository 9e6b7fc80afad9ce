// tg.func: PyTorch's torch.func (functorch in 1.13), composable function transforms.
export { grad, gradAndValue, vjp, jacrev, hessian } from './reverse.js';
export { functionalCall } from './functional_call.js';
