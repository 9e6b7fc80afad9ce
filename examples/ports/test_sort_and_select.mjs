// Port of a slice of PyTorch's own test/test_sort_and_select.py (pytorch/pytorch, TestSortAndSelect as stored at
// commit 00cfef9fbf481d330ae7f65829935a934b69d114): sort (random, duplicate and NaN keys, descending, stable over
// the real dtypes, discontiguous layouts, extremal fills), msort, topk (against sort, over transposes, integral,
// non-finite, 4-d, k = 0), unique with dim and unique_consecutive, unique (sorted and unsorted, scalar and empty)
// and kthvalue (with NaN, non-contiguous, 0-d). Each assert prints the value it checks; test_sort_and_select.py is
// the twin (its header lists the stand-ins) and test_sort_and_select.expected.txt what it prints under PyTorch 1.13
// (test/ports/test_sort_and_select.test.ts compares). Python's keyword arguments are an options object; `x[i] = v`
// is x.indexPut_(i, v).
// Run: node examples/ports/test_sort_and_select.mjs
import * as detrand from './detrand.mjs';
import { makeAttempt, runIfMain } from './py.mjs';

export function main(tg, print) {
  const S = tg.slice();
  const nan = NaN;
  detrand.seed(23);

  const dt = (d) => `torch.${d}`;
  const B = (b) => (b ? 'True' : 'False');
  const list = (a) => `[${a.join(', ')}]`;
  /** str() of a Python tuple of printable items. */
  const tuple = (a) => (a.length === 1 ? `(${a[0]},)` : `(${a.join(', ')})`);
  const long = (v) => tg.tensor(v, { dtype: 'int64' });
  const randint = (lo, hi) => lo + Math.floor(detrand.uniform(1)[0] * (hi - lo + 1)); // random.randint, inclusive

  const attempt = makeAttempt(print);

  function is_ordered(order, x, mxx, ixx) {
    const size = x.size(1);
    const check_order = order === 'descending'
      ? (a, b) => a.ne(a).logicalOr(a.ge(b)).all().item()
      : (a, b) => b.ne(b).logicalOr(a.le(b)).all().item();
    let ordered = true;
    for (let k = 1; k < size; k++) ordered &&= check_order(mxx.index([S, k - 1]), mxx.index([S, k]));
    const xl = x.tolist(), ml = mxx.tolist(), il = ixx.tolist();
    let indices = true;
    for (let k = 0; k < x.size(0); k++) {
      const seen = new Set();
      for (let j = 0; j < size; j++) {
        const v = xl[k][il[k][j]];
        indices &&= v === ml[k][j] || (Number.isNaN(v) && Number.isNaN(ml[k][j]));
        seen.add(il[k][j]);
      }
      indices &&= seen.size === size;
    }
    return tuple([B(ordered), B(indices)]);
  }

  // test_sort
  for (const SIZE of [4, 33]) {
    let x = detrand.rand(tg, [4, SIZE]);
    let [res1val, res1ind] = tg.sort(x);
    print('sort', SIZE, B(tg.equal(tg.argsort(x), res1ind)), B(tg.equal(x.argsort(), res1ind)), is_ordered('ascending', x, res1val, res1ind));
    if (SIZE === 4) print(res1val, res1ind);
    print('sort simple', tg.sort(long([50, 40, 30, 20, 10]))[0]);
    x = tg.floor(detrand.rand(tg, [4, SIZE]).mul(10));
    let [res2val, res2ind] = tg.sort(x, { stable: true });
    print('sort duplicates', is_ordered('ascending', x, res2val, res2ind), res2ind.index(0));
    x = detrand.rand(tg, [4, SIZE]);
    [res1val, res1ind] = tg.sort(x, x.dim() - 1, true);
    print('sort descending', B(tg.equal(tg.argsort(x, x.dim() - 1, true), res1ind)), B(tg.equal(x.argsort(x.dim() - 1, true), res1ind)),
      is_ordered('descending', x, res1val, res1ind));
    print('sort simple descending', tg.sort(long([10, 20, 30, 40, 50]), 0, true)[0]);
    x = detrand.rand(tg, [4, SIZE]);
    x.indexPut_([1, 2], nan);
    x.indexPut_([3, 0], nan);
    [res2val, res2ind] = tg.sort(x);
    print('sort nan', is_ordered('ascending', x, res2val, res2ind), res2val.index([1, tg.slice(-2)]), res2ind.index([1, -1]), res2ind.index([3, -1]));
    [res2val, res2ind] = tg.sort(x, { descending: true });
    print('sort nan descending', is_ordered('descending', x, res2val, res2ind), res2val.index([3, tg.slice(null, 2)]), res2ind.index([1, 0]), res2ind.index([3, 0]));
  }

  // test_stable_sort
  for (const dtype of ['uint8', 'int8', 'int16', 'int32', 'int64', 'float16', 'bfloat16', 'float32', 'float64']) {
    for (const ncopies of [100, 1000]) {
      const x = tg.tensor(Array.from({ length: 2 * ncopies }, (_, i) => i % 2), { dtype });
      const [, idx] = x.sort({ stable: true });
      print('stable sort', dt(dtype), ncopies,
        B(tg.equal(idx.index([tg.slice(null, ncopies)]), tg.arange(0, 2 * ncopies, 2, { dtype: 'int64' }))),
        B(tg.equal(idx.index([tg.slice(ncopies)]), tg.arange(1, 2 * ncopies, 2, { dtype: 'int64' }))));
    }
  }

  // _test_sort_discontiguous (small sizes)
  function* permutations(a) {
    if (a.length <= 1) {
      yield a.slice();
      return;
    }
    for (let i = 0; i < a.length; i++) for (const p of permutations([...a.slice(0, i), ...a.slice(i + 1)])) yield [a[i], ...p];
  }
  const oks = [];
  for (const shape of permutations([5, 7, 9])) {
    for (const perm of permutations([0, 1, 2])) {
      for (let dim = 0; dim < 3; dim++) {
        const t = detrand.randn(tg, shape).permute(perm);
        const r1 = t.sort({ dim });
        const r2 = t.contiguous().sort({ dim });
        const n = t.size(dim);
        oks.push(tuple([B(tg.equal(r1.values, r2.values)), B(tg.equal(r1.indices, r2.indices)),
          B(r1.values.narrow(dim, 1, n - 1).ge(r1.values.narrow(dim, 0, n - 1)).all().item()),
          B(t.unsqueeze(-1).transpose(dim, -1).eq(r1.values.unsqueeze(-1)).any({ dim }).any({ dim: -1 }).all().item())]));
      }
    }
  }
  print('sort discontiguous', oks.length, list([...new Set(oks)].sort()));

  // test_stable_sort_against_numpy (the stable indices)
  function* subsetsOf(items) {
    // chain.from_iterable(combinations(items, r) for r in 1..n), in itertools' order
    function* comb(start, r, prefix) {
      if (prefix.length === r) {
        yield prefix;
        return;
      }
      for (let i = start; i < items.length; i++) yield* comb(i + 1, r, [...prefix, items[i]]);
    }
    for (let r = 1; r <= items.length; r++) yield* comb(0, r, []);
  }
  const IINFO = { int8: [-128, 127], int32: [-2147483648, 2147483647], int64: [-(2n ** 63n), 2n ** 63n - 1n] };
  for (const dtype of ['int8', 'int32', 'int64', 'float32', 'float64']) {
    let inf, neg_inf, nan_;
    if (dtype.startsWith('float')) [inf, neg_inf, nan_] = [Infinity, -Infinity, NaN];
    else {
      [neg_inf, inf] = IINFO[dtype];
      nan_ = inf;
    }
    for (const sizes of [[1, 10], [10, 1], [10, 10]]) {
      const size = Math.min(...sizes);
      const x = detrand.randn(tg, sizes).mul(size).to(dtype);
      let [, idx] = x.sort({ dim: 0, stable: true });
      print('stable', dt(dtype), tuple(sizes), list(idx.flatten().tolist()));
      for (let dim = 0; dim < sizes.length; dim++) {
        const idxs = [0, 1, 2].map(() => detrand.randint(tg, 0, size, [Math.max(Math.floor(size / 10), 1)]));
        const vals = [inf, neg_inf, nan_];
        for (const subset of subsetsOf(idxs.map((i, k) => [i, vals[k]]))) {
          let res = x;
          for (const [i, v] of subset) res = res.indexFill(dim, i, v);
          [, idx] = res.sort({ dim, stable: true });
          print('stable fill', dt(dtype), tuple(sizes), dim, list(idx.flatten().tolist()));
        }
      }
    }
  }

  // test_msort
  for (const dtype of ['int16', 'int32', 'int64', 'float32', 'float64']) {
    for (const shape of [[], [0], [20], [1, 20], [5, 4]]) {
      const tensor = shape.length ? detrand.rand(tg, shape, { dtype: 'float64' }).mul(18).sub(9).to(dtype) : tg.tensor(3, { dtype });
      print('msort', dt(dtype), list(shape), tg.msort(tensor));
    }
  }

  // test_topk
  const topk_via_sort = (t, k, dim, dir) => {
    const [sorted, indices] = t.sort(dim, dir);
    return [sorted.narrow(dim, 0, k), indices.narrow(dim, 0, k)];
  };
  const t = detrand.rand(tg, [randint(1, 12), randint(1, 12), randint(1, 12)]);
  for (let kTries = 0; kTries < 3; kTries++) {
    for (let dimTries = 0; dimTries < 3; dimTries++) {
      for (const transpose of [true, false]) {
        for (const dir of [true, false]) {
          let testTensor = t;
          if (transpose) {
            const dim1 = randint(0, t.ndimension() - 1);
            let dim2 = dim1;
            while (dim1 === dim2) dim2 = randint(0, t.ndimension() - 1);
            testTensor = t.transpose(dim1, dim2);
          }
          const dim = randint(0, testTensor.ndimension() - 1);
          const k = randint(1, testTensor.size(dim));
          const [topKVal, topKInd] = testTensor.topk(k, dim, dir, true);
          const [sortKVal] = topk_via_sort(testTensor, k, dim, dir);
          print('topk', list(testTensor.shape), k, dim, B(dir), B(tg.equal(topKVal, sortKVal)),
            B(tg.equal(testTensor.gather(dim, topKInd), sortKVal)), topKVal.sum());
        }
      }
    }
  }

  // test_topk_arguments
  const q = detrand.randn(tg, [10, 2, 10]);
  attempt('topk(4, True)', () => list(q.topk(4, true)[0].shape));

  // test_unique_dim
  const show = (r) => (r instanceof tg.Tensor ? String(r) : tuple(r.map(String)));
  for (const dtype of ['float32', 'float64', 'int64', 'uint8', 'bool']) {
    const x = tg.tensor([[[1, 1], [0, 1], [2, 1], [0, 1]], [[1, 1], [0, 1], [2, 1], [0, 1]]], { dtype });
    for (const dim of [0, 1, 2]) {
      print('unique dim', dt(dtype), dim, tg.unique(x, { dim }));
      print('unique dim inverse counts', dt(dtype), dim, show(tg.unique(x, { returnInverse: true, returnCounts: true, dim }).slice(1)));
      print('unique dim counts', dt(dtype), dim, tg.unique(x, { returnInverse: false, returnCounts: true, dim })[1]);
    }
    print('unique dim empty', dt(dtype), show(tg.unique(tg.empty([5, 0], { dtype }), { returnInverse: true, returnCounts: true, dim: 1 })));
    attempt(`unique dim ill-formed ${dt(dtype)}`, () => show(tg.unique(tg.empty([5, 0, 0], { dtype }), { returnInverse: true, returnCounts: true, dim: 1 })));
    attempt(`unique dim ill-formed 2 ${dt(dtype)}`, () => show(tg.unique(tg.empty([5, 0, 5], { dtype }), { returnInverse: true, returnCounts: true, dim: 2 })));
    const y = tg.tensor([[0, 1], [0, 1], [0, 1], [1, 2], [1, 2], [3, 4], [0, 1], [0, 1], [3, 4], [1, 2]], { dtype });
    print('unique_consecutive dim', dt(dtype), show(tg.uniqueConsecutive(y, { returnInverse: true, returnCounts: true, dim: 0 })));
  }

  // test_topk_integral
  for (const [dtype, lo, hi] of [['int8', -128, 127], ['uint8', 0, 255], ['int16', -32768, 32767],
    ['int32', -(2 ** 31), 2 ** 31 - 1], ['int64', -(2 ** 40), 2 ** 40]]) {
    const a = detrand.rand(tg, [10], { dtype: 'float64' }).mul(hi - lo).add(lo).floor().to(dtype);
    const sort_topk = a.sort()[0].index([tg.slice(-5)]).flip(0);
    const topk = a.topk(5);
    print('topk integral', dt(dtype), topk[0], B(tg.equal(sort_topk, topk[0])), B(tg.equal(sort_topk, a.index([topk[1]]))));
  }

  // test_topk_nonfinite
  for (const dtype of ['float32', 'float64']) {
    const x = tg.tensor([NaN, Infinity, 1e4, 0, -1e4, -Infinity], { dtype });
    print('topk nonfinite', x.topk(4), x.topk(4, { largest: false }));
  }

  // test_topk_4d
  let x = tg.ones(2, 3072, 2, 2);
  x.index([S, 1, S, S]).mul_(2);
  x.index([S, 10, S, S]).mul_(1.5);
  const [val4, ind4] = tg.topk(x, { k: 2, dim: 1 });
  print('topk 4d', list(val4.flatten().tolist().map((v) => (Number.isInteger(v) ? `${v}.0` : String(v)))), list(ind4.flatten().tolist()));

  // test_topk_zero
  for (const dtype of ['uint8', 'int8', 'int16', 'int32', 'int64', 'float32', 'float64']) {
    const t0 = detrand.rand(tg, [2, 2]).to(dtype);
    const [val, idx] = tg.topk(t0, { k: 0, largest: false });
    print('topk zero', dt(dtype), list(val.size()), list(idx.size()), dt(val.dtype), dt(idx.dtype));
  }

  // test_unique, test_unique_consecutive
  function unique_scalar_empty(label, f, dtype) {
    let xs = tg.tensor(0, { dtype });
    print(label, 'scalar', show(f(xs, { returnInverse: true, returnCounts: true })));
    xs = tg.zeros([0, 0, 3], { dtype });
    const [u, i, c] = f(xs, { returnInverse: true, returnCounts: true });
    print(label, 'empty', u, list(i.shape), dt(i.dtype), c);
  }

  for (const dtype of ['bool', 'uint8', 'int8', 'int16', 'int32', 'int64', 'float32', 'float64']) {
    let xc;
    if (dtype === 'bool') {
      x = tg.tensor([true, false, false, false, true, false, true, false], { dtype: 'bool' });
      xc = tg.tensor([true, false, false, false, true, true, false, false, false], { dtype: 'bool' });
    } else {
      x = tg.tensor([1, 2, 3, 2, 8, 5, 2, 3], { dtype });
      xc = tg.tensor([1, 2, 2, 2, 5, 5, 2, 2, 3], { dtype });
    }
    for (const [name, f, xx, shape] of [['unique', (v, kw) => tg.unique(v, { sorted: true, ...kw }), x, [2, 2, 2]],
      ['unique method', (v, kw) => v.unique({ sorted: true, ...kw }), x, [2, 2, 2]],
      ['unique_consecutive', (v, kw) => tg.uniqueConsecutive(v, kw), xc, [3, 3]],
      ['unique_consecutive method', (v, kw) => v.uniqueConsecutive(kw), xc, [3, 3]]]) {
      for (const returnInverse of [true, false]) {
        for (const returnCounts of [true, false]) print(name, dt(dtype), B(returnInverse), B(returnCounts), show(f(xx, { returnInverse, returnCounts })));
      }
      print(name, dt(dtype), 'view', show(f(xx.view(shape), { returnInverse: true, returnCounts: true })));
      unique_scalar_empty(name, f, dtype);
    }
    // unsorted unique: the set of values, and each inverse and count consistent
    for (const returnInverse of [true, false]) {
      for (const returnCounts of [true, false]) {
        let ret = tg.unique(x, { sorted: false, returnInverse, returnCounts });
        ret = ret instanceof tg.Tensor ? [ret] : ret;
        const x_list = x.tolist(), u_list = ret[0].tolist();
        const cmp = (p, q) => Number(p) - Number(q);
        let ok = JSON.stringify([...u_list].sort(cmp)) === JSON.stringify([...new Set(x_list)].sort(cmp));
        if (returnInverse) ok &&= ret[1].tolist().every((j, i) => x_list[i] === u_list[j]);
        if (returnCounts) ok &&= ret[1 + Number(returnInverse)].tolist().every((j, k) => x_list.filter((e) => e === u_list[k]).length === j);
        print('unique unsorted', dt(dtype), B(returnInverse), B(returnCounts), ret.length, B(ok));
      }
    }
  }

  // test_kthvalue
  const SIZE = 30;
  x = detrand.rand(tg, [SIZE, SIZE, SIZE], { dtype: 'float64' });
  const x0 = x.clone();
  let k = randint(1, SIZE);
  let [res1val, res1ind] = tg.kthvalue(x, k, { keepdim: false });
  let [res2val, res2ind] = tg.sort(x);
  print('kthvalue', k, B(tg.equal(res1val, res2val.index([S, S, k - 1]))), B(tg.equal(res1ind, res2ind.index([S, S, k - 1]))), res1val.sum());
  k = randint(1, SIZE);
  [res1val, res1ind] = tg.kthvalue(x, k, 0, { keepdim: false });
  [res2val, res2ind] = tg.sort(x, 0);
  print('kthvalue dim 0', k, B(tg.equal(res1val, res2val.index(k - 1))), B(tg.equal(res1ind, res2ind.index(k - 1))));
  let y = x.narrow(1, 0, 1);
  k = randint(1, SIZE);
  print('kthvalue noncontiguous', k, B(tg.equal(tg.kthvalue(y, k)[0], tg.kthvalue(y.contiguous(), k)[0])),
    B(tg.equal(tg.kthvalue(y, k)[1], tg.kthvalue(y.contiguous(), k)[1])));
  const non_contig_t = tg.tensor([0, -1, 1, -2, 2], { dtype: 'float64' }).index([tg.slice(null, null, 2)]);
  print('kthvalue strided', non_contig_t.kthvalue(2), non_contig_t.contiguous().kthvalue(2));
  print('kthvalue unchanged', B(tg.equal(x, x0)));
  y = tg.tensor([3, 5, 4, 1, 1, 5], { dtype: 'float64' });
  print('kthvalue repeats', tg.kthvalue(y, 3)[0], tg.kthvalue(y, 2)[0]);
  x = detrand.rand(tg, [SIZE, SIZE, SIZE], { dtype: 'float64' });
  x.indexPut_([tg.arange(SIZE, { dtype: 'int64' }), S, detrand.randint(tg, 0, SIZE, [SIZE])], nan);
  const ks = [randint(1, SIZE), 1, SIZE, SIZE - 1];
  [res2val, res2ind] = tg.sort(x);
  for (const kk of ks) {
    [res1val, res1ind] = tg.kthvalue(x, kk, { keepdim: false });
    print('kthvalue nan', kk, B(tg.allclose(res1val, res2val.index([S, S, kk - 1]), { equalNan: true })),
      B(tg.equal(res1ind, res2ind.index([S, S, kk - 1]))), res1val.isnan().sum());
  }

  // test_kthvalue_scalar
  const res = tg.tensor(2.0).kthvalue(1);
  const ref = tg.tensor([2.0]).kthvalue(1);
  print('kthvalue scalar', res, B(tg.equal(res[0], ref[0].squeeze())), B(tg.equal(res[1], ref[1].squeeze())));
}

await runIfMain(import.meta, main);
