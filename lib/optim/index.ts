// Everything under tg.optim (exported as the `optim` namespace by lib/index.ts).
export { Optimizer } from './optimizer.js';
export type { ParamGroup, ParamsArg, OptimizerState, OptimizerStateDict } from './optimizer.js';
export { SGD } from './sgd.js';
export type { SGDOptions } from './sgd.js';
export { Adam, AdamW } from './adam.js';
export type { AdamOptions } from './adam.js';
