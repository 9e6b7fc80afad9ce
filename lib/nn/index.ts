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
// Recurrent layers (lib/nn/rnn.ts).
export { RNNBase, RNN, LSTM, GRU, RNNCellBase, RNNCell, LSTMCell, GRUCell } from './rnn.js';
export type { RNNOptions, RNNCellOptions } from './rnn.js';
// Attention and transformer modules (lib/nn/multihead_attention.ts, lib/nn/transformer.ts); deepcopy (lib/nn/clone.ts).
export { MultiheadAttention } from './multihead_attention.js';
export type { MultiheadAttentionOptions, MultiheadAttentionForwardOptions } from './multihead_attention.js';
export { TransformerEncoderLayer, TransformerDecoderLayer, TransformerEncoder, TransformerDecoder, Transformer } from './transformer.js';
export type { Activation, TransformerEncoderLayerOptions, TransformerDecoderLayerOptions, TransformerOptions } from './transformer.js';
// Losses and functional-utility modules (issue 16: lib/nn/loss.ts, distance.ts, pixelshuffle.ts, dropout.ts).
export {
  L1Loss, SmoothL1Loss, HuberLoss, BCELoss, KLDivLoss, PoissonNLLLoss, GaussianNLLLoss, MarginRankingLoss, HingeEmbeddingLoss,
  CosineEmbeddingLoss, TripletMarginLoss, SoftMarginLoss, MultiLabelSoftMarginLoss, MultiMarginLoss, MultiLabelMarginLoss, CTCLoss,
  TripletMarginWithDistanceLoss,
} from './loss.js';
export { PairwiseDistance, CosineSimilarity } from './distance.js';
export { PixelShuffle, PixelUnshuffle } from './pixelshuffle.js';
export { AlphaDropout, FeatureAlphaDropout } from './dropout.js';
// Activation modules (issue 16: lib/nn/activation.ts).
export {
  Softplus, SiLU, Mish, ELU, SELU, CELU, LeakyReLU, Hardtanh, ReLU6, Hardsigmoid, Hardswish, Softsign, Tanhshrink, LogSigmoid, GLU, PReLU,
  Softmin, Softmax2d, Threshold, Hardshrink, Softshrink,
} from './activation.js';
export { Upsample, UpsamplingNearest2d, UpsamplingBilinear2d } from './upsampling.js';
// tg.nn.utils (lib/nn/utils/).
export * as utils from './utils/index.js';
// Convolution, fold and padding modules (lib/nn/conv.ts).
export {
  Conv1d, Conv2d, Conv3d, ConvTranspose1d, ConvTranspose2d, ConvTranspose3d, Unfold, Fold,
  ZeroPad2d, ConstantPad1d, ConstantPad2d, ConstantPad3d, ReflectionPad1d, ReflectionPad2d, ReflectionPad3d, ReplicationPad1d, ReplicationPad2d,
  ReplicationPad3d,
} from './conv.js';
export type { ConvOptions } from './conv.js';
// Pooling and normalization layers (lib/nn/pooling.ts, lib/nn/normalization.ts).
export { MaxPool1d, MaxPool2d, AvgPool1d, AvgPool2d, AdaptiveAvgPool1d, AdaptiveAvgPool2d, AdaptiveMaxPool2d, LPPool2d, MaxUnpool2d } from './pooling.js';
export type { MaxPoolArgs, AvgPoolArgs } from './pooling.js';
export { BatchNorm1d, BatchNorm2d, BatchNorm3d, InstanceNorm1d, InstanceNorm2d, GroupNorm, LocalResponseNorm } from './normalization.js';
export type { NormOptions } from './normalization.js';
// issue 16's remaining layers (lib/nn/pooling3d.ts, sparse.ts, bilinear.ts, channelshuffle.ts, dropout.ts, normalization.ts).
export { MaxPool3d, AvgPool3d, AdaptiveAvgPool3d, AdaptiveMaxPool1d, AdaptiveMaxPool3d, LPPool1d, MaxUnpool1d, MaxUnpool3d } from './pooling3d.js';
export { EmbeddingBag } from './sparse.js';
export type { EmbeddingBagModuleOptions, FromPretrainedOptions } from './sparse.js';
export { Bilinear } from './bilinear.js';
export type { BilinearOptions } from './bilinear.js';
export { RReLU, ChannelShuffle } from './channelshuffle.js';
export { Dropout3d } from './dropout.js';
export { InstanceNorm3d } from './normalization.js';
// issue 16's last layers (session 6): fractional max pooling (lib/nn/pooling_fractional.ts)
export { FractionalMaxPool2d, FractionalMaxPool3d } from './pooling_fractional.js';
export { AdaptiveLogSoftmaxWithLoss } from './adaptive.js';
export type { ASMoutput } from './adaptive.js';
// Lazy modules (session 7: lib/nn/lazy.ts).
export {
  LazyLinear, LazyConv1d, LazyConv2d, LazyConv3d, LazyConvTranspose1d, LazyConvTranspose2d, LazyConvTranspose3d,
  LazyBatchNorm1d, LazyBatchNorm2d, LazyBatchNorm3d, LazyInstanceNorm1d, LazyInstanceNorm2d, LazyInstanceNorm3d,
  UninitializedParameter, UninitializedBuffer, isLazy,
} from './lazy.js';
// Deprecated and legacy modules (session 7: lib/nn/legacy.ts).
export { NLLLoss2d, CrossMapLRN2d, Container } from './legacy.js';
// RNNBase's argument checks (check_input, ...; session 7: lib/nn/rnn_checks.ts), installed on the rnn.ts classes.
import './rnn_checks.js';
import './conv_fuse.js'; // registers Sequential's inference fusion (Note [Conv, batch norm and ReLU])
// Session 8: Module.registerBackwardHook, PyTorch's deprecated non-full module backward hook.
import './module_backward_hook.js';
export type { BackwardHook } from './module_backward_hook.js';
