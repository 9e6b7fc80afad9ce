// vmap's randomness flag (functorch's randomness='error' | 'same' | 'different') for the random ops.
//
// Note [vmap randomness]: random ops are intercepted under vmap even without batched arguments (dispatch() in
// vmap.ts checks randomOps). 'error' throws functorch's error; 'same' draws once and shares the draw across the
// examples; 'different' draws for every example: a creation op (rand, randn) gets the batch sizes of the
// 'different' levels prepended to its size, an op on an unbatched tensor runs on the tensor expanded along those
// levels, and an op on a batched tensor runs once on the physical value. randomState.ceiling marks the levels
// already handled, so the op's own body (dropout calls rand) and the lower levels' passes do not check again.
import { Tensor } from '../tensor.js';
import { zeros } from '../ops/creation.js';
import {
  randomOps, randomHook, randomState, levels, callOp, wrap, isBatchedAt, inplaceError, BatchedTensor, type OpCall, type Level,
} from './vmap.js';
import { wrapResult } from './batching_rules.js';

for (const n of `rand randn randint randLike randnLike randintLike randperm normal bernoulli multinomial poisson dropout
  alphaDropout featureAlphaDropout dropout1d dropout2d dropout3d uniform_ normal_ bernoulli_ exponential_ random_ cauchy_
  logNormal_ geometric_`.split(/\s+/)) if (n !== '') randomOps.add(n);

const ERROR = "vmap: called random operation while in randomness error mode. Please either use the 'same' or 'different' " +
  'randomness flags on vmap or perform the randomness operation out of vmap';

/** Runs `f` with the levels at or above `ceiling` marked as handled. */
function below<T>(ceiling: number, f: () => T): T {
  const saved = randomState.ceiling;
  randomState.ceiling = ceiling;
  try {
    return f();
  } finally {
    randomState.ceiling = saved;
  }
}

/** Dropout with training off or p = 0 draws nothing. */
function drawsNothing(op: OpCall, args: unknown[]): boolean {
  if (!op.name.includes('ropout')) return false;
  return args[2] === false || args[1] === 0;
}

randomHook.handle = (op, args) => {
  if (drawsNothing(op, args)) return below(0, () => callOp(op, args));
  const above = levels.filter((l) => l.level > op.level && l.level < randomState.ceiling);
  if (above.some((l) => l.randomness === 'error')) throw new Error(ERROR);
  if (op.level === 0 || above.some((l) => l.randomness === 'different')) return unbatched(op, args, above);
  const lv = levels.find((l) => l.level === op.level) as Level;
  if (lv.randomness === 'error') throw new Error(ERROR);
  const L = op.level;
  const inplace = op.name.endsWith('_');
  if (inplace && !isBatchedAt(args[0], L)) throw inplaceError(op.name);
  if (lv.randomness === 'different') {
    const r = below(L, () => callOp(op, args.map((a) => (isBatchedAt(a, L) ? a.value : a))));
    return inplace ? args[0] : wrapResult(r, L);
  }
  // 'same': one draw of the logical shape, shared by the examples.
  const x = args[0] as BatchedTensor;
  if (inplace) {
    const draw = below(L, () => callOp(op, [zeros(x.shape, { dtype: x.dtype }), ...args.slice(1)])) as Tensor;
    return x.copy_(draw);
  }
  if (op.name.includes('ropout') && isBatchedAt(x, L)) {
    const mask = below(L, () => callOp(op, [zeros(x.shape, { dtype: x.dtype }).add(1), ...args.slice(1)])) as Tensor;
    return x.mul(mask);
  }
  if ((op.name === 'randLike' || op.name === 'randnLike') && isBatchedAt(x, L))
    return below(L, () => callOp(op, [zeros(x.shape, { dtype: x.dtype }), ...args.slice(1)]));
  throw new Error(`vmap: ${op.sig.fn} with randomness='same' on a batched tensor is not supported; use randomness='different' or call it outside vmap`);
};

/**
 * A random op with levels above its arguments' highest level (all active levels when nothing is batched): their
 * modes decide (Note [vmap randomness]).
 */
function unbatched(op: OpCall, args: unknown[], active: Level[]): unknown {
  const different = active.filter((l) => l.randomness === 'different');
  if (different.length === 0) return below(0, () => callOp(op, args));
  if (op.name.endsWith('_'))
    throw new Error('vmap: Cannot ask for different inplace randomness on an unbatched tensor. This will appear like same randomness. ' +
      'If this is necessary for your usage, please file an issue with functorch.');
  if (op.level === 0 && (op.name === 'rand' || op.name === 'randn')) {
    const size = args[0] as number[];
    const out = args.slice();
    out[0] = [...different.map((l) => l.batchSize), ...size];
    let r = below(0, () => callOp(op, out)) as Tensor;
    for (const l of different) r = wrap(r, l.level);
    return r;
  }
  const i = args.findIndex((a) => a instanceof Tensor);
  if (i < 0) throw new Error(`vmap: ${op.sig.fn} with randomness='different' is not supported without a tensor argument; draw it outside vmap`);
  let t = args[i] as Tensor;
  for (const l of different) t = wrap(t.unsqueeze(0).expand([l.batchSize, ...t.shape]), l.level);
  const out = args.slice();
  out[i] = t;
  return callOp(op, out);
}
