// The schedulers with their own step(): SequentialLR, ChainedScheduler, CosineAnnealingWarmRestarts,
// OneCycleLR, CyclicLR, and ReduceLROnPlateau (which steps on a metric). PyTorch 1.13's formulas.
import { typeError, rangeError, describe } from '../../errors.js';
import { kwMethods } from '../../kwargs.js';
import {
  LRScheduler, AnyOptimizer, Group, groupsOf, checkOptimizer, ownState, parseArgs, schedulerSignature, metricValue, fmtE, numArg,
} from './scheduler.js';

function bisectRight(xs: number[], x: number): number {
  let i = 0;
  while (i < xs.length && xs[i] <= x) i++;
  return i;
}

function checkSchedulers(name: string, schedulers: unknown): LRScheduler[] {
  if (!Array.isArray(schedulers) || schedulers.length === 0 || !schedulers.every((s) => s instanceof LRScheduler))
    throw typeError(name, `schedulers must be a non-empty array of schedulers, got ${describe(schedulers)}`);
  return schedulers;
}

/**
 * Runs schedulers one after another, switching at the milestones.
 *
 * @see torch.optim.lr_scheduler.SequentialLR
 * @example
 * ```ts
 * const opt = new tg.optim.SGD([new tg.nn.Parameter(tg.ones(1))], { lr: 1 })
 * const a = new tg.optim.lrScheduler.ConstantLR(opt, { factor: 0.1, totalIters: 2 })
 * const b = new tg.optim.lrScheduler.ExponentialLR(opt, 0.9)
 * const s = new tg.optim.lrScheduler.SequentialLR(opt, [a, b], [2])
 * s.getLastLr() // => [0.1]
 * ```
 */
export class SequentialLR extends LRScheduler {
  _schedulers: LRScheduler[];
  _milestones: number[];
  constructor(optimizer: AnyOptimizer, schedulers: LRScheduler[] | object, milestones?: number[], lastEpoch?: number, verbose?: boolean) {
    const a = parseArgs(SEQ_SIG, arguments);
    super(a[0]);
    const list = checkSchedulers('SequentialLR', a[1]);
    list.forEach((s, i) => {
      if (s.optimizer !== this.optimizer)
        throw rangeError('SequentialLR', `Sequential Schedulers expects all schedulers to belong to the same optimizer, but got schedulers at index ${i} to be different than the optimizer passed in.`);
    });
    const ms = a[2] as number[];
    if (!Array.isArray(ms) || ms.length !== list.length - 1)
      throw rangeError('SequentialLR', `Sequential Schedulers expects number of schedulers provided to be one more than the number of milestone points, but got number of schedulers ${list.length} and the number of milestones to be equal to ${Array.isArray(ms) ? ms.length : describe(ms)}`);
    this._schedulers = list;
    this._milestones = ms.slice();
    this.lastEpoch = ((a[3] as number | undefined) ?? -1) + 1;
    this.verbose = (a[4] as boolean | undefined) ?? false;
    // Reset to the first scheduler's start: undo every scheduler's initial step, then redo the first one's.
    for (const g of groupsOf(this.optimizer)) g.lr = g.initialLr as number;
    for (const s of list) s.lastEpoch -= 1;
    list[0]._initialStep();
    this._lastLr = list[0].getLastLr();
    void schedulers, milestones, lastEpoch, verbose;
  }
  override getLr(): number[] {
    return this._lastLr.slice();
  }
  override step(): void {
    this.lastEpoch++;
    const idx = bisectRight(this._milestones, this.lastEpoch);
    const s = this._schedulers[idx];
    // At a milestone the next scheduler starts from its epoch 0 (closed form, as PyTorch's step(0)).
    if (idx > 0 && this._milestones[idx - 1] === this.lastEpoch) s.step(0);
    else s.step();
    this._lastLr = s.getLastLr();
  }
  override stateDict(): Record<string, unknown> {
    return { ...ownState(this, ['_schedulers']), _schedulers: this._schedulers.map((s) => s.stateDict()) };
  }
  override loadStateDict(stateDict: Record<string, unknown>): void {
    const { _schedulers, ...rest } = stateDict;
    Object.assign(this, rest);
    (_schedulers as Record<string, unknown>[]).forEach((sd, i) => this._schedulers[i].loadStateDict(sd));
  }
}
const SEQ_SIG = schedulerSignature(SequentialLR, 'SequentialLR', 'optimizer, schedulers, milestones, lastEpoch, verbose');

