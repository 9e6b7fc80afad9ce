// tg.func: PyTorch's torch.func (functorch 1.13) function transforms. Each transform's file adds its own
// export line here.
export { jvp, jacfwd, linearize } from './forward.js';
