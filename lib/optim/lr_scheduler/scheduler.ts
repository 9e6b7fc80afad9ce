// Learning-rate schedulers: PyTorch 1.13's torch.optim.lr_scheduler, formula for formula. Each scheduler
// writes `lr` into its optimizer's param groups on step(); getLastLr() returns them.
//
// Note [Chainable and closed-form schedules]: PyTorch's step() computes each lr from the group's current lr
// (the "chainable" form, so that several schedulers can act on one optimizer), and step(epoch), deprecated,
// from the base lr in closed form. The two agree only up to rounding, and differ outright when another
// scheduler also changes the lr; tensorgrad keeps both, as PyTorch does, and the fixtures test each.
import { Tensor } from '../../tensor.js';
import { typeError, rangeError, describe } from '../../errors.js';
import { Optimizer, type ParamGroup } from '../optimizer.js';
import { parseArgs, signature, declareConstructor, kwMethods, type Signature } from '../../kwargs.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyOptimizer = Optimizer<any>;
/** A param group as schedulers see it: its options plus the scheduler keys (initialLr, maxLr, ...). */
export type Group = ParamGroup<Record<string, unknown>> & { lr: number; [k: string]: unknown };

/** @internal The groups of an optimizer, loosely typed. */
export function groupsOf(optimizer: AnyOptimizer): Group[] {
  return optimizer.paramGroups as unknown as Group[];
}

/** @internal Checks the optimizer argument (PyTorch's "X is not an Optimizer"). */
export function checkOptimizer(name: string, optimizer: unknown): AnyOptimizer {
  if (!(optimizer instanceof Optimizer)) throw typeError(name, `${describe(optimizer)} is not an Optimizer`);
  return optimizer;
}

/** Python's '{:.4e}'. */
export function fmtE(x: number): string {
  return x.toExponential(4).replace(/e([+-])(\d)$/, 'e$10$2');
}

/** @internal A value's own state: every field but the optimizer, functions and the listed keys. */
export function ownState(obj: object, skip: string[] = []): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) {
    if (k === 'optimizer' || skip.includes(k) || typeof v === 'function') continue;
    out[k] = Array.isArray(v) ? v.slice() : v instanceof Map ? new Map(v) : v;
  }
  return out;
}

/**
 * The base of the learning-rate schedulers (PyTorch's _LRScheduler): step(), getLastLr(), stateDict().
 *
 * Base of the schedulers (PyTorch's _LRScheduler). A subclass sets its own fields, then calls
 * `this._init(lastEpoch, verbose)`, which records each group's initialLr and takes the first step.
 *
 * @see torch.optim.lr_scheduler.LRScheduler
 * @example
 * ```ts
 * const opt = new tg.optim.SGD([new tg.nn.Parameter(tg.ones(1))], { lr: 1 })
 * new tg.optim.lrScheduler.StepLR(opt, 2) instanceof tg.optim.lrScheduler.LRScheduler // => true
 * ```
 */
export abstract class LRScheduler {
  optimizer: AnyOptimizer;
  baseLrs: number[] = [];
  lastEpoch = -1;
  verbose = false;
  _stepCount = 0;
  _getLrCalledWithinStep = false;
  _lastLr: number[] = [];

  constructor(optimizer: unknown) {
    this.optimizer = checkOptimizer(this.constructor.name, optimizer);
  }

  /** @internal PyTorch's _LRScheduler.__init__ after the subclass's own fields. */
  protected _init(lastEpoch = -1, verbose = false): void {
    const groups = groupsOf(this.optimizer);
    if (lastEpoch === -1) {
      for (const g of groups) if (g.initialLr === undefined) g.initialLr = g.lr;
    } else {
      groups.forEach((g, i) => {
        if (g.initialLr === undefined) throw rangeError(this.constructor.name, `param 'initial_lr' is not specified in param_groups[${i}] when resuming an optimizer`);
      });
    }
    this.baseLrs = groups.map((g) => g.initialLr as number);
    this.lastEpoch = lastEpoch;
    this.verbose = verbose;
    this._initialStep();
  }

  /** @internal */
  _initialStep(): void {
    this._stepCount = 0;
    this.step();
  }

