// tg.utils (exported as the `utils` namespace by lib/index.ts).
export * as data from './data/index.js';