/**
 * Steps several schedulers together each epoch (their factors multiply).
 *
 * Steps several schedulers together (their factors compose).
 *
 * @see torch.optim.lr_scheduler.ChainedScheduler
 * @example
 * ```ts
 * const opt = new tg.optim.SGD([new tg.nn.Parameter(tg.ones(1))], { lr: 1 })
 * const s = new tg.optim.lrScheduler.ChainedScheduler([new tg.optim.lrScheduler.ExponentialLR(opt, 0.5), new tg.optim.lrScheduler.ExponentialLR(opt, 0.5)])
 * opt.step()
 * s.step()
 * s.getLastLr() // => [0.25]
 * ```
 */
export class ChainedScheduler extends LRScheduler {
  _schedulers: LRScheduler[];
  constructor(schedulers: LRScheduler[] | object) {
    const a = parseArgs(CHAIN_SIG, arguments);
    const list = checkSchedulers('ChainedScheduler', a[0]);
    super(list[0].optimizer);
    list.forEach((s, i) => {
      if (s.optimizer !== this.optimizer)
        throw rangeError('ChainedScheduler', `ChainedScheduler expects all schedulers to belong to the same optimizer, but got schedulers at index 0 and ${i} to be different`);
    });
    this._schedulers = list.slice();
    this._lastLr = groupsOf(this.optimizer).map((g) => g.lr);
    void schedulers;
  }
  override getLr(): number[] {
    return this._lastLr.slice();
  }
  override step(): void {
    for (const s of this._schedulers) s.step();
    this._lastLr = groupsOf(this.optimizer).map((g) => g.lr);
  }
  override stateDict(): Record<string, unknown> {
    return SequentialLR.prototype.stateDict.call(this);
  }
  override loadStateDict(stateDict: Record<string, unknown>): void {
    SequentialLR.prototype.loadStateDict.call(this, stateDict);
  }
}
const CHAIN_SIG = schedulerSignature(ChainedScheduler, 'ChainedScheduler', 'schedulers');

/**
 * Cosine annealing restarted every T0 epochs (then T0 * TMult, ...).
 *
 * Cosine annealing with warm restarts every T0·TMult^i epochs (SGDR); step(epoch) takes fractional epochs.
 *
 * @see torch.optim.lr_scheduler.CosineAnnealingWarmRestarts
 * @example
 * ```ts
 * const opt = new tg.optim.SGD([new tg.nn.Parameter(tg.ones(1))], { lr: 1 })
 * const s = new tg.optim.lrScheduler.CosineAnnealingWarmRestarts(opt, 2)
 * opt.step()
 * s.step()
 * s.getLastLr() // => [0.5]
 * ```
 */