  /**
   * The learning rates the last step set, one per parameter group.
   *
   * The learning rates of the last step, one per param group.
   *
   * @see torch.optim.lr_scheduler.LRScheduler.get_last_lr
   * @example
   * ```ts
   * const opt = new tg.optim.SGD([new tg.nn.Parameter(tg.ones(1))], { lr: 0.1 })
   * new tg.optim.lrScheduler.ConstantLR(opt).getLastLr() // => [0.03333333333333333]
   * ```
   */
  getLastLr(): number[] {
    return this._lastLr.slice();
  }

  /**
   * The learning rates of the current epoch by the schedule's closed or recursive form.
   *
   * The chainable learning rates for the current lastEpoch (called by step(); each scheduler defines it).
   *
   * @see torch.optim.lr_scheduler.LRScheduler.get_lr
   * @example
   * ```ts
   * const opt = new tg.optim.SGD([new tg.nn.Parameter(tg.ones(1))], { lr: 1 })
   * new tg.optim.lrScheduler.ExponentialLR(opt, 0.5).getLr() // => [1]
   * ```
   */
  getLr(): number[] {
    throw new Error(`${this.constructor.name}.getLr: not implemented (a scheduler subclass defines getLr)`);
  }

  /** @internal The closed-form learning rates, used by step(epoch) where the scheduler has one. */
  protected _closedFormLr(): number[] | null {
    return null;
  }

  /**
   * Prints the learning rate of a group (what verbose=true prints).
   *
   * Prints a group's new learning rate when verbose (PyTorch's message).
   *
   * @see torch.optim.lr_scheduler.LRScheduler.print_lr
   * @example
   * ```ts
   * const opt = new tg.optim.SGD([new tg.nn.Parameter(tg.ones(1))], { lr: 1 })
   * new tg.optim.lrScheduler.StepLR(opt, 3).printLr(true, 0, 1)
   * ```
   */
  printLr(isVerbose: boolean, group: number, lr: number, epoch?: number): void {
    if (!isVerbose) return;
    if (epoch === undefined) console.log(`Adjusting learning rate of group ${group} to ${fmtE(lr)}.`);
    else {
      const e = Number.isInteger(epoch) ? String(epoch).padStart(5, '0') : epoch.toFixed(2);
      console.log(`Epoch ${e}: adjusting learning rate of group ${group} to ${fmtE(lr)}.`);
    }
  }

  /**
   * Advances the schedule by one epoch (call after optimizer.step()) and sets the optimizer's learning rates.
   *
   * Advances one epoch (or, deprecated, jumps to `epoch` in closed form) and sets each group's lr.
   *
   * @see torch.optim.lr_scheduler.LRScheduler.step
   * @example
   * ```ts
   * const opt = new tg.optim.SGD([new tg.nn.Parameter(tg.ones(1))], { lr: 1 })
   * const s = new tg.optim.lrScheduler.StepLR(opt, 1, { gamma: 0.5 })
   * opt.step()
   * s.step()
   * s.getLastLr() // => [0.5]
   * ```
   */
  step(epoch?: number): void {
    this._stepCount++;
    this._getLrCalledWithinStep = true;
    let values: number[];
    try {
      if (epoch === undefined || epoch === null) {
        this.lastEpoch++;
        values = this.getLr();
      } else {
        this.lastEpoch = epoch;
        values = this._closedFormLr() ?? this.getLr();
      }
    } finally {
      this._getLrCalledWithinStep = false;
    }
    groupsOf(this.optimizer).forEach((g, i) => {
      g.lr = values[i];
      this.printLr(this.verbose, i, values[i], epoch ?? undefined);
    });
    this._lastLr = groupsOf(this.optimizer).map((g) => g.lr);
  }

  /**
   * The scheduler's state (everything but the optimizer) for checkpoints.
   *
   * The scheduler's state (every field but the optimizer), as PyTorch's state_dict().
   *
   * @see torch.optim.lr_scheduler.LRScheduler.state_dict
   * @example
   * ```ts
   * const opt = new tg.optim.SGD([new tg.nn.Parameter(tg.ones(1))], { lr: 1 })
   * new tg.optim.lrScheduler.StepLR(opt, 3).stateDict().stepSize // => 3
   * ```
   */
  stateDict(): Record<string, unknown> {
    return ownState(this);
  }

