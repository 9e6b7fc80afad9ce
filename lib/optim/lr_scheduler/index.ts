// tg.optim.lrScheduler: PyTorch 1.13's torch.optim.lr_scheduler.
export {
  LRScheduler, LambdaLR, MultiplicativeLR, StepLR, MultiStepLR, ConstantLR, LinearLR, ExponentialLR, PolynomialLR, CosineAnnealingLR,
} from './scheduler.js';
export { SequentialLR, ChainedScheduler, CosineAnnealingWarmRestarts, OneCycleLR, CyclicLR, ReduceLROnPlateau } from './composite.js';