export class CosineAnnealingWarmRestarts extends LRScheduler {
  T0: number;
  TI: number;
  TMult: number;
  etaMin: number;
  TCur: number;
  constructor(optimizer: AnyOptimizer, T0: number | object, TMult?: number, etaMin?: number, lastEpoch?: number, verbose?: boolean) {
    const a = parseArgs(WARM_SIG, arguments);
    super(a[0]);
    const t0 = a[1] as number, mult = (a[2] as number | undefined) ?? 1;
    if (!Number.isInteger(t0) || t0 <= 0) throw rangeError('CosineAnnealingWarmRestarts', `Expected positive integer T_0, but got ${t0}`);
    if (!Number.isInteger(mult) || mult < 1) throw rangeError('CosineAnnealingWarmRestarts', `Expected integer T_mult >= 1, but got ${mult}`);
    this.T0 = t0;
    this.TI = t0;
    this.TMult = mult;
    this.etaMin = (a[3] as number | undefined) ?? 0;
    this.TCur = (a[4] as number | undefined) ?? -1;
    this._init(a[4] as number | undefined, a[5] as boolean | undefined);
    void T0, TMult, etaMin, lastEpoch, verbose;
  }
  override getLr(): number[] {
    return this.baseLrs.map((b) => this.etaMin + ((b - this.etaMin) * (1 + Math.cos((Math.PI * this.TCur) / this.TI))) / 2);
  }
  override step(epoch?: number): void {
    if ((epoch === undefined || epoch === null) && this.lastEpoch < 0) epoch = 0;
    if (epoch === undefined || epoch === null) {
      epoch = this.lastEpoch + 1;
      this.TCur = this.TCur + 1;
      if (this.TCur >= this.TI) {
        this.TCur = this.TCur - this.TI;
        this.TI = this.TI * this.TMult;
      }
    } else {
      if (epoch < 0) throw rangeError('CosineAnnealingWarmRestarts', `Expected non-negative epoch, but got ${epoch}`);
      if (epoch >= this.T0) {
        if (this.TMult === 1) this.TCur = epoch - this.T0 * Math.floor(epoch / this.T0);
        else {
          const n = Math.trunc(Math.log((epoch / this.T0) * (this.TMult - 1) + 1) / Math.log(this.TMult));
          this.TCur = epoch - (this.T0 * (this.TMult ** n - 1)) / (this.TMult - 1);
          this.TI = this.T0 * this.TMult ** n;
        }
      } else {
        this.TI = this.T0;
        this.TCur = epoch;
      }
    }
    this.lastEpoch = Math.floor(epoch);
    this._getLrCalledWithinStep = true;
    let values: number[];
    try {
      values = this.getLr();
    } finally {
      this._getLrCalledWithinStep = false;
    }
    groupsOf(this.optimizer).forEach((g, i) => {
      g.lr = values[i];
      this.printLr(this.verbose, i, values[i], epoch);
    });
    this._lastLr = groupsOf(this.optimizer).map((g) => g.lr);
  }
}
const WARM_SIG = schedulerSignature(CosineAnnealingWarmRestarts, 'CosineAnnealingWarmRestarts', 'optimizer, T0, TMult, etaMin, lastEpoch, verbose');

function formatParam(name: string, optimizer: AnyOptimizer, param: unknown, owner: string): number[] {
  const n = optimizer.paramGroups.length;
  if (Array.isArray(param)) {
    if (param.length !== n) throw rangeError(owner, `expected ${n} values for ${name}, got ${param.length}`);
    return param.slice();
  }
  return new Array(n).fill(param);
}

interface Phase {
  endStep: number;
  startLr: string;
  endLr: string;
  startMomentum: string;
  endMomentum: string;
}

/**
 * The one-cycle policy: warm up to maxLr, then anneal far below the initial rate, stepped per batch.
 *
 * The 1cycle policy: warm up to maxLr, then anneal far below the start (momentum cycles inversely).
 *
 * @see torch.optim.lr_scheduler.OneCycleLR
 * @example
 * ```ts
 * const opt = new tg.optim.SGD([new tg.nn.Parameter(tg.ones(1))], { lr: 1, momentum: 0.9 })
 * const s = new tg.optim.lrScheduler.OneCycleLR(opt, 1, { totalSteps: 10 })
 * s.getLastLr()[0].toFixed(4) // => '0.0400'
 * ```
 */