  /**
   * Restores a state saved by stateDict.
   *
   * Restores stateDict() output.
   *
   * @see torch.optim.lr_scheduler.LRScheduler.load_state_dict
   * @example
   * ```ts
   * const opt = new tg.optim.SGD([new tg.nn.Parameter(tg.ones(1))], { lr: 1 })
   * const s = new tg.optim.lrScheduler.StepLR(opt, 3)
   * s.loadStateDict({ ...s.stateDict(), last_epoch: 5 })
   * s.lastEpoch // => 0
   * ```
   */
  loadStateDict(stateDict: Record<string, unknown>): void {
    Object.assign(this, stateDict);
  }
}

kwMethods(LRScheduler.prototype, 'LRScheduler', {
  getLastLr: '', getLr: '', printLr: 'isVerbose, group, lr, epoch', step: 'epoch', stateDict: '', loadStateDict: 'stateDict{}',
});

/**
 * @internal A scheduler's numeric argument: a number, or a positive one where PyTorch would divide by it
 * (a ZeroDivisionError there; a NaN learning rate here, so it is checked up front).
 */
export function numArg(name: string, what: string, v: unknown, positive = false): number {
  if (typeof v !== 'number' || Number.isNaN(v)) throw typeError(name, `${what} must be a number, got ${describe(v)}`);
  if (positive && !(v > 0)) throw rangeError(name, `${what} must be positive, got ${v}`);
  return v;
}

/** @internal Declares a scheduler's signature; returns the parser its constructor calls with `arguments`. */
export function schedulerSignature(cls: object, name: string, params: string): Signature {
  const sig = signature(`optim.lrScheduler.${name}`, params);
  declareConstructor(cls, sig);
  return sig;
}
export { parseArgs };

type LrLambda = (epoch: number) => number;

function lambdasOf(name: string, optimizer: AnyOptimizer, lrLambda: unknown): LrLambda[] {
  const n = optimizer.paramGroups.length;
  if (!Array.isArray(lrLambda)) {
    if (typeof lrLambda !== 'function') throw typeError(name, `lr_lambda must be a function or an array of functions, got ${describe(lrLambda)}`);
    return new Array(n).fill(lrLambda);
  }
  if (lrLambda.length !== n) throw rangeError(name, `Expected ${n} lr_lambdas, but got ${lrLambda.length}`);
  for (const f of lrLambda) if (typeof f !== 'function') throw typeError(name, `lr_lambda must be a function or an array of functions, got ${describe(f)}`);
  return lrLambda.slice();
}

/**
 * Sets the learning rate to the initial one times `lrLambda(epoch)`.
 *
 * lr = initial lr × lrLambda(epoch).
 *
 * @see torch.optim.lr_scheduler.LambdaLR
 * @example
 * ```ts
 * const opt = new tg.optim.SGD([new tg.nn.Parameter(tg.ones(1))], { lr: 1 })
 * const s = new tg.optim.lrScheduler.LambdaLR(opt, (e) => 1 / (e + 1))
 * opt.step()
 * s.step()
 * s.getLastLr() // => [0.5]
 * ```
 */
export class LambdaLR extends LRScheduler {
  lrLambdas: LrLambda[];
  constructor(optimizer: AnyOptimizer, lrLambda: LrLambda | LrLambda[] | object, lastEpoch?: number, verbose?: boolean) {
    const a = parseArgs(LAMBDA_SIG, arguments);
    super(a[0]);
    this.lrLambdas = lambdasOf('LambdaLR', this.optimizer, a[1]);
    this._init(a[2] as number | undefined, a[3] as boolean | undefined);
    void lrLambda, lastEpoch, verbose;
  }
  override getLr(): number[] {
    return this.lrLambdas.map((f, i) => this.baseLrs[i] * f(this.lastEpoch));
  }
  /** Functions are not state: saved as null, as PyTorch saves plain functions. */
  override stateDict(): Record<string, unknown> {
    return { ...ownState(this, ['lrLambdas']), lrLambdas: this.lrLambdas.map(() => null) };
  }
  override loadStateDict(stateDict: Record<string, unknown>): void {
    const { lrLambdas, ...rest } = stateDict;
    void lrLambdas;
    Object.assign(this, rest);
  }
}
const LAMBDA_SIG = schedulerSignature(LambdaLR, 'LambdaLR', 'optimizer, lrLambda, lastEpoch, verbose');

