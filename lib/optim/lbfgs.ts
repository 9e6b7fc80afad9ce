// L-BFGS: PyTorch 1.13's torch.optim.LBFGS (two-loop recursion, optional strong-Wolfe line search), line for
// line, over one flat vector of every parameter. The flat vectors are typed arrays of the parameters' dtype;
// scalars (dot products, step sizes) are rounded to that dtype as PyTorch's 0-dim tensors are.
import { Tensor } from '../tensor.js';
import { noGrad, enableGrad } from '../autograd/grad_mode.js';
import { rangeError, typeError, describe } from '../errors.js';
import { tensor } from '../ops/creation.js';
import { Optimizer, ParamGroup, ParamsArg, givenOptions, Round, checkGroupKeys } from './optimizer.js';
import { signature, declareConstructor, kwMethods } from '../kwargs.js';

const SIG = signature('optim.LBFGS', 'params, lr, maxIter, maxEval, toleranceGrad, toleranceChange, historySize, lineSearchFn');

export interface LBFGSOptions {
  lr: number;
  maxIter: number;
  maxEval: number;
  toleranceGrad: number;
  toleranceChange: number;
  historySize: number;
  lineSearchFn: 'strong_wolfe' | null;
}

type Vec = Float32Array | Float64Array;
const dot = (a: Vec, b: Vec): number => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
};
const absMax = (a: Vec): number => {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]));
  return m;
};

/** PyTorch's _cubic_interpolate: the minimizer of the cubic through two points with their slopes, clamped. */
function cubicInterpolate(x1: number, f1: number, g1: number, x2: number, f2: number, g2: number, bounds?: [number, number]): number {
  const [lo, hi] = bounds ?? (x1 <= x2 ? [x1, x2] : [x2, x1]);
  const d1 = g1 + g2 - (3 * (f1 - f2)) / (x1 - x2);
  const d2Square = d1 ** 2 - g1 * g2;
  if (d2Square >= 0) {
    const d2 = Math.sqrt(d2Square);
    const minPos = x1 <= x2 ? x2 - (x2 - x1) * ((g2 + d2 - d1) / (g2 - g1 + 2 * d2)) : x1 - (x1 - x2) * ((g1 + d2 - d1) / (g1 - g2 + 2 * d2));
    return Math.min(Math.max(minPos, lo), hi);
  }
  return (lo + hi) / 2;
}

type Obj = (t: number) => [number, Vec];

