// tg.autograd: functional gradients, gradcheck, custom Functions, anomaly mode, graph pictures.
import { grad, autogradBackward } from './backward.js';
import { gradcheck, gradgradcheck } from './gradcheck.js';
import { Function } from './function.js';
import { detectAnomaly, setDetectAnomaly, isAnomalyEnabled } from './anomaly.js';
import { toDot } from './dot.js';

export const autograd = {
  grad,
  backward: autogradBackward,
  gradcheck,
  gradgradcheck,
  Function,
  detectAnomaly,
  setDetectAnomaly,
  isAnomalyEnabled,
  toDot,
};