/**
 * Multiplies the learning rate by `lrLambda(epoch)` every epoch.
 *
 * lr ×= lrLambda(epoch) each step.
 *
 * @see torch.optim.lr_scheduler.MultiplicativeLR
 * @example
 * ```ts
 * const opt = new tg.optim.SGD([new tg.nn.Parameter(tg.ones(1))], { lr: 1 })
 * const s = new tg.optim.lrScheduler.MultiplicativeLR(opt, () => 0.9)
 * opt.step()
 * s.step()
 * s.getLastLr() // => [0.9]
 * ```
 */
export class MultiplicativeLR extends LRScheduler {
  lrLambdas: LrLambda[];
  constructor(optimizer: AnyOptimizer, lrLambda: LrLambda | LrLambda[] | object, lastEpoch?: number, verbose?: boolean) {
    const a = parseArgs(MULT_SIG, arguments);
    super(a[0]);
    this.lrLambdas = lambdasOf('MultiplicativeLR', this.optimizer, a[1]);
    this._init(a[2] as number | undefined, a[3] as boolean | undefined);
    void lrLambda, lastEpoch, verbose;
  }
  override getLr(): number[] {
    const groups = groupsOf(this.optimizer);
    if (this.lastEpoch > 0) return this.lrLambdas.map((f, i) => groups[i].lr * f(this.lastEpoch));
    return groups.map((g) => g.lr);
  }
  override stateDict(): Record<string, unknown> {
    return LambdaLR.prototype.stateDict.call(this);
  }
  override loadStateDict(stateDict: Record<string, unknown>): void {
    LambdaLR.prototype.loadStateDict.call(this, stateDict);
  }
}
const MULT_SIG = schedulerSignature(MultiplicativeLR, 'MultiplicativeLR', 'optimizer, lrLambda, lastEpoch, verbose');

/**
 * Multiplies the learning rate by gamma every stepSize epochs.
 *
 * Decays the lr by gamma every stepSize epochs.
 *
 * @see torch.optim.lr_scheduler.StepLR
 * @example
 * ```ts
 * const opt = new tg.optim.SGD([new tg.nn.Parameter(tg.ones(1))], { lr: 1 })
 * const s = new tg.optim.lrScheduler.StepLR(opt, { stepSize: 2, gamma: 0.1 })
 * for (let i = 0; i < 4; i++) { opt.step(); s.step(); }
 * s.getLastLr() // => [0.010000000000000002]
 * ```
 */
export class StepLR extends LRScheduler {
  stepSize: number;
  gamma: number;
  constructor(optimizer: AnyOptimizer, stepSize: number | object, gamma?: number, lastEpoch?: number, verbose?: boolean) {
    const a = parseArgs(STEP_SIG, arguments);
    super(a[0]);
    this.stepSize = numArg('StepLR', 'step_size', a[1], true);
    this.gamma = numArg('StepLR', 'gamma', a[2] ?? 0.1);
    this._init(a[3] as number | undefined, a[4] as boolean | undefined);
    void stepSize, gamma, lastEpoch, verbose;
  }
  override getLr(): number[] {
    const groups = groupsOf(this.optimizer);
    if (this.lastEpoch === 0 || pyMod(this.lastEpoch, this.stepSize) !== 0) return groups.map((g) => g.lr);
    return groups.map((g) => g.lr * this.gamma);
  }
  protected override _closedFormLr(): number[] {
    return this.baseLrs.map((b) => b * this.gamma ** Math.floor(this.lastEpoch / this.stepSize));
  }
}
const STEP_SIG = schedulerSignature(StepLR, 'StepLR', 'optimizer, stepSize, gamma, lastEpoch, verbose');

/** Python's % (the result takes the divisor's sign). */
export function pyMod(a: number, b: number): number {
  return a - b * Math.floor(a / b);
}

/**
 * Multiplies the learning rate by gamma at each milestone epoch.
 *
 * Decays the lr by gamma at each milestone.
 *
 * @see torch.optim.lr_scheduler.MultiStepLR
 * @example
 * ```ts
 * const opt = new tg.optim.SGD([new tg.nn.Parameter(tg.ones(1))], { lr: 1 })
 * const s = new tg.optim.lrScheduler.MultiStepLR(opt, [1, 3], 0.5)
 * for (let i = 0; i < 3; i++) { opt.step(); s.step(); }
 * s.getLastLr() // => [0.25]
 * ```
 */