/** PyTorch's _strong_wolfe (bracketing, then zoom), returning [loss, flat grad, step, evaluations]. */
function strongWolfe(obj: Obj, t: number, d: Vec, f: number, g: Vec, gtd: number, c1 = 1e-4, c2 = 0.9, toleranceChange = 1e-9, maxLs = 25): [number, Vec, number, number] {
  const dNorm = absMax(d);
  let [fNew, gNew] = obj(t);
  let lsFuncEvals = 1;
  let gtdNew = dot(gNew, d);
  let tPrev = 0, fPrev = f, gPrev: Vec = g, gtdPrev = gtd;
  let done = false, lsIter = 0;
  let bracket: number[] = [], bracketF: number[] = [], bracketG: Vec[] = [], bracketGtd: number[] = [];
  while (lsIter < maxLs) {
    if (fNew > f + c1 * t * gtd || (lsIter > 1 && fNew >= fPrev)) {
      [bracket, bracketF, bracketG, bracketGtd] = [[tPrev, t], [fPrev, fNew], [gPrev, gNew], [gtdPrev, gtdNew]];
      break;
    }
    if (Math.abs(gtdNew) <= -c2 * gtd) {
      [bracket, bracketF, bracketG] = [[t], [fNew], [gNew]];
      done = true;
      break;
    }
    if (gtdNew >= 0) {
      [bracket, bracketF, bracketG, bracketGtd] = [[tPrev, t], [fPrev, fNew], [gPrev, gNew], [gtdPrev, gtdNew]];
      break;
    }
    const minStep = t + 0.01 * (t - tPrev), maxStep = t * 10, tmp = t;
    t = cubicInterpolate(tPrev, fPrev, gtdPrev, t, fNew, gtdNew, [minStep, maxStep]);
    [tPrev, fPrev, gPrev, gtdPrev] = [tmp, fNew, gNew, gtdNew];
    [fNew, gNew] = obj(t);
    lsFuncEvals++;
    gtdNew = dot(gNew, d);
    lsIter++;
  }
  if (lsIter === maxLs) [bracket, bracketF, bracketG] = [[0, t], [f, fNew], [g, gNew]];
  // Zoom: shrink the bracket until the point satisfies the strong Wolfe conditions.
  let insufProgress = false;
  let [lowPos, highPos] = bracketF[0] <= bracketF[bracketF.length - 1] ? [0, 1] : [1, 0];
  while (!done && lsIter < maxLs) {
    if (Math.abs(bracket[1] - bracket[0]) * dNorm < toleranceChange) break;
    t = cubicInterpolate(bracket[0], bracketF[0], bracketGtd[0], bracket[1], bracketF[1], bracketGtd[1]);
    const bMax = Math.max(...bracket), bMin = Math.min(...bracket);
    const eps = 0.1 * (bMax - bMin);
    if (Math.min(bMax - t, t - bMin) < eps) {
      if (insufProgress || t >= bMax || t <= bMin) {
        t = Math.abs(t - bMax) < Math.abs(t - bMin) ? bMax - eps : bMin + eps;
        insufProgress = false;
      } else insufProgress = true;
    } else insufProgress = false;
    [fNew, gNew] = obj(t);
    lsFuncEvals++;
    gtdNew = dot(gNew, d);
    lsIter++;
    if (fNew > f + c1 * t * gtd || fNew >= bracketF[lowPos]) {
      [bracket[highPos], bracketF[highPos], bracketG[highPos], bracketGtd[highPos]] = [t, fNew, gNew, gtdNew];
      [lowPos, highPos] = bracketF[0] <= bracketF[1] ? [0, 1] : [1, 0];
    } else {
      if (Math.abs(gtdNew) <= -c2 * gtd) done = true;
      else if (gtdNew * (bracket[highPos] - bracket[lowPos]) >= 0) {
        [bracket[highPos], bracketF[highPos], bracketG[highPos], bracketGtd[highPos]] = [bracket[lowPos], bracketF[lowPos], bracketG[lowPos], bracketGtd[lowPos]];
      }
      [bracket[lowPos], bracketF[lowPos], bracketG[lowPos], bracketGtd[lowPos]] = [t, fNew, gNew, gtdNew];
    }
  }
  return [bracketF[lowPos], bracketG[lowPos], bracket[lowPos], lsFuncEvals];
}

/**
 * L-BFGS with an optional strong-Wolfe line search; step() takes a closure that returns the loss.
 *
 * L-BFGS; step(closure) re-evaluates the loss as often as it needs. One parameter group only.
 *
 * @see torch.optim.LBFGS
 * @example
 * ```ts
 * const opt = new tg.optim.LBFGS(new tg.nn.Linear(2, 1).parameters(), { lineSearchFn: 'strong_wolfe' })
 * opt.paramGroups[0].historySize // => 100
 * ```
 */
export class LBFGS extends Optimizer<LBFGSOptions> {
  protected override readonly perElementState = false;
  constructor(params: ParamsArg<LBFGSOptions>, lr?: number | Partial<LBFGSOptions>, maxIter?: number, maxEval?: number | null, toleranceGrad?: number, toleranceChange?: number, historySize?: number, lineSearchFn?: 'strong_wolfe' | null) {
    void lr, maxIter, maxEval, toleranceGrad, toleranceChange, historySize, lineSearchFn;
    const { params: ps, ...opts } = givenOptions<LBFGSOptions>(SIG, arguments);
    const iters = opts.maxIter ?? 20;
    super(ps as ParamsArg<LBFGSOptions>, {
      lr: 1, maxIter: iters, toleranceGrad: 1e-7, toleranceChange: 1e-9, historySize: 100, lineSearchFn: null, ...opts,
      maxEval: opts.maxEval ?? Math.floor((iters * 5) / 4),
    });
    if (this.paramGroups.length !== 1) throw rangeError('LBFGS', "LBFGS doesn't support per-parameter options (parameter groups)");
  }

