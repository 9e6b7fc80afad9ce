// Port of a slice of PyTorch's own test/test_reductions.py (pytorch/pytorch, TestReductions as stored at commit
// 002ca6715ba1ab4d2369262b487eeb30bf249911, restricted to what PyTorch 1.13 has): the ReductionOpInfo shape
// tests (dim default / None / single / [] / multi / unsorted / duplicate / off-bounds, keepdim) and empty-tensor
// rules for sum, mean, prod, amax, amin, argmax, argmin, var, std, logsumexp, nansum, nanmean, count_nonzero,
// all, any; the noncontiguous tests; the legacy tests (var unbiased and stability, uint8 overflow, integer
// upcast of sum / prod / cumsum / cumprod with dtype=, mode, var_mean over dim tuples, all / any, max / min with
// inf and nan, bincount, sum_all, prod of bool, nansum, logsumexp, bucketize / searchsorted). Each assert prints
// the value it checks; test_reductions.py is the twin (its header lists the stand-ins) and
// test_reductions.expected.txt what it prints under PyTorch 1.13 (test/ports/test_reductions.test.ts compares).
// Python's keyword arguments are an options object; `x[i] = v` is x.indexPut_(i, v).
// Run: node examples/ports/test_reductions.mjs
import * as detrand from './detrand.mjs';
import { makeAttempt, pyFloat, runIfMain } from './py.mjs';

/** A Python tuple, printed as one: (1, 2), (1,). */
class Tuple {
  constructor(items) {
    this.items = items;
  }
}

