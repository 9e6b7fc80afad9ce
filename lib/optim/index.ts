// Everything under tg.optim (exported as the `optim` namespace by lib/index.ts).
export { Optimizer } from './optimizer.js';
export type { ParamGroup, ParamsArg, OptimizerState, OptimizerStateDict } from './optimizer.js';
export { SGD } from './sgd.js';
export type { SGDOptions } from './sgd.js';
export { Adam, AdamW } from './adam.js';
export type { AdamOptions } from './adam.js';
export { RMSprop } from './rmsprop.js';
export type { RMSpropOptions } from './rmsprop.js';
export { Adagrad } from './adagrad.js';
export type { AdagradOptions } from './adagrad.js';
export { Adadelta } from './adadelta.js';
export type { AdadeltaOptions } from './adadelta.js';
export { Adamax } from './adamax.js';
export type { AdamaxOptions } from './adamax.js';
export { NAdam } from './nadam.js';
export type { NAdamOptions } from './nadam.js';
export { RAdam } from './radam.js';
export type { RAdamOptions } from './radam.js';
export { LBFGS } from './lbfgs.js';
export type { LBFGSOptions } from './lbfgs.js';
export * as lrScheduler from './lr_scheduler/index.js';
// session 7 (nnmisc): ASGD and Rprop (lib/optim/asgd.ts, rprop.ts).
export { ASGD } from './asgd.js';
export type { ASGDOptions } from './asgd.js';
export { Rprop } from './rprop.js';
export type { RpropOptions } from './rprop.js';