export class OneCycleLR extends LRScheduler {
  totalSteps: number;
  _schedulePhases: Phase[];
  annealStrategy: 'cos' | 'linear';
  cycleMomentum: boolean;
  useBeta1 = false;
  constructor(
    optimizer: AnyOptimizer, maxLr: number | number[] | object, totalSteps?: number | null, epochs?: number | null, stepsPerEpoch?: number | null,
    pctStart?: number, annealStrategy?: 'cos' | 'linear', cycleMomentum?: boolean, baseMomentum?: number | number[], maxMomentum?: number | number[],
    divFactor?: number, finalDivFactor?: number, threePhase?: boolean, lastEpoch?: number, verbose?: boolean,
  ) {
    const a = parseArgs(ONE_SIG, arguments);
    super(a[0]);
    const name = 'OneCycleLR';
    const [total, ep, spe] = [a[2], a[3], a[4]] as (number | null | undefined)[];
    const pct = (a[5] as number | undefined) ?? 0.3;
    if (total == null && ep == null && spe == null) throw rangeError(name, 'You must define either total_steps OR (epochs AND steps_per_epoch)');
    if (total != null) {
      if (!Number.isInteger(total) || total <= 0) throw rangeError(name, `Expected positive integer total_steps, but got ${total}`);
      this.totalSteps = total;
    } else {
      if (!Number.isInteger(ep) || (ep as number) <= 0) throw rangeError(name, `Expected positive integer epochs, but got ${ep}`);
      if (!Number.isInteger(spe) || (spe as number) <= 0) throw rangeError(name, `Expected positive integer steps_per_epoch, but got ${spe}`);
      this.totalSteps = (ep as number) * (spe as number);
    }
    const T = this.totalSteps;
    this._schedulePhases = a[12]
      ? [
          { endStep: pct * T - 1, startLr: 'initialLr', endLr: 'maxLr', startMomentum: 'maxMomentum', endMomentum: 'baseMomentum' },
          { endStep: 2 * pct * T - 2, startLr: 'maxLr', endLr: 'initialLr', startMomentum: 'baseMomentum', endMomentum: 'maxMomentum' },
          { endStep: T - 1, startLr: 'initialLr', endLr: 'minLr', startMomentum: 'maxMomentum', endMomentum: 'maxMomentum' },
        ]
      : [
          { endStep: pct * T - 1, startLr: 'initialLr', endLr: 'maxLr', startMomentum: 'maxMomentum', endMomentum: 'baseMomentum' },
          { endStep: T - 1, startLr: 'maxLr', endLr: 'minLr', startMomentum: 'baseMomentum', endMomentum: 'maxMomentum' },
        ];
    if (!(pct >= 0 && pct <= 1)) throw rangeError(name, `Expected float between 0 and 1 pct_start, but got ${pct}`);
    const strategy = (a[6] as string | undefined) ?? 'cos';
    if (strategy !== 'cos' && strategy !== 'linear') throw rangeError(name, `anneal_strategy must by one of 'cos' or 'linear', instead got ${strategy}`);
    this.annealStrategy = strategy;
    const maxLrs = formatParam('max_lr', this.optimizer, a[1], name);
    const groups = groupsOf(this.optimizer);
    const last = (a[13] as number | undefined) ?? -1;
    const div = (a[10] as number | undefined) ?? 25, finalDiv = (a[11] as number | undefined) ?? 1e4;
    if (last === -1) {
      groups.forEach((g, i) => {
        g.initialLr = maxLrs[i] / div;
        g.maxLr = maxLrs[i];
        g.minLr = (g.initialLr as number) / finalDiv;
      });
    }
    this.cycleMomentum = (a[7] as boolean | undefined) ?? true;
    if (this.cycleMomentum) {
      const d = this.optimizer.defaults as Record<string, unknown>;
      if (!('momentum' in d) && !('betas' in d)) throw rangeError(name, 'optimizer must support momentum with `cycle_momentum` option enabled');
      this.useBeta1 = 'betas' in d;
      const maxMs = formatParam('max_momentum', this.optimizer, a[9] ?? 0.95, name);
      const baseMs = formatParam('base_momentum', this.optimizer, a[8] ?? 0.85, name);
      if (last === -1) {
        groups.forEach((g, i) => {
          if (this.useBeta1) g.betas = [maxMs[i], ...(g.betas as number[]).slice(1)];
          else g.momentum = maxMs[i];
          g.maxMomentum = maxMs[i];
          g.baseMomentum = baseMs[i];
        });
      }
    }
    this._init(last, a[14] as boolean | undefined);
    void maxLr, totalSteps, epochs, stepsPerEpoch, pctStart, annealStrategy, cycleMomentum, baseMomentum, maxMomentum, divFactor, finalDivFactor, threePhase, lastEpoch, verbose;
  }
  private _anneal(start: number, end: number, pct: number): number {
    if (this.annealStrategy === 'cos') return end + ((start - end) / 2) * (Math.cos(Math.PI * pct) + 1);
    return (end - start) * pct + start;
  }
  override getLr(): number[] {
    const step = this.lastEpoch;
    if (step > this.totalSteps) throw rangeError('OneCycleLR', `Tried to step ${step + 1} times. The specified number of total steps is ${this.totalSteps}`);
    return groupsOf(this.optimizer).map((g: Group) => {
      let start = 0, lr = 0, momentum = 0;
      const phases = this._schedulePhases;
      for (let i = 0; i < phases.length; i++) {
        const p = phases[i];
        if (step <= p.endStep || i === phases.length - 1) {
          const pct = (step - start) / (p.endStep - start);
          lr = this._anneal(g[p.startLr] as number, g[p.endLr] as number, pct);
          if (this.cycleMomentum) momentum = this._anneal(g[p.startMomentum] as number, g[p.endMomentum] as number, pct);
          break;
        }
        start = p.endStep;
      }
      if (this.cycleMomentum) {
        if (this.useBeta1) g.betas = [momentum, ...(g.betas as number[]).slice(1)];
        else g.momentum = momentum;
      }
      return lr;
    });
  }
}
const ONE_SIG = schedulerSignature(OneCycleLR, 'OneCycleLR',
  'optimizer, maxLr, totalSteps, epochs, stepsPerEpoch, pctStart, annealStrategy, cycleMomentum, baseMomentum, maxMomentum, divFactor, finalDivFactor, threePhase, lastEpoch, verbose');

