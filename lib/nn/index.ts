// tg.nn: the namespace of lib/nn/nn.ts (modules, Parameter, init, functional).
export * as nn from './nn.js';
