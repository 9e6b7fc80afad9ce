// tg.nn.utils: PyTorch 1.13's torch.nn.utils (gradient clipping, parameter vectors).
export { clipGradNorm_, clipGradValue_ } from './clip_grad.js';
export { parametersToVector, vectorToParameters } from './convert_parameters.js';