/**
 * Cycles the learning rate between baseLr and maxLr (triangular, triangular2, exp_range), stepped per batch.
 *
 * Cycles the lr between baseLr and maxLr (triangular, triangular2, exp_range or a custom scaleFn).
 *
 * @see torch.optim.lr_scheduler.CyclicLR
 * @example
 * ```ts
 * const opt = new tg.optim.SGD([new tg.nn.Parameter(tg.ones(1))], { lr: 1, momentum: 0.9 })
 * const s = new tg.optim.lrScheduler.CyclicLR(opt, 0.1, 1, { stepSizeUp: 2 })
 * opt.step()
 * s.step()
 * s.getLastLr() // => [0.55]
 * ```
 */
export class CyclicLR extends LRScheduler {
  maxLrs: number[];
  totalSize: number;
  stepRatio: number;
  mode: string;
  gamma: number;
  scaleMode: string;
  cycleMomentum: boolean;
  baseMomentums: number[] = [];
  maxMomentums: number[] = [];
  readonly _scaleFnCustom: ((x: number) => number) | null;
  constructor(
    optimizer: AnyOptimizer, baseLr: number | number[] | object, maxLr?: number | number[], stepSizeUp?: number, stepSizeDown?: number | null,
    mode?: 'triangular' | 'triangular2' | 'exp_range', gamma?: number, scaleFn?: ((x: number) => number) | null, scaleMode?: 'cycle' | 'iterations',
    cycleMomentum?: boolean, baseMomentum?: number | number[], maxMomentum?: number | number[], lastEpoch?: number, verbose?: boolean,
  ) {
    const a = parseArgs(CYCLIC_SIG, arguments);
    super(a[0]);
    const name = 'CyclicLR';
    const baseLrs = formatParam('base_lr', this.optimizer, a[1], name);
    const last = (a[12] as number | undefined) ?? -1;
    const groups = groupsOf(this.optimizer);
    if (last === -1) groups.forEach((g, i) => (g.lr = baseLrs[i]));
    this.maxLrs = formatParam('max_lr', this.optimizer, a[2], name);
    const up = numArg(name, 'step_size_up', a[3] ?? 2000, true);
    const down = numArg(name, 'step_size_down', a[4] ?? up, true);
    this.totalSize = up + down;
    this.stepRatio = up / this.totalSize;
    const md = (a[5] as string | undefined) ?? 'triangular';
    const fn = (a[7] as ((x: number) => number) | null | undefined) ?? null;
    if (!['triangular', 'triangular2', 'exp_range'].includes(md) && fn === null) throw rangeError(name, 'mode is invalid and scale_fn is None');
    this.mode = md;
    this.gamma = numArg(name, 'gamma', a[6] ?? 1);
    this._scaleFnCustom = fn;
    this.scaleMode = fn === null ? (md === 'exp_range' ? 'iterations' : 'cycle') : ((a[8] as string | undefined) ?? 'cycle');
    this.cycleMomentum = (a[9] as boolean | undefined) ?? true;
    if (this.cycleMomentum) {
      if (!('momentum' in (this.optimizer.defaults as object))) throw rangeError(name, 'optimizer must support momentum with `cycle_momentum` option enabled');
      const bm = formatParam('base_momentum', this.optimizer, a[10] ?? 0.8, name);
      if (last === -1) groups.forEach((g, i) => (g.momentum = bm[i]));
      this.baseMomentums = groups.map((g) => g.momentum as number);
      this.maxMomentums = formatParam('max_momentum', this.optimizer, a[11] ?? 0.9, name);
    }
    this._init(last, a[13] as boolean | undefined);
    this.baseLrs = baseLrs;
    void baseLr, maxLr, stepSizeUp, stepSizeDown, mode, gamma, scaleFn, scaleMode, cycleMomentum, baseMomentum, maxMomentum, lastEpoch, verbose;
  }
  /**
   * The cycle's amplitude scale at a cycle number or iteration (by mode, or the user's scaleFn).
   *
   * @see torch.optim.lr_scheduler.CyclicLR.scale_fn
   * @example
   * ```ts
   * const opt = new tg.optim.SGD([new tg.nn.Parameter(tg.ones(1))], { lr: 1, momentum: 0.9 })
   * const s = new tg.optim.lrScheduler.CyclicLR(opt, 0.1, 1, { mode: 'triangular2' })
   * s.scaleFn(3) // => 0.25
   * ```
   */
  scaleFn(x: number): number {
    if (this._scaleFnCustom !== null) return this._scaleFnCustom(x);
    if (this.mode === 'triangular') return 1;
    if (this.mode === 'triangular2') return 1 / 2 ** (x - 1);
    return this.gamma ** x;
  }
  override getLr(): number[] {
    const cycle = Math.floor(1 + this.lastEpoch / this.totalSize);
    const x = 1 + this.lastEpoch / this.totalSize - cycle;
    const scale = x <= this.stepRatio ? x / this.stepRatio : (x - 1) / (this.stepRatio - 1);
    const at = this.scaleMode === 'cycle' ? cycle : this.lastEpoch;
    const lrs = this.baseLrs.map((b, i) => b + (this.maxLrs[i] - b) * scale * this.scaleFn(at));
    if (this.cycleMomentum) {
      const ms = this.baseMomentums.map((b, i) => this.maxMomentums[i] - (this.maxMomentums[i] - b) * scale * this.scaleFn(at));
      groupsOf(this.optimizer).forEach((g, i) => (g.momentum = ms[i]));
    }
    return lrs;
  }
}
const CYCLIC_SIG = schedulerSignature(CyclicLR, 'CyclicLR',
  'optimizer, baseLr, maxLr, stepSizeUp, stepSizeDown, mode, gamma, scaleFn, scaleMode, cycleMomentum, baseMomentum, maxMomentum, lastEpoch, verbose');