export class MultiStepLR extends LRScheduler {
  /** Milestone → how many times it was given (PyTorch's Counter). */
  milestones: Map<number, number>;
  gamma: number;
  constructor(optimizer: AnyOptimizer, milestones: number[] | object, gamma?: number, lastEpoch?: number, verbose?: boolean) {
    const a = parseArgs(MULTISTEP_SIG, arguments);
    super(a[0]);
    if (!Array.isArray(a[1])) throw typeError('MultiStepLR', `milestones must be an array of epochs, got ${describe(a[1])}`);
    this.milestones = new Map();
    for (const m of a[1] as number[]) this.milestones.set(m, (this.milestones.get(m) ?? 0) + 1);
    this.gamma = numArg('MultiStepLR', 'gamma', a[2] ?? 0.1);
    this._init(a[3] as number | undefined, a[4] as boolean | undefined);
    void milestones, gamma, lastEpoch, verbose;
  }
  override getLr(): number[] {
    const groups = groupsOf(this.optimizer);
    const k = this.milestones.get(this.lastEpoch);
    if (k === undefined) return groups.map((g) => g.lr);
    return groups.map((g) => g.lr * this.gamma ** k);
  }
  protected override _closedFormLr(): number[] {
    let passed = 0; // bisect_right over the sorted milestones (with multiplicity)
    for (const [m, k] of this.milestones) if (m <= this.lastEpoch) passed += k;
    return this.baseLrs.map((b) => b * this.gamma ** passed);
  }
}
const MULTISTEP_SIG = schedulerSignature(MultiStepLR, 'MultiStepLR', 'optimizer, milestones, gamma, lastEpoch, verbose');

/**
 * Scales the learning rate by a factor until totalIters epochs.
 *
 * lr × factor until totalIters, then the lr.
 *
 * @see torch.optim.lr_scheduler.ConstantLR
 * @example
 * ```ts
 * const opt = new tg.optim.SGD([new tg.nn.Parameter(tg.ones(1))], { lr: 1 })
 * const s = new tg.optim.lrScheduler.ConstantLR(opt, { factor: 0.5, totalIters: 2 })
 * s.getLastLr() // => [0.5]
 * ```
 */
export class ConstantLR extends LRScheduler {
  factor: number;
  totalIters: number;
  constructor(optimizer: AnyOptimizer, factor?: number | object, totalIters?: number, lastEpoch?: number, verbose?: boolean) {
    const a = parseArgs(CONSTANT_SIG, arguments);
    super(a[0]);
    const f = (a[1] as number | undefined) ?? 1 / 3;
    if (f > 1 || f < 0) throw rangeError('ConstantLR', 'Constant multiplicative factor expected to be between 0 and 1.');
    this.factor = f;
    this.totalIters = (a[2] as number | undefined) ?? 5;
    this._init(a[3] as number | undefined, a[4] as boolean | undefined);
    void factor, totalIters, lastEpoch, verbose;
  }
  override getLr(): number[] {
    const groups = groupsOf(this.optimizer);
    if (this.lastEpoch === 0) return groups.map((g) => g.lr * this.factor);
    if (this.lastEpoch !== this.totalIters) return groups.map((g) => g.lr);
    return groups.map((g) => g.lr * (1 / this.factor));
  }
  protected override _closedFormLr(): number[] {
    return this.baseLrs.map((b) => b * (this.factor + (this.lastEpoch >= this.totalIters ? 1 : 0) * (1 - this.factor)));
  }
}
const CONSTANT_SIG = schedulerSignature(ConstantLR, 'ConstantLR', 'optimizer, factor, totalIters, lastEpoch, verbose');

/**
 * Scales the learning rate linearly from startFactor to endFactor over totalIters epochs.
 *
 * Scales the lr linearly from startFactor to endFactor over totalIters.
 *
 * @see torch.optim.lr_scheduler.LinearLR
 * @example
 * ```ts
 * const opt = new tg.optim.SGD([new tg.nn.Parameter(tg.ones(1))], { lr: 1 })
 * const s = new tg.optim.lrScheduler.LinearLR(opt, { startFactor: 0.5, totalIters: 2 })
 * opt.step()
 * s.step()
 * s.getLastLr() // => [0.75]
 * ```
 */