export function main(tg, print) {
  const S = tg.slice();
  const step = (k) => tg.slice(null, null, k);
  const inf = Infinity, nan = NaN;
  detrand.seed(11);

  /** str() of the Python value the twin prints; a JS number prints as a Python int unless `float` says. */
  function py(v) {
    if (typeof v === 'boolean') return v ? 'True' : 'False';
    if (v === null || v === undefined) return 'None';
    if (v instanceof Tuple) return v.items.length === 1 ? `(${py(v.items[0])},)` : `(${v.items.map(py).join(', ')})`;
    // a named tuple (torch.return_types.max, ...) prints itself
    if (Array.isArray(v) && Object.prototype.hasOwnProperty.call(v, 'toString')) return String(v);
    if (Array.isArray(v)) return `[${v.map(py).join(', ')}]`;
    return String(v);
  }
  const p = (...args) => print(...args.map(py));
  const tuple = (...a) => new Tuple(a);
  const dt = (d) => `torch.${d}`;
  const item = (t) => (t.isFloatingPoint() ? pyFloat(t.item()) : t.item());

  function make_tensor(shape, dtype = 'float32', low = -9, high = 9) {
    const t = detrand.rand(tg, shape, { dtype: 'float64' }).mul(high - low).add(low);
    return dtype.startsWith('float') ? t.to(dtype) : t.floor().to(dtype);
  }

  const attempt = makeAttempt(print, p);

  // name, op, supports multiple dims
  const OPS = [
    ['sum', tg.sum, true],
    ['mean', tg.mean, true],
    ['prod', tg.prod, false],
    ['amax', tg.amax, true],
    ['amin', tg.amin, true],
    ['argmax', tg.argmax, false],
    ['argmin', tg.argmin, false],
    ['var', tg.var, true],
    ['std', tg.std, true],
    ['logsumexp', tg.logsumexp, true],
    ['nansum', tg.nansum, true],
    ['nanmean', tg.nanmean, true],
    ['count_nonzero', tg.countNonzero, true],
    ['all', tg.all, false],
    ['any', tg.any, false],
  ];
  // ops whose dim is required (no dim=None form in 1.13)
  const NEEDS_DIM = new Set(['logsumexp']);
  const call = (op, t, kw = {}) => (Object.keys(kw).length ? op(t, kw) : op(t));

  function shape_of(op, ndim, kw = {}) {
    const shape = Array.from({ length: ndim }, (_, i) => 2 + (i % 3));
    const t = make_tensor(shape);
    return [...call(op, t, kw).shape];
  }

  // _test_dim_keepdim: test_dim_default ... test_dim_offbounds
  for (const [name, op, multi] of OPS) {
    for (let ndim = 0; ndim < 3; ndim++) {
      if (!NEEDS_DIM.has(name)) {
        attempt(`${name} default ndim=${ndim}`, () => shape_of(op, ndim));
        attempt(`${name} default keepdim ndim=${ndim}`, () => shape_of(op, ndim, { keepdim: true }));
      }
    }
    for (const [ndim, dim] of [[0, 0], [1, 0], [2, -1], [3, 1]]) {
      attempt(`${name} dim=${dim} ndim=${ndim}`, () => shape_of(op, ndim, { dim }));
      attempt(`${name} dim=${dim} keepdim ndim=${ndim}`, () => shape_of(op, ndim, { dim, keepdim: true }));
    }
    if (multi) {
      for (const [ndim, dim] of [[0, []], [2, []], [1, [0]], [3, [0, 2]], [4, [3, 0, 2]]]) {
        attempt(`${name} dim=${py(dim)} ndim=${ndim}`, () => shape_of(op, ndim, { dim }));
        attempt(`${name} dim=${py(dim)} keepdim ndim=${ndim}`, () => shape_of(op, ndim, { dim, keepdim: true }));
      }
      attempt(`${name} duplicate dims`, () => shape_of(op, 3, { dim: [0, 1, 1, 2] }));
    }
    attempt(`${name} off-bounds dim`, () => shape_of(op, 2, { dim: 2 }));
  }

  // test_empty_tensor_empty_slice / test_empty_tensor_nonempty_slice
  for (const [name, op, multi] of OPS) {
    const t = make_tensor([0, 2, 3]);
    for (const dim of [0, ...(multi ? [[0, 2]] : [])]) attempt(`${name} empty slice dim=${py(dim)}`, () => op(t, { dim }));
    for (const dim of [1, ...(multi ? [[1, 2]] : [])]) attempt(`${name} nonempty slice dim=${py(dim)}`, () => [...op(t, { dim }).shape]);
  }

  // test_noncontiguous_innermost / outermost / all / transposed / expanded
  for (const [name, op] of OPS) {
    const t = make_tensor([6, 6], 'float32', -1, 1);
    p(name, 'innermost', op(t.index([S, step(2)]), { dim: 1 }));
    p(name, 'outermost', op(t.index([step(2), S]), { dim: 0 }));
    const t3 = make_tensor([5, 5, 5], 'float32', -1, 1);
    if (!NEEDS_DIM.has(name)) {
      p(name, 'all', op(t3.index([step(2), step(3), tg.slice(1, -1, 2)])));
      p(name, 'transposed', op(t.T));
      p(name, 'expanded', op(make_tensor([2, 3], 'float32', -1, 1).unsqueeze(1).expand(-1, 5, -1)));
    }
  }

  // test_var_unbiased
  let tensor = detrand.randn(tg, [100]);
  p('var unbiased', tg.equal(tensor.var(0), tensor.var(0, { unbiased: true })), tensor.var(0));
  p('var all unbiased', tg.equal(tensor.var(), tensor.var({ unbiased: true })), tensor.var());
  p('var biased', tg.equal(tensor.var({ unbiased: false }), tensor.var(0, { unbiased: false })), tensor.var({ unbiased: false }));
  p('var [1, 2]', tg.tensor([1.0, 2.0]).var({ unbiased: true }), tg.tensor([1.0, 2.0]).var({ unbiased: false }));
  p('var [1, 2, 3]', tg.tensor([1.0, 2.0, 3.0]).var({ unbiased: true }), tg.tensor([1.0, 2.0, 3.0]).var({ unbiased: false }));
  p('std unbiased', tensor.std(0), tensor.std(), tensor.std({ unbiased: false }));

  // test_var_stability, test_var_stability2
  tensor = tg.tensor([2281.5, 2281.25]);
  p('var stability', tensor.var({ dim: 0 }), tensor.var(), tensor.unsqueeze(1).var(0));

  // test_sum_dim_reduction_uint8_overflow
  let x = tg.tensor([[255, 2, 1], [5, 3, 6]], { dtype: tg.uint8 });
  p('uint8 sum', x.sum({ dtype: tg.uint8 }).item(), x.sum(0, { dtype: tg.uint8 }), x.sum(1, { dtype: tg.uint8 }));
  p('uint8 sum default', x.sum(), x.sum(0));

  // test_mean_int_with_optdtype
  let a = make_tensor([3, 4, 5], 'int64');
  p('mean int dtype', a.mean({ dtype: tg.float32 }), a.to(tg.float32).mean());
  attempt('mean int', () => a.mean());

  // _test_reduce_integer_upcast
  for (const [fname, fn] of [
    ['sum', (x, kw = {}) => tg.sum(x, kw)], ['sum0', (x, kw = {}) => tg.sum(x, 0, kw)],
    ['prod', (x, kw = {}) => tg.prod(x, kw)], ['prod0', (x, kw = {}) => tg.prod(x, 0, kw)],
    ['cumsum', (x, kw = {}) => tg.cumsum(x, 0, kw)],
    ['cumprod', (x, kw = {}) => tg.cumprod(x, 0, kw)],
  ]) {
    for (const dtype of ['uint8', 'int8', 'int16', 'int32', 'int64', 'float32', 'float64', 'bool']) {
      x = tg.ones([3, 4, 5], { dtype });
      let other, mixed;
      if (dtype === 'float32' || dtype === 'float64') {
        other = dtype === 'float64' ? 'float32' : 'float64';
        mixed = 'int32';
      } else {
        other = dtype !== 'int32' ? 'int32' : 'int16';
        mixed = 'float32';
      }
      const r = fn(x);
      p('upcast', fname, dt(dtype), dt(r.dtype), dt(fn(x, { dtype: other }).dtype), dt(fn(x, { dtype: mixed }).dtype),
        item(r.reshape(-1).index(0)), tg.equal(fn(x.to(other)), fn(x, { dtype: other })));
    }
  }

  // test_mode
  const SIZE = 10;
  x = tg.arange(1, SIZE * SIZE + 1).reshape(SIZE, SIZE);
  x.indexPut_([tg.slice(null, 2)], 1);
  x.indexPut_([S, tg.slice(null, 2)], 1);
  const x0 = x.clone();
  let [v, i] = tg.mode(x, { keepdim: false });
  p('mode', v, i);
  [v, i] = tg.mode(x, 0, false);
  p('mode dim 0', v, i);
  p('mode unchanged', tg.equal(x, x0));

  // test_var_mean_some_dims
  function* combinations(n, r, start = 0, prefix = []) {
    if (prefix.length === r) {
      yield prefix;
      return;
    }
    for (let k = start; k < n; k++) yield* combinations(n, r, k + 1, [...prefix, k]);
  }
  x = detrand.rand(tg, [4, 6, 7, 5, 3]);
  const same = [];
  for (let num_of_dims = 2; num_of_dims < 5; num_of_dims++) {
    for (const dim of combinations(5, num_of_dims)) {
      for (const unbiased of [false, true]) {
        for (const keepdim of [false, true]) {
          const [var1, mean1] = tg.varMean(x, { dim, unbiased, keepdim });
          const var2 = x.var({ dim, unbiased, keepdim });
          const mean2 = x.mean({ dim, keepdim });
          same.push(tg.allclose(var1, var2) && tg.allclose(mean1, mean2) && var1.shape.join() === var2.shape.join());
        }
      }
    }
  }
  p('var_mean some dims', same.length, same.every(Boolean));
  p('var_mean', tuple(...tg.varMean(x.index([0, 0]), { dim: [0, 1] })), tuple(...tg.stdMean(x.index([0, 0]), { dim: 1, keepdim: true })));

  // test_all_any
  for (const size of [[10], [5, 5]]) {
    for (const dtype of ['uint8', 'bool']) {
      x = tg.ones(size).to(dtype);
      const r = [x.all().item(), x.any().item()];
      x.indexPut_([3], 0);
      r.push(x.all().item(), x.any().item());
      x.zero_();
      r.push(x.all().item(), x.any().item());
      p('all any', tuple(...size), dt(dtype), r, dt(x.all().dtype));
    }
  }

  // test_all_any_with_dim
  x = tg.tensor([[0, 0, 0], [0, 0, 1], [0, 1, 1], [1, 1, 1]], { dtype: tg.uint8 });
  p('all dim', x.prod({ dim: 0, keepdim: false }).byte(), x.all({ dim: 0, keepdim: false }));
  p('any dim', x.sum({ dim: 1, keepdim: true }).clamp(0, 1).byte(), x.any({ dim: 1, keepdim: true }));

  // test_all_any_empty
  for (const dtype of ['uint8', 'bool']) {
    x = tg.tensor([], { dtype });
    p('all any empty', x.all(), x.any());
  }

  // test_max_with_inf, test_min_with_inf
  for (const dtype of ['float32', 'float64']) {
    a = tg.tensor([[-inf, -inf, inf, 3], [inf, inf, -inf, -1]], { dtype });
    p('max inf', tg.max(a, { dim: 1 }), tg.amax(a, { dim: 1 }), tg.max(a), tg.amax(a));
    p('min inf', tg.min(a, { dim: 1 }), tg.amin(a, { dim: 1 }), tg.min(a), tg.amin(a));
  }

  // _test_minmax_helper: indices on a matrix and its transpose, nan
  for (const dtype of ['float32', 'float64', 'int64', 'int32', 'bool']) {
    const size = 5;
    if (dtype === 'float32' || dtype === 'float64') x = detrand.randn(tg, [size, size], { dtype });
    else if (dtype === 'bool') x = detrand.randint(tg, 0, 2, [size, size]).bool();
    else x = detrand.randint(tg, -1000, 1000, [size, size]).to(dtype);
    for (const xinp of [x, x.t()]) {
      for (const d of [0, 1]) {
        const [v, i] = tg.max(xinp, d, false);
        const [v2, i2] = tg.min(xinp, d, false);
        p('minmax', dt(dtype), d, v, i, v2, i2, tg.amax(xinp, d), tg.amin(xinp, d));
        const sel = d === 1 ? xinp.index([tg.arange(size, { dtype: tg.int64 }), i]) : xinp.index([i, tg.arange(size, { dtype: tg.int64 })]);
        p('minmax select', tg.equal(sel, v));
      }
    }
    const xs = x.reshape(5, 5, 1).expand(5, 5, 2).index([S, 3]);
    p('minmax noncontiguous', tg.max(xs), tg.amin(xs, 0));
    if (dtype !== 'bool') p('argminmax noncontiguous', tg.argmax(xs, 0), tg.argmin(xs));
    if (dtype === 'float32' || dtype === 'float64') {
      for (const index of [0, 4, 99]) {
        x = detrand.randn(tg, [100], { dtype });
        x.indexPut_([index], nan);
        const [v, i] = tg.max(x, 0);
        const [v2, i2] = tg.min(x, 0);
        p('minmax nan', index, v, i, v2, i2, tg.max(x), tg.amax(x), tg.amin(x, 0), tg.argmax(x), tg.argmin(x));
        p('aminmax nan', tg.aminmax(x));
      }
    }
  }

  // test_bincount
  const long = (v) => tg.tensor(v, { dtype: tg.int64 });
  attempt('bincount negative', () => tg.bincount(long([1, -1])));
  attempt('bincount 2-d', () => tg.bincount(long([[1, 2], [3, 4]])));
  attempt('bincount float', () => tg.bincount(tg.tensor([1, 0.3])));
  attempt('bincount minlength', () => tg.bincount(long([1, 3]), tg.tensor([0.2, 0.2]), { minlength: -1 }));
  attempt('bincount 2-d weights', () => tg.bincount(long([1, 0]), tg.tensor([[1, 0.3], [1, 0.3]])));
  attempt('bincount length', () => tg.bincount(long([1, 0]), tg.tensor([1, 0.3, 0.5])));
  p('bincount empty', tg.bincount(long([])), tg.bincount(long([]), { minlength: 10 }));
  p('bincount uint8', tg.tensor([0, 3, 2, 1, 3], { dtype: tg.uint8 }).bincount());
  p('bincount 255', tg.tensor([0, 1, 2, 3, 255], { dtype: tg.uint8 }).bincount().sum(),
    `torch.Size([${tg.tensor([0, 1, 2, 3, 255], { dtype: tg.int16 }).bincount().shape.join(', ')}])`);
  p('bincount minlength', tg.bincount(long([1, 1, 1, 1]), { minlength: 5 }));
  p('bincount weights', tg.bincount(long([0, 1, 1, 1, 4]), tg.tensor([0.1, 0.2, 0.3, 0.4, 0.5])));
  p('bincount int8 weights', tg.bincount(long([0, 1, 1, 1, 4]), tg.tensor([1, 2, 3, 4, 5], { dtype: tg.int8 })));
  const inputs = long([[0, 0], [3, 1], [2, 1], [1, 1], [3, 4]]);
  const weights = tg.tensor([[0.1, 1], [0.2, 2], [0.3, 3], [0.4, 4], [0.5, 5]]);
  p('bincount noncontiguous', inputs.index([S, 0]).bincount(), inputs.index([S, 1]).bincount(weights.index([S, 1])),
    inputs.index([S, 1]).contiguous().bincount(weights.index([S, 1])));
  p('bincount slices', tg.zeros([32, 2], { dtype: tg.int64 }).index([S, 0]).bincount(),
    tg.ones([32, 2], { dtype: tg.int64 }).index([S, 0]).bincount());
  p('bincount large', tg.ones([100000], { dtype: tg.int8 }).bincount());

  // test_sum_all
  for (const t of [tg.tensor([1, 2, 3, 4, 5], { dtype: tg.float64 }), detrand.randn(tg, [2000], { dtype: 'float64' }),
    detrand.randn(tg, [200, 2], { dtype: 'float64' }).index([S, 0]), tg.tensor([true, false, true])]) {
    const list = t.reshape(-1).tolist();
    const s = list.reduce((acc, e) => acc + Number(e), 0);
    p('sum all', t.sum(), t.dtype === 'bool' ? s : pyFloat(s));
  }

  // test_prod_bool
  for (const val of [[true, true], [true, false], [false, false], [], Array(256).fill(false)]) {
    p('prod bool', tg.prod(tg.tensor(val, { dtype: tg.bool }), { dtype: tg.bool }), tg.prod(tg.tensor(val, { dtype: tg.bool })));
  }

  // test_nansum
  for (const dtype of ['float32', 'float64', 'int64', 'int32']) {
    for (const noncontiguous of [true, false]) {
      for (const dim of [0, 1, null]) {
        const scale = 10;
        x = make_tensor(!noncontiguous ? [5, 5] : [5, 10], dtype, -scale, scale);
        if (noncontiguous) x = x.index([S, step(2)]);
        let x_nonan;
        if (dtype === 'float32' || dtype === 'float64') {
          const nan_mask = x.lt(0.2 * scale);
          x_nonan = tg.where(nan_mask, tg.zeros([], { dtype }), x);
          x.indexPut_([nan_mask], nan);
        } else x_nonan = x;
        const kw = dim === null ? {} : { dim };
        p('nansum', dt(dtype), noncontiguous, dim, call(tg.nansum, x, kw), tg.allclose(call(tg.sum, x_nonan, kw), call(tg.nansum, x, kw)));
      }
    }
  }

  // test_dim_reduction_lastdim
  x = detrand.randn(tg, [3, 5, 40]);
  x = x.index([S, S, tg.slice(0, 40, 2)]);
  const x2 = x.contiguous();
  for (const op of [tg.norm, tg.argmax, tg.argmin]) p('lastdim', op(x, { dim: -1 }), tg.allclose(op(x, { dim: -1 }), op(x2, { dim: -1 })));

  // test_logsumexp
  for (const dtype of ['float32', 'float64']) {
    a = detrand.randn(tg, [5, 4], { dtype });
    a.indexPut_([1, S], -inf);
    p('logsumexp', a.logsumexp(1));
    a.indexPut_([2, 1], inf);
    p('logsumexp inf', a.logsumexp(1), a.logsumexp(0, { keepdim: true }));
  }
  const e = detrand.randint(tg, -100, 100, [5, 4]);
  p('logsumexp integral', e.logsumexp(1));
  p('logsumexp empty', tg.logsumexp(tg.empty([0]), 0), tg.logsumexp(tg.full([2, 3], -inf), [0, 1]));

  // test_bucketization
  const values_1d = long([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  const values_3d = long([[[1, 3, 5], [2, 4, 6]], [[1, 2, 3], [4, 5, 6]]]);
  let boundaries = long([1, 2, 3, 4, 5, 6]);
  p('bucketize', tg.bucketize(values_3d, boundaries));
  p('bucketize right', tg.bucketize(values_3d, boundaries, { right: true }));
  const values_1d_float = values_1d.to(tg.float32);
  boundaries = tg.tensor([0.9, 1, 2, 2, 3, 3, 4, 4.1, 9, 9]);
  p('searchsorted int32', tg.searchsorted(boundaries, values_1d_float, { outInt32: true }));
  p('bucketize int32', tg.bucketize(values_1d_float, boundaries, { outInt32: true }));
  boundaries = long([1, 2, 3, 4, 5, 6]);
  const values_0_el = tg.tensor([[[]]], { dtype: tg.int64 });
  p('searchsorted empty', tg.searchsorted(boundaries, values_0_el), tg.bucketize(values_0_el, boundaries));
  const values_nan = tg.tensor([1.0, nan, 2.0, nan], { dtype: tg.float64 });
  boundaries = tg.tensor([0.0, 1.0, 2.0, 3.0], { dtype: tg.float64 });
  p('searchsorted nan', tg.searchsorted(boundaries, values_nan), tg.searchsorted(boundaries, values_nan, { right: true }),
    tg.searchsorted(boundaries, values_nan, { side: 'right' }));
  const values_3d_permute = values_3d.permute(2, 1, 0).to(tg.int32);
  const boundaries_permute = values_3d.permute(2, 1, 0).to(tg.float64);
  p('searchsorted promotion', tg.searchsorted(boundaries_permute, values_3d_permute));
  boundaries = tg.tensor([1.5, 2.5, 3.5]);
  p('searchsorted scalar', tg.searchsorted(boundaries, 2), tg.bucketize(tg.tensor(2, { dtype: tg.int64 }), boundaries),
    tg.searchsorted(boundaries, tg.tensor(nan)), tg.bucketize(nan, boundaries, { right: true }));
  boundaries = long([[1, 2, 3], [4, 5, 6]]);
  attempt('searchsorted dims', () => tg.searchsorted(boundaries, values_3d));
  attempt('bucketize 2-d boundaries', () => tg.bucketize(values_3d, boundaries));
  attempt('searchsorted scalar 2-d', () => tg.searchsorted(boundaries, 1));
  attempt('searchsorted side', () => tg.searchsorted(values_1d, values_1d, { side: 'bad' }));
  const sequence = detrand.rand(tg, [9]);
  const [, sorted_idx] = tg.sort(sequence);
  attempt('searchsorted sorter size', () => tg.searchsorted(sequence, values_1d, { sorter: sorted_idx.index([tg.slice(null, -1)]) }));
  attempt('searchsorted sorter dtype', () => tg.searchsorted(sequence, values_1d, { sorter: sorted_idx.to(tg.float32) }));
  p('searchsorted sorter', tg.searchsorted(sequence, tg.tensor([0.5]), { sorter: sorted_idx }));
}

await runIfMain(import.meta, main);
