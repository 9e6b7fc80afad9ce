// Everything under tg.nn: modules (Module, Linear, Sequential, activations, Dropout, Flatten, losses),
// Parameter, init and the functional API. Exported as the `nn` namespace by lib/index.ts, so `tg.nn.Linear`
// is a value and `nn.Module` (from `import { nn } from 'tensorgrad'`) is also a type.
export * as functional from './functional.js';
export * as init from './init.js';
export { Module, Parameter, isParameter } from './module.js';
export type { StateDict, LoadResult, ForwardHook, ForwardPreHook, RemovableHandle } from './module.js';
export {
  Linear, Sequential, ModuleList, Identity, ReLU, Tanh, Sigmoid, GELU, Softmax, LogSoftmax, Dropout, Flatten,
  MSELoss, NLLLoss, CrossEntropyLoss, BCEWithLogitsLoss,
} from './layers.js';
// Transformer building blocks (lib/nn/transformer_layers.ts).
export { Embedding, LayerNorm, Dropout1d, Dropout2d } from './transformer_layers.js';
export type { EmbeddingOptions, LayerNormOptions } from './transformer_layers.js';
export { Unflatten } from './layers.js';
export { ModuleDict, ParameterList, ParameterDict } from './containers.js';
// Convolution, fold and padding modules (lib/nn/conv.ts).
export {
  Conv1d, Conv2d, Conv3d, ConvTranspose1d, ConvTranspose2d, ConvTranspose3d, Unfold, Fold,
  ZeroPad2d, ConstantPad1d, ConstantPad2d, ConstantPad3d, ReflectionPad1d, ReflectionPad2d, ReflectionPad3d, ReplicationPad1d, ReplicationPad2d,
  ReplicationPad3d,
} from './conv.js';
export type { ConvOptions } from './conv.js';
