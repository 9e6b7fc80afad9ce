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
// Pooling and normalization layers (lib/nn/pooling.ts, lib/nn/normalization.ts).
export { MaxPool1d, MaxPool2d, AvgPool1d, AvgPool2d, AdaptiveAvgPool1d, AdaptiveAvgPool2d, AdaptiveMaxPool2d, LPPool2d, MaxUnpool2d } from './pooling.js';
export type { MaxPoolArgs, AvgPoolArgs } from './pooling.js';
export { BatchNorm1d, BatchNorm2d, BatchNorm3d, InstanceNorm1d, InstanceNorm2d, GroupNorm, LocalResponseNorm } from './normalization.js';
export type { NormOptions } from './normalization.js';
