// tg.func: PyTorch's function transforms (torch.func / functorch). Each transform's file adds one export line.
export { vmap } from './vmap_api.js';