export class LinearLR extends LRScheduler {
  startFactor: number;
  endFactor: number;
  totalIters: number;
  constructor(optimizer: AnyOptimizer, startFactor?: number | object, endFactor?: number, totalIters?: number, lastEpoch?: number, verbose?: boolean) {
    const a = parseArgs(LINEAR_SIG, arguments);
    super(a[0]);
    const s = (a[1] as number | undefined) ?? 1 / 3, e = (a[2] as number | undefined) ?? 1;
    if (s > 1 || s < 0) throw rangeError('LinearLR', 'Starting multiplicative factor expected to be between 0 and 1.');
    if (e > 1 || e < 0) throw rangeError('LinearLR', 'Ending multiplicative factor expected to be between 0 and 1.');
    this.startFactor = s;
    this.endFactor = e;
    this.totalIters = numArg('LinearLR', 'total_iters', a[3] ?? 5, true);
    this._init(a[4] as number | undefined, a[5] as boolean | undefined);
    void startFactor, endFactor, totalIters, lastEpoch, verbose;
  }
  override getLr(): number[] {
    const groups = groupsOf(this.optimizer);
    if (this.lastEpoch === 0) return groups.map((g) => g.lr * this.startFactor);
    if (this.lastEpoch > this.totalIters) return groups.map((g) => g.lr);
    const d = this.endFactor - this.startFactor;
    return groups.map((g) => g.lr * (1 + d / (this.totalIters * this.startFactor + (this.lastEpoch - 1) * d)));
  }
  protected override _closedFormLr(): number[] {
    const d = this.endFactor - this.startFactor;
    return this.baseLrs.map((b) => b * (this.startFactor + (d * Math.min(this.totalIters, this.lastEpoch)) / this.totalIters));
  }
}
const LINEAR_SIG = schedulerSignature(LinearLR, 'LinearLR', 'optimizer, startFactor, endFactor, totalIters, lastEpoch, verbose');

/**
 * Multiplies the learning rate by gamma every epoch.
 *
 * Decays the lr by gamma every epoch.
 *
 * @see torch.optim.lr_scheduler.ExponentialLR
 * @example
 * ```ts
 * const opt = new tg.optim.SGD([new tg.nn.Parameter(tg.ones(1))], { lr: 1 })
 * const s = new tg.optim.lrScheduler.ExponentialLR(opt, 0.5)
 * opt.step()
 * s.step()
 * s.getLastLr() // => [0.5]
 * ```
 */
export class ExponentialLR extends LRScheduler {
  gamma: number;
  constructor(optimizer: AnyOptimizer, gamma: number | object, lastEpoch?: number, verbose?: boolean) {
    const a = parseArgs(EXP_SIG, arguments);
    super(a[0]);
    this.gamma = numArg('ExponentialLR', 'gamma', a[1]);
    this._init(a[2] as number | undefined, a[3] as boolean | undefined);
    void gamma, lastEpoch, verbose;
  }
  override getLr(): number[] {
    const groups = groupsOf(this.optimizer);
    if (this.lastEpoch === 0) return groups.map((g) => g.lr);
    return groups.map((g) => g.lr * this.gamma);
  }
  protected override _closedFormLr(): number[] {
    return this.baseLrs.map((b) => b * this.gamma ** this.lastEpoch);
  }
}
const EXP_SIG = schedulerSignature(ExponentialLR, 'ExponentialLR', 'optimizer, gamma, lastEpoch, verbose');

/**
 * Decays the learning rate polynomially to zero over totalIters epochs.
 *
 * Polynomial decay to zero over totalIters.
 *
 * @see torch.optim.lr_scheduler.PolynomialLR
 * @example
 * ```ts
 * const opt = new tg.optim.SGD([new tg.nn.Parameter(tg.ones(1))], { lr: 1 })
 * const s = new tg.optim.lrScheduler.PolynomialLR(opt, { totalIters: 4, power: 1 })
 * opt.step()
 * s.step()
 * s.getLastLr() // => [0.75]
 * ```
 */