  protected validate(g: ParamGroup<LBFGSOptions>): void {
    if (this.paramGroups.length > 0) throw rangeError('LBFGS', "LBFGS doesn't support per-parameter options (parameter groups)");
    if (g.lineSearchFn !== null && g.lineSearchFn !== 'strong_wolfe') throw rangeError('LBFGS', `only 'strong_wolfe' is supported, got ${describe(g.lineSearchFn)}`);
  }

  /**
   * Runs up to maxIter L-BFGS iterations, calling `closure()` (which recomputes and returns the loss) as needed.
   *
   * @see LBFGS.step
   * @example
   * ```ts
   * const x = new tg.nn.Parameter(tg.tensor([3, -2]))
   * const opt = new tg.optim.LBFGS([x])
   * opt.step(() => { opt.zeroGrad(); const l = x.pow(2).sum(); l.backward(); return l; })
   * x.abs().max().item() < 1e-3 // => true
   * ```
   */
  override step(closure?: () => Tensor | number): Tensor | number | undefined {
    if (typeof closure !== 'function') throw typeError('LBFGS.step', `LBFGS needs a closure that reevaluates the model and returns the loss, got ${describe(closure)}`);
    const group = this.paramGroups[0];
    checkGroupKeys('LBFGS.step', this.defaults, group);
    const params = group.params;
    const dtype = params[0].dtype;
    const r: Round = dtype === 'float32' ? Math.fround : (x) => x;
    const Arr = dtype === 'float32' ? Float32Array : Float64Array;
    const n = params.reduce((s, p) => s + p.numel(), 0);
    const evaluate = (): [Tensor | number, number] => {
      const v = enableGrad(closure);
      return [v, v instanceof Tensor ? Number(v.item()) : Number(v)];
    };
    const flatGrad = (): Vec => {
      const out = new Arr(n);
      let off = 0;
      for (const p of params) {
        if (p.grad !== null) out.set(p.grad._data as Vec, off);
        off += p.numel();
      }
      return out;
    };
    const addGrad = (stepSize: number, update: Vec): void => {
      const a = r(stepSize);
      let off = 0;
      for (const p of params) {
        const pd = p._data as Vec;
        for (let j = 0; j < pd.length; j++) pd[j] = r(pd[j] + r(a * update[off + j])); // p.add_(update, alpha=step_size)
        if (!p._contig) p._storeValues(pd);
        p._box.version++;
        off += pd.length;
      }
    };
    const toTensor = (v: Vec): Tensor => tensor(Array.from(v), dtype);
    const fromTensor = (t: Tensor): Vec => (t._data as Vec).slice();
    return noGrad(() => {
      const st = this.stateOf(params[0]);
      st.funcEvals ??= 0;
      st.nIter ??= 0;
      const [origLoss, loss0] = evaluate();
      let loss = loss0;
      let currentEvals = 1;
      st.funcEvals = (st.funcEvals as number) + 1;
      let g = flatGrad();
      let optCond = absMax(g) <= group.toleranceGrad;
      if (optCond) return origLoss;
      // The previous step's direction, step and curvature history (tensors in the state, as PyTorch keeps them).
      let d: Vec | null = st.d instanceof Tensor ? fromTensor(st.d) : null;
      let t = (st.t as number | undefined) ?? 0;
      let oldDirs: Vec[] = ((st.oldDirs as Tensor[] | undefined) ?? []).map(fromTensor);
      let oldStps: Vec[] = ((st.oldStps as Tensor[] | undefined) ?? []).map(fromTensor);
      let ro: number[] = ((st.ro as number[] | undefined) ?? []).slice();
      let hDiag = (st.HDiag as number | undefined) ?? 1;
      let prevFlatGrad: Vec | null = st.prevFlatGrad instanceof Tensor ? fromTensor(st.prevFlatGrad) : null;
      let prevLoss = (st.prevLoss as number | undefined) ?? 0;
      let nIter = 0;
      while (nIter < group.maxIter) {
        nIter++;
        st.nIter = (st.nIter as number) + 1;
        if (st.nIter === 1 || d === null) {
          d = g.map((x) => -x);
          oldDirs = [];
          oldStps = [];
          ro = [];
          hDiag = 1;
        } else {
          const y = new Arr(n), s = new Arr(n);
          for (let i = 0; i < n; i++) {
            y[i] = g[i] - (prevFlatGrad as Vec)[i];
            s[i] = d[i] * t;
          }
          const ys = r(dot(y, s));
          if (ys > 1e-10) {
            if (oldDirs.length === group.historySize) {
              oldDirs.shift();
              oldStps.shift();
              ro.shift();
            }
            oldDirs.push(y);
            oldStps.push(s);
            ro.push(r(1 / ys));
            hDiag = r(ys / r(dot(y, y)));
          }
          // Two-loop recursion: d = -H g with the inverse-Hessian approximation from the history.
          const numOld = oldDirs.length;
          const al: number[] = new Array(group.historySize).fill(0);
          const q = g.map((x) => -x);
          for (let i = numOld - 1; i >= 0; i--) {
            al[i] = r(r(dot(oldStps[i], q)) * ro[i]);
            for (let j = 0; j < n; j++) q[j] = r(q[j] + r(-al[i] * oldDirs[i][j]));
          }
          d = q.map((x) => x * hDiag);
          for (let i = 0; i < numOld; i++) {
            const be = r(r(dot(oldDirs[i], d)) * ro[i]);
            const a = r(al[i] - be);
            for (let j = 0; j < n; j++) d[j] = r(d[j] + r(a * oldStps[i][j]));
          }
        }
        prevFlatGrad = g.slice();
        prevLoss = loss;
        if (st.nIter === 1) {
          let sum = 0;
          for (let i = 0; i < n; i++) sum += Math.abs(g[i]);
          t = r(Math.min(1, r(1 / r(sum))) * group.lr);
        } else t = group.lr;
        const gtd = r(dot(g, d));
        if (gtd > -group.toleranceChange) break;
        let lsFuncEvals = 0;
        if (group.lineSearchFn !== null) {
          const x0 = params.map((p) => (p._data as Vec).slice());
          const dir = d;
          const obj: Obj = (tt) => {
            addGrad(tt, dir);
            const [, l] = evaluate();
            const fg = flatGrad();
            params.forEach((p, k) => {
              p._storeValues(x0[k]);
              p._box.version++;
            });
            return [l, fg];
          };
          [loss, g, t, lsFuncEvals] = strongWolfe(obj, t, d, loss, g, gtd);
          addGrad(t, d);
          optCond = absMax(g) <= group.toleranceGrad;
        } else {
          addGrad(t, d);
          if (nIter !== group.maxIter) {
            loss = evaluate()[1];
            g = flatGrad();
            optCond = absMax(g) <= group.toleranceGrad;
            lsFuncEvals = 1;
          }
        }
        currentEvals += lsFuncEvals;
        st.funcEvals = (st.funcEvals as number) + lsFuncEvals;
        if (nIter === group.maxIter || currentEvals >= group.maxEval || optCond) break;
        if (absMax(d.map((x) => x * t)) <= group.toleranceChange) break;
        if (Math.abs(loss - prevLoss) < group.toleranceChange) break;
      }
      st.d = d === null ? null : toTensor(d);
      st.t = t;
      st.oldDirs = oldDirs.map(toTensor);
      st.oldStps = oldStps.map(toTensor);
      st.ro = ro;
      st.HDiag = hDiag;
      st.prevFlatGrad = prevFlatGrad === null ? null : toTensor(prevFlatGrad);
      st.prevLoss = prevLoss;
      return origLoss;
    });
  }
}

declareConstructor(LBFGS, SIG);
kwMethods(LBFGS.prototype, 'LBFGS', { step: 'closure' });