kwMethods(CyclicLR.prototype, 'CyclicLR', { scaleFn: 'x' });

/**
 * Multiplies the learning rate by factor when a metric stops improving for patience epochs.
 *
 * Cuts the lr by `factor` when a metric stops improving for `patience` epochs. step(metric) each epoch.
 *
 * @see torch.optim.lr_scheduler.ReduceLROnPlateau
 * @example
 * ```ts
 * const opt = new tg.optim.SGD([new tg.nn.Parameter(tg.ones(1))], { lr: 1 })
 * const s = new tg.optim.lrScheduler.ReduceLROnPlateau(opt, { patience: 0, factor: 0.5 })
 * s.step(1)
 * s.step(1)
 * opt.paramGroups[0].lr // => 0.5
 * ```
 */
export class ReduceLROnPlateau {
  optimizer: AnyOptimizer;
  factor: number;
  minLrs: number[];
  patience: number;
  verbose: boolean;
  cooldown: number;
  cooldownCounter = 0;
  mode: 'min' | 'max';
  threshold: number;
  thresholdMode: 'rel' | 'abs';
  best = Infinity;
  numBadEpochs = 0;
  modeWorse = Infinity;
  eps: number;
  lastEpoch = 0;
  _lastLr: number[];
  constructor(
    optimizer: AnyOptimizer, mode?: 'min' | 'max' | object, factor?: number, patience?: number, threshold?: number, thresholdMode?: 'rel' | 'abs',
    cooldown?: number, minLr?: number | number[], eps?: number, verbose?: boolean,
  ) {
    const a = parseArgs(PLATEAU_SIG, arguments);
    const name = 'ReduceLROnPlateau';
    const f = (a[2] as number | undefined) ?? 0.1;
    if (f >= 1) throw rangeError(name, 'Factor should be < 1.0.');
    this.factor = f;
    this.optimizer = checkOptimizer(name, a[0]);
    const mins = a[7] ?? 0;
    if (Array.isArray(mins)) {
      if (mins.length !== this.optimizer.paramGroups.length) throw rangeError(name, `expected ${this.optimizer.paramGroups.length} min_lrs, got ${mins.length}`);
      this.minLrs = mins.slice();
    } else this.minLrs = new Array(this.optimizer.paramGroups.length).fill(mins);
    this.patience = (a[3] as number | undefined) ?? 10;
    this.verbose = (a[9] as boolean | undefined) ?? false;
    this.cooldown = (a[6] as number | undefined) ?? 0;
    this.mode = ((a[1] as string | undefined) ?? 'min') as 'min' | 'max';
    this.threshold = (a[4] as number | undefined) ?? 1e-4;
    this.thresholdMode = ((a[5] as string | undefined) ?? 'rel') as 'rel' | 'abs';
    this.eps = (a[8] as number | undefined) ?? 1e-8;
    this._initIsBetter();
    this.best = this.modeWorse;
    this._lastLr = groupsOf(this.optimizer).map((g) => g.lr);
    void mode, factor, patience, threshold, thresholdMode, cooldown, minLr, eps, verbose;
  }
  private _initIsBetter(): void {
    if (this.mode !== 'min' && this.mode !== 'max') throw rangeError('ReduceLROnPlateau', `mode ${String(this.mode)} is unknown!`);
    if (this.thresholdMode !== 'rel' && this.thresholdMode !== 'abs') throw rangeError('ReduceLROnPlateau', `threshold mode ${String(this.thresholdMode)} is unknown!`);
    this.modeWorse = this.mode === 'min' ? Infinity : -Infinity;
  }
  /** Whether we are cooling down after a reduction. */
  get inCooldown(): boolean {
    return this.cooldownCounter > 0;
  }
  /**
   * Whether a metric improves on the best one by mode ('min'/'max') and threshold.
   *
   * Whether metric a improves on best by more than the threshold.
   *
   * @see torch.optim.lr_scheduler.ReduceLROnPlateau.is_better
   * @example
   * ```ts
   * const opt = new tg.optim.SGD([new tg.nn.Parameter(tg.ones(1))], { lr: 1 })
   * const s = new tg.optim.lrScheduler.ReduceLROnPlateau(opt)
   * s.isBetter(1, 2) // => true
   * ```
   */
  isBetter(a: number, best: number): boolean {
    if (this.mode === 'min') return this.thresholdMode === 'rel' ? a < best * (1 - this.threshold) : a < best - this.threshold;
    return this.thresholdMode === 'rel' ? a > best * (this.threshold + 1) : a > best + this.threshold;
  }
  /**
   * Records the epoch's metric and reduces the learning rate after patience epochs without improvement.
   *
   * Records this epoch's metric (a number or one-element tensor); reduces the lr after `patience` bad epochs.
   *
   * @see torch.optim.lr_scheduler.ReduceLROnPlateau.step
   * @example
   * ```ts
   * const opt = new tg.optim.SGD([new tg.nn.Parameter(tg.ones(1))], { lr: 1 })
   * const s = new tg.optim.lrScheduler.ReduceLROnPlateau(opt, { patience: 1 })
   * for (const loss of [3, 2, 2, 2]) s.step(loss)
   * s.getLastLr() // => [0.1]
   * ```
   */
  step(metrics: unknown, epoch?: number): void {
    const current = metricValue('ReduceLROnPlateau.step', metrics);
    const e = epoch ?? this.lastEpoch + 1;
    this.lastEpoch = e;
    if (this.isBetter(current, this.best)) {
      this.best = current;
      this.numBadEpochs = 0;
    } else this.numBadEpochs++;
    if (this.inCooldown) {
      this.cooldownCounter--;
      this.numBadEpochs = 0; // bad epochs in cooldown do not count
    }
    if (this.numBadEpochs > this.patience) {
      groupsOf(this.optimizer).forEach((g, i) => {
        const oldLr = g.lr, newLr = Math.max(oldLr * this.factor, this.minLrs[i]);
        if (oldLr - newLr > this.eps) {
          g.lr = newLr;
          if (this.verbose) console.log(`Epoch ${Number.isInteger(e) ? String(e).padStart(5, '0') : e.toFixed(2)}: reducing learning rate of group ${i} to ${fmtE(newLr)}.`);
        }
      });
      this.cooldownCounter = this.cooldown;
      this.numBadEpochs = 0;
    }
    this._lastLr = groupsOf(this.optimizer).map((g) => g.lr);
  }
  /**
   * The learning rates after the last step.
   *
   * The learning rates after the last step (PyTorch 2.x's get_last_lr; 1.13 keeps only _last_lr).
   *
   * @see torch.optim.lr_scheduler.ReduceLROnPlateau.get_last_lr
   * @example
   * ```ts
   * const opt = new tg.optim.SGD([new tg.nn.Parameter(tg.ones(1))], { lr: 0.1 })
   * new tg.optim.lrScheduler.ReduceLROnPlateau(opt).getLastLr() // => [0.1]
   * ```
   */
  getLastLr(): number[] {
    return this._lastLr.slice();
  }
  /**
   * The scheduler's state (best metric, counters) for checkpoints.
   *
   * @see torch.optim.lr_scheduler.ReduceLROnPlateau.state_dict
   * @example
   * ```ts
   * const opt = new tg.optim.SGD([new tg.nn.Parameter(tg.ones(1))], { lr: 1 })
   * const s = new tg.optim.lrScheduler.ReduceLROnPlateau(opt)
   * s.step(1)
   * s.stateDict().best // => 1
   * ```
   */
  stateDict(): Record<string, unknown> {
    return ownState(this);
  }
  /**
   * Restores the state saved by stateDict.
   *
   * @see torch.optim.lr_scheduler.ReduceLROnPlateau.load_state_dict
   * @example
   * ```ts
   * const opt = new tg.optim.SGD([new tg.nn.Parameter(tg.ones(1))], { lr: 1 })
   * const s = new tg.optim.lrScheduler.ReduceLROnPlateau(opt)
   * s.loadStateDict({ ...s.stateDict(), best: 0.5 })
   * s.stateDict().best // => 0.5
   * ```
   */
  loadStateDict(stateDict: Record<string, unknown>): void {
    Object.assign(this, stateDict);
    this._initIsBetter();
  }
}
const PLATEAU_SIG = schedulerSignature(ReduceLROnPlateau, 'ReduceLROnPlateau', 'optimizer, mode, factor, patience, threshold, thresholdMode, cooldown, minLr, eps, verbose');
kwMethods(ReduceLROnPlateau.prototype, 'ReduceLROnPlateau', {
  isBetter: 'a, best', step: 'metrics, epoch', getLastLr: '', stateDict: '', loadStateDict: 'stateDict{}',
});
kwMethods(SequentialLR.prototype, 'SequentialLR', { step: '', stateDict: '', loadStateDict: 'stateDict{}' });
kwMethods(ChainedScheduler.prototype, 'ChainedScheduler', { step: '', stateDict: '', loadStateDict: 'stateDict{}' });
kwMethods(CosineAnnealingWarmRestarts.prototype, 'CosineAnnealingWarmRestarts', { step: 'epoch' });
for (const C of [SequentialLR, ChainedScheduler, CosineAnnealingWarmRestarts, OneCycleLR, CyclicLR]) kwMethods(C.prototype, C.name, { getLr: '' });
