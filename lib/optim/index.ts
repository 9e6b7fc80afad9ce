// tg.optim: SGD, Adam, AdamW and the Optimizer base class.
export * as optim from './optim.js';