export class PolynomialLR extends LRScheduler {
  totalIters: number;
  power: number;
  constructor(optimizer: AnyOptimizer, totalIters?: number | object, power?: number, lastEpoch?: number, verbose?: boolean) {
    const a = parseArgs(POLY_SIG, arguments);
    super(a[0]);
    this.totalIters = numArg('PolynomialLR', 'total_iters', a[1] ?? 5, true);
    this.power = numArg('PolynomialLR', 'power', a[2] ?? 1);
    this._init(a[3] as number | undefined, a[4] as boolean | undefined);
    void totalIters, power, lastEpoch, verbose;
  }
  override getLr(): number[] {
    const groups = groupsOf(this.optimizer);
    if (this.lastEpoch === 0 || this.lastEpoch > this.totalIters) return groups.map((g) => g.lr);
    const f = ((1 - this.lastEpoch / this.totalIters) / (1 - (this.lastEpoch - 1) / this.totalIters)) ** this.power;
    return groups.map((g) => g.lr * f);
  }
  protected override _closedFormLr(): number[] {
    return this.baseLrs.map((b) => b * (1 - Math.min(this.totalIters, this.lastEpoch) / this.totalIters) ** this.power);
  }
}
const POLY_SIG = schedulerSignature(PolynomialLR, 'PolynomialLR', 'optimizer, totalIters, power, lastEpoch, verbose');

/**
 * Anneals the learning rate along a cosine from its initial value to etaMin over TMax epochs.
 *
 * Cosine annealing from the lr to etaMin over TMax epochs (SGDR without restarts).
 *
 * @see torch.optim.lr_scheduler.CosineAnnealingLR
 * @example
 * ```ts
 * const opt = new tg.optim.SGD([new tg.nn.Parameter(tg.ones(1))], { lr: 1 })
 * const s = new tg.optim.lrScheduler.CosineAnnealingLR(opt, 2)
 * opt.step()
 * s.step()
 * s.getLastLr() // => [0.5]
 * ```
 */
export class CosineAnnealingLR extends LRScheduler {
  TMax: number;
  etaMin: number;
  constructor(optimizer: AnyOptimizer, TMax: number | object, etaMin?: number, lastEpoch?: number, verbose?: boolean) {
    const a = parseArgs(COS_SIG, arguments);
    super(a[0]);
    this.TMax = numArg('CosineAnnealingLR', 'T_max', a[1], true);
    this.etaMin = numArg('CosineAnnealingLR', 'eta_min', a[2] ?? 0);
    this._init(a[3] as number | undefined, a[4] as boolean | undefined);
    void TMax, etaMin, lastEpoch, verbose;
  }
  override getLr(): number[] {
    const groups = groupsOf(this.optimizer);
    const { TMax, etaMin, lastEpoch: e } = this;
    if (e === 0) return groups.map((g) => g.lr);
    if (this._stepCount === 1 && e > 0) return this.baseLrs.map((b) => etaMin + ((b - etaMin) * (1 + Math.cos((e * Math.PI) / TMax))) / 2);
    if (pyMod(e - 1 - TMax, 2 * TMax) === 0) return groups.map((g, i) => g.lr + ((this.baseLrs[i] - etaMin) * (1 - Math.cos(Math.PI / TMax))) / 2);
    return groups.map((g) => ((1 + Math.cos((Math.PI * e) / TMax)) / (1 + Math.cos((Math.PI * (e - 1)) / TMax))) * (g.lr - etaMin) + etaMin);
  }
  protected override _closedFormLr(): number[] {
    return this.baseLrs.map((b) => this.etaMin + ((b - this.etaMin) * (1 + Math.cos((Math.PI * this.lastEpoch) / this.TMax))) / 2);
  }
}
const COS_SIG = schedulerSignature(CosineAnnealingLR, 'CosineAnnealingLR', 'optimizer, TMax, etaMin, lastEpoch, verbose');

/** A metric value: a number or a one-element tensor (Python's float(metrics)). */
export function metricValue(name: string, v: unknown): number {
  if (typeof v === 'number') return v;
  if (v instanceof Tensor && v.numel() === 1) return Number(v.item());
  throw typeError(name, `metrics must be a number or a one-element Tensor, got ${describe(v)}`);
}

// Each scheduler's own getLr (and LambdaLR/MultiplicativeLR's state dicts) in PyTorch's names.
for (const C of [LambdaLR, MultiplicativeLR, StepLR, MultiStepLR, ConstantLR, LinearLR, ExponentialLR, PolynomialLR, CosineAnnealingLR])
  kwMethods(C.prototype, C.name, { getLr: '' });
for (const C of [LambdaLR, MultiplicativeLR]) kwMethods(C.prototype, C.name, { stateDict: '', loadStateDict: 'stateDict{}' });
