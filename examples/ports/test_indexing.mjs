// Port of a slice of PyTorch's own test/test_indexing.py (pytorch/pytorch commit
// 017943b70f6920c395e3b6dac100e2cd7ecfa92a): TestIndexing.test_index, test_advancedindex for float64 (its
// get/set tables over 2-d, 3-d and 4-d tensors: advanced indices with slices, ellipsis, broadcasting and
// non-adjacent index subspaces, on contiguous, transposed and strided tensors), the integer/None/step/bool-mask
// cases and test_index_put_accumulate_expanded_values. Each assertEqual(actual, expected) prints `actual`, so the
// output is PyTorch 1.13's answer itself; test_indexing.py is the twin (its header lists the stand-ins) and
// test_indexing.expected.txt what it prints (test/ports/test_indexing.test.ts compares). Python's `x[i] = v` is
// x.indexPut_(i, v); an index tuple is an array and a tuple or list entry a nested array; Python's slice(stop)
// is tg.slice(null, stop) (docs/porting.md).
// Run: node examples/ports/test_indexing.mjs
import * as detrand from './detrand.mjs';
import { makeAttempt, runIfMain } from './py.mjs';

export function main(tg, print) {
  const S = tg.slice(), E = '...';
  detrand.seed(3);

  const randrange = (n) => Math.floor(detrand.uniform(1)[0] * n);
  const tup = (a) => (a.length === 1 ? `(${a[0]},)` : `(${a.join(', ')})`); // str(tuple)

  function show(label, x) {
    // What assertEqual's first argument is.
    if (!(x instanceof tg.Tensor)) {
      print(label, x);
      return;
    }
    const v = x.detach().double().flatten();
    const shape = `[${x.shape.join(', ')}]`;
    if (x.numel() <= 16) print(label, shape, v.tolist().map((e) => String(Math.trunc(e))).join(' '));
    else {
      const w = v.mul(tg.arange(x.numel(), { dtype: tg.float64 })).sum();
      print(label, shape, 'sum', Math.trunc(v.sum().item()), 'weighted', Math.trunc(w.item()));
    }
  }

  // show(label, f()), or "raises" (the multi-dimensional mask cases: PyTorch 1.13 refuses some of them)
  const attempt = makeAttempt(print, show);

  function raises(label, f) {
    try {
      f();
      print(label, 'no error');
    } catch {
      print(label, 'raises');
    }
  }

  // -------------------------------------------------------------------------- test_index
  let consec = (size, start = 1) => {
    const sequence = tg.ones(tg.tensor(size).prod(0).item()).cumsum(0);
    sequence.add_(start - 1);
    return sequence.view(...size);
  };

  let reference = consec([3, 3, 3]);

  // empty tensor indexing
  show('empty', reference.index(tg.tensor([], { dtype: tg.long })));

  show('[0]', reference.index(0));
  show('[1]', reference.index(1));
  show('[2]', reference.index(2));
  show('[0, 1]', reference.index([0, 1]));
  show('[0:2]', reference.index(tg.slice(0, 2)));
  show('[2, 2, 2]', reference.index([2, 2, 2]));
  show('[:]', reference.index(S));

  // indexing with Ellipsis
  show('[..., 2]', reference.index([E, 2]));
  show('[0, ..., 2]', reference.index([0, E, 2]));
  show('[0, 2, ...]', reference.index([0, 2, E]));
  show('[..., 2, 2, 2]', reference.index([E, 2, 2, 2]));
  show('[2, ..., 2, 2]', reference.index([2, E, 2, 2]));
  show('[2, 2, ..., 2]', reference.index([2, 2, E, 2]));
  show('[2, 2, 2, ...]', reference.index([2, 2, 2, E]));
  show('[...]', reference.index(E));

  const reference_5d = consec([3, 3, 3, 3, 3]);
  show('5d [..., 1, 0]', reference_5d.index([E, 1, 0]));
  show('5d [2, ..., 1, 0]', reference_5d.index([2, E, 1, 0]));
  show('5d [2, 1, 0, ..., 1]', reference_5d.index([2, 1, 0, E, 1]));
  show('5d [...]', reference_5d.index(E));

  // LongTensor indexing
  reference = consec([5, 5, 5]);
  let idx = tg.tensor([2, 4], { dtype: tg.long });
  show('[idx]', reference.index(idx));

  // None indexing
  show('[2, None]', reference.index([2, null]));
  show('[2, None, None]', reference.index([2, null, null]));
  show('[2:4, None]', reference.index([tg.slice(2, 4), null]));
  show('[None, 2, None, None]', reference.index([null, 2, null, null]));
  show('[None, 2:5, None, None]', reference.index([null, tg.slice(2, 5), null, null]));

  // indexing 0-length slice
  show('[slice(0)]', reference.index(tg.slice(null, 0)));
  show('[slice(0), 2]', reference.index([tg.slice(null, 0), 2]));
  show('[2, slice(0)]', reference.index([2, tg.slice(null, 0)]));
  show('[2, 1:1, 2]', reference.index([2, tg.slice(1, 1), 2]));

  // indexing with step
  reference = consec([10, 10, 10]);
  show('[1:5:2]', reference.index(tg.slice(1, 5, 2)));
  show('[1:6:2]', reference.index(tg.slice(1, 6, 2)));
  show('[1:9:4]', reference.index(tg.slice(1, 9, 4)));
  show('[2:4, 1:5:2]', reference.index([tg.slice(2, 4), tg.slice(1, 5, 2)]));
  show('[3, 1:6:2]', reference.index([3, tg.slice(1, 6, 2)]));
  show('[None, 2, 1:9:4]', reference.index([null, 2, tg.slice(1, 9, 4)]));
  show('[:, 2, 1:6:2]', reference.index([S, 2, tg.slice(1, 6, 2)]));

  const pySlice = (a, start, stop, step) => a.slice(start, stop).filter((_, k) => k % step === 0);
  const lst = Array.from({ length: 10 }, (_, r) => Array.from({ length: 10 }, (_, c) => 10 * r + c));
  const tensor = tg.tensor(lst, { dtype: tg.float64 });
  for (let _ = 0; _ < 100; _++) {
    const idx1_start = randrange(10);
    const idx1_end = idx1_start + randrange(10 - idx1_start + 1 - 1) + 1;
    const idx1_step = randrange(7) + 1;
    const idx1 = tg.slice(idx1_start, idx1_end, idx1_step);
    let lst_indexed, tensor_indexed;
    if (randrange(2) === 0) {
      const idx2_start = randrange(10);
      const idx2_end = idx2_start + randrange(10 - idx2_start + 1 - 1) + 1;
      const idx2_step = randrange(7) + 1;
      const idx2 = tg.slice(idx2_start, idx2_end, idx2_step);
      lst_indexed = pySlice(lst, idx1_start, idx1_end, idx1_step).map((l) => pySlice(l, idx2_start, idx2_end, idx2_step));
      tensor_indexed = tensor.index([idx1, idx2]);
    } else {
      lst_indexed = pySlice(lst, idx1_start, idx1_end, idx1_step);
      tensor_indexed = tensor.index(idx1);
    }
    if (JSON.stringify(tensor_indexed.tolist()) !== JSON.stringify(lst_indexed)) print('slice case differs', idx1, idx1_step);
  }
  print('100 random slices checked');

  raises('[1:9:0]', () => reference.index(tg.slice(1, 9, 0)));
  raises('[1:9:-1]', () => reference.index(tg.slice(1, 9, -1)));
  raises('[1, 1, 1, 1]', () => reference.index([1, 1, 1, 1]));
  raises('[1, 1, 1, 1:1]', () => reference.index([1, 1, 1, tg.slice(1, 1)]));
  raises('[3, 3, 3, 3, 3, 3, 3, 3]', () => reference.index([3, 3, 3, 3, 3, 3, 3, 3]));
  raises('[0.0]', () => reference.index(0.0));
  raises('[0.0, :, 0.0]', () => reference.index([0.0, S, 0.0]));

  // -------------------------------------------------------------------------- test_advancedindex (float64)
  const dtype = tg.float64;

  consec = (size, start = 1) => {
    const numel = size.reduce((a, b) => a * b, 1);
    const sequence = tg.ones(numel, { dtype: tg.float }).cumsum(0);
    sequence.add_(start - 1);
    return sequence.view(...size).to(dtype);
  };

  let choice = 0;
  function ri(indices) {
    // a LongTensor and a list in turn (the test draws LongTensor, list or tuple at random)
    choice += 1;
    if (choice % 2 === 0) return tg.tensor(indices, { dtype: tg.long });
    return [...indices];
  }

  function validate_indexing(x) {
    show('x[[0]]', x.index([[0]]));
    show('x[ri([0]),]', x.index([ri([0])]));
    show('x[ri([3]),]', x.index([ri([3])]));
    show('x[[2, 3, 4]]', x.index([[2, 3, 4]]));
    show('x[ri([2, 3, 4]),]', x.index([ri([2, 3, 4])]));
    show('x[ri([0, 2, 4]),]', x.index([ri([0, 2, 4])]));
  }

  function validate_setting(x) {
    x.indexPut_([[0]], -2);
    show('set x[[0]]', x.index([[0]]));
    x.indexPut_([[0]], -1);
    show('set x[ri([0]),]', x.index([ri([0])]));
    x.indexPut_([[2, 3, 4]], 4);
    show('set x[[2, 3, 4]]', x.index([[2, 3, 4]]));
    x.indexPut_([ri([2, 3, 4])], 3);
    show('set x[ri([2, 3, 4]),]', x.index([ri([2, 3, 4])]));
    x.indexPut_([ri([0, 2, 4])], tg.tensor([5, 4, 3], { dtype }));
    show('set x[ri([0, 2, 4]),]', x.index([ri([0, 2, 4])]));
  }

  // Case 1: Purely Integer Array Indexing
  reference = consec([10]);
  validate_indexing(reference);
  validate_setting(reference);

  // Tensor with stride != 1: strided is [1, 3, 5, 7]
  reference = consec([10]);
  let strided = reference.asStrided([4], [2], 0);
  show('strided[[0]]', strided.index([[0]]));
  show('strided[ri([3]),]', strided.index([ri([3])]));
  show('strided[[1, 2]]', strided.index([[1, 2]]));
  show('strided[ri([[2, 1], [0, 3]]),]', strided.index([ri([[2, 1], [0, 3]])]));

  // stride is [4, 8]
  strided = reference.asStrided([2], [4], 4);
  show('strided[ri([1]),]', strided.index([ri([1])]));
  show('strided[ri([[0, 1], [1, 0]]),]', strided.index([ri([[0, 1], [1, 0]])]));

  // reference is 1 2 / 3 4 / 5 6
  reference = consec([3, 2]);
  show('[ri([0, 1, 2]), ri([0])]', reference.index([ri([0, 1, 2]), ri([0])]));
  show('[ri([0, 1, 2]), ri([1])]', reference.index([ri([0, 1, 2]), ri([1])]));
  show('[ri([2]), ri([1])]', reference.index([ri([2]), ri([1])]));
  show('[(ri([0, 1, 1, 0, 2]), ri([1]))]', reference.index([ri([0, 1, 1, 0, 2]), ri([1])]));
  show('[(ri([0, 0, 1, 1]), ri([0, 1, 0, 0]))]', reference.index([ri([0, 0, 1, 1]), ri([0, 1, 0, 0])]));
  let rows = ri([[0, 0], [1, 2]]);
  let columns = [[0]]; // ([0],)
  show('[rows, ([0],)]', reference.index([rows, columns]));
  rows = ri([[0, 0], [1, 2]]);
  columns = ri([[0, 1], [1, 0]]);
  show('[rows, columns]', reference.index([rows, columns]));

  // setting values
  reference.indexPut_([ri([0]), ri([1])], -1);
  show('set [ri([0]), ri([1])]', reference.index([ri([0]), ri([1])]));
  reference.indexPut_([ri([0, 1, 2]), ri([0])], tg.tensor([-1, 2, -4], { dtype }));
  show('set [ri([0, 1, 2]), ri([0])]', reference.index([ri([0, 1, 2]), ri([0])]));
  reference.indexPut_([rows, columns], tg.tensor([[4, 6], [2, 3]], { dtype }));
  show('set [rows, columns]', reference.index([rows, columns]));
  show('reference', reference);

  // Verify still works with Transposed (i.e. non-contiguous) Tensors
  reference = tg.tensor([[0, 1, 2, 3], [4, 5, 6, 7], [8, 9, 10, 11]], { dtype }).t(); // .t_()
  show('t [ri([0, 1, 2]), ri([1])]', reference.index([ri([0, 1, 2]), ri([1])]));
  show('t [(ri([0, 1, 1, 0, 3]), ri([1]))]', reference.index([ri([0, 1, 1, 0, 3]), ri([1])]));
  rows = ri([[0, 0], [1, 3]]);
  columns = ri([[0, 1], [1, 2]]);
  show('t [rows, columns]', reference.index([rows, columns]));
  reference.indexPut_([ri([0, 1, 2]), ri([0])], tg.tensor([-1, 2, -4], { dtype }));
  reference.indexPut_([rows, columns], tg.tensor([[4, 6], [2, 3]], { dtype }));
  show('t set reference', reference);

  // stride != 1: strided is [[1 3 5 7], [9 11 13 15]]
  reference = tg.arange(0.0, 24, { dtype }).view(3, 8);
  strided = reference.asStrided([2, 4], [8, 2], 1);
  show('s [(ri([1]), ri([0, 1, 1, 0, 3]))]', strided.index([ri([1]), ri([0, 1, 1, 0, 3])]));
  rows = ri([[0, 1], [1, 0]]);
  columns = ri([1, 2]);
  show('s [rows, columns]', strided.index([rows, columns]));

  // setting values: strided is [[10, 11], [17, 18]]
  reference = tg.arange(0.0, 24, { dtype }).view(3, 8);
  strided = reference.asStrided([2, 2], [7, 1], 10);
  strided.indexPut_([ri([0]), ri([1])], -1);
  show('s set [ri([0]), ri([1])]', strided.index([ri([0]), ri([1])]));
  strided.indexPut_([ri([0, 1]), ri([1, 0])], tg.tensor([-1, 2], { dtype }));
  show('s set [ri([0, 1]), ri([1, 0])]', strided.index([ri([0, 1]), ri([1, 0])]));
  rows = ri([[0], [1]]);
  columns = ri([[0, 1], [0, 1]]);
  strided.indexPut_([rows, columns], tg.tensor([[4, 6], [2, 3]], { dtype }));
  show('s set [rows, columns]', strided.index([rows, columns]));
  show('s set reference', reference);

  // Tests using less than the number of dims, and ellipsis
  reference = consec([3, 2]);
  show('[ri([0, 2]),]', reference.index([ri([0, 2])]));
  show('[ri([1]), ...]', reference.index([ri([1]), E]));
  show('[..., ri([1])]', reference.index([E, ri([1])]));

  // verify too many indices fails
  raises('too many indices', () => reference.index([ri([1]), ri([0, 2]), ri([3])]));

  // test invalid index fails
  reference = tg.empty(10, { dtype });
  for (const err_idx of [10, -11]) {
    raises(`[${err_idx}]`, () => reference.index(err_idx));
    raises(`[LongTensor([${err_idx}])]`, () => reference.index(tg.tensor([err_idx], { dtype: tg.long })));
    raises(`[[${err_idx}]]`, () => reference.index([[err_idx]]));
  }

  function get_set_tensor(indexed, indexer) {
    const set_size = indexed.index(indexer).size();
    const set_count = indexed.index(indexer).numel();
    return tg.arange(set_count, { dtype: tg.long }).view(set_size).add(1000).double(); // torch.randperm(set_count)
  }

  const assert_get_eq = (tensor, indexer) => show('get', tensor.index(indexer));

  function assert_set_eq(tensor, indexer, val) {
    const pyt = tensor.clone();
    pyt.indexPut_(indexer, val);
    show('set', pyt);
  }

  reference = tg.arange(0.0, 20, { dtype }).view(4, 5);
  let indices_to_test = [
    [S, [1, 3]],
    [[0, 2], S],
    [S, [[0, 1], [2, 3]]],
    [[-1], [0]],
    [[0, 2], [-1]],
    [S, [-1]],
  ];
  const get_indices_to_test = [...indices_to_test, [S, [0, 1, 1, 2, 2]]];
  for (const indexer of get_indices_to_test) assert_get_eq(reference, indexer);
  for (const indexer of indices_to_test) {
    assert_set_eq(reference, indexer, 44);
    assert_set_eq(reference, indexer, get_set_tensor(reference, indexer));
  }

  reference = tg.arange(0.0, 160, { dtype }).view(4, 8, 5);
  indices_to_test = [
    [S, S, [0, 3, 4]], [S, [2, 4, 5, 7], S], [[2, 3], S, S], [S, [0, 2, 3], [1, 3, 4]], [S, [0], [1, 2, 4]],
    [S, [0, 1, 3], [4]], [S, [[0, 1], [1, 0]], [[2, 3]]], [S, [[0, 1], [2, 3]], [[0]]],
    [S, [[5, 6]], [[0, 3], [4, 4]]], [[0, 2, 3], [1, 3, 4], S], [[0], [1, 2, 4], S], [[0, 1, 3], [4], S],
    [[[0, 1], [1, 0]], [[2, 1], [3, 5]], S], [[[0, 1], [1, 0]], [[2, 3]], S], [[[0, 1], [2, 3]], [[0]], S],
    [[[2, 1]], [[0, 3], [4, 4]], S], [[[2]], [[0, 3], [4, 1]], S],
    // non-contiguous indexing subspace
    [[0, 2, 3], S, [1, 3, 4]],
    // less dim, ellipsis
    [[0, 2]], [[0, 2], S], [[0, 2], E], [[0, 2], S, E], [[0, 2], E, S], [[0, 2], [1, 3]], [[0, 2], [1, 3], E],
    [E, [1, 3], [2, 3]], [E, [2, 3, 4]], [E, S, [2, 3, 4]], [S, E, [2, 3, 4]],
    // ellipsis counts for nothing
    [E, S, S, [0, 3, 4]], [S, E, S, [0, 3, 4]], [S, S, E, [0, 3, 4]], [S, S, [0, 3, 4], E],
    [E, [[0, 1], [1, 0]], [[2, 1], [3, 5]], S], [[[0, 1], [1, 0]], [[2, 1], [3, 5]], E, S],
    [[[0, 1], [1, 0]], [[2, 1], [3, 5]], S, E],
  ];
  for (const indexer of indices_to_test) {
    assert_get_eq(reference, indexer);
    assert_set_eq(reference, indexer, 212);
    assert_set_eq(reference, indexer, get_set_tensor(reference, indexer));
  }

  reference = tg.arange(0.0, 1296, { dtype }).view(3, 9, 8, 6);
  indices_to_test = [
    [S, S, S, [0, 3, 4]], [S, S, [2, 4, 5, 7], S], [S, [2, 3], S, S], [[1, 2], S, S, S], [S, S, [0, 2, 3], [1, 3, 4]],
    [S, S, [0], [1, 2, 4]], [S, S, [0, 1, 3], [4]], [S, S, [[0, 1], [1, 0]], [[2, 3]]],
    [S, S, [[0, 1], [2, 3]], [[0]]], [S, S, [[5, 6]], [[0, 3], [4, 4]]], [S, [0, 2, 3], [1, 3, 4], S],
    [S, [0], [1, 2, 4], S], [S, [0, 1, 3], [4], S], [S, [[0, 1], [3, 4]], [[2, 3], [0, 1]], S],
    [S, [[0, 1], [3, 4]], [[2, 3]], S], [S, [[0, 1], [3, 2]], [[0]], S], [S, [[2, 1]], [[0, 3], [6, 4]], S],
    [S, [[2]], [[0, 3], [4, 2]], S], [[0, 1, 2], [1, 3, 4], S, S], [[0], [1, 2, 4], S, S], [[0, 1, 2], [4], S, S],
    [[[0, 1], [0, 2]], [[2, 4], [1, 5]], S, S], [[[0, 1], [1, 2]], [[2, 0]], S, S], [[[2, 2]], [[0, 3], [4, 5]], S, S],
    [[[2]], [[0, 3], [4, 5]], S, S], [S, [3, 4, 6], [0, 2, 3], [1, 3, 4]], [S, [2, 3, 4], [1, 3, 4], [4]],
    [S, [0, 1, 3], [4], [1, 3, 4]], [S, [6], [0, 2, 3], [1, 3, 4]], [S, [2, 3, 5], [3], [4]],
    [S, [0], [4], [1, 3, 4]], [S, [6], [0, 2, 3], [1]], [S, [[0, 3], [3, 6]], [[0, 1], [1, 3]], [[5, 3], [1, 2]]],
    [[2, 2, 1], [0, 2, 3], [1, 3, 4], S], [[2, 0, 1], [1, 2, 3], [4], S], [[0, 1, 2], [4], [1, 3, 4], S],
    [[0], [0, 2, 3], [1, 3, 4], S], [[0, 2, 1], [3], [4], S], [[0], [4], [1, 3, 4], S], [[1], [0, 2, 3], [1], S],
    [[[1, 2], [1, 2]], [[0, 1], [2, 3]], [[2, 3], [3, 5]], S],
    // less dim, ellipsis
    [E, [0, 3, 4]], [E, S, [0, 3, 4]], [E, S, S, [0, 3, 4]], [S, E, [0, 3, 4]], [S, S, E, [0, 3, 4]],
    [S, [0, 2, 3], [1, 3, 4]], [S, [0, 2, 3], [1, 3, 4], E], [E, [0, 2, 3], [1, 3, 4], S], [[0], [1, 2, 4]],
    [[0], [1, 2, 4], S], [[0], [1, 2, 4], E], [[0], [1, 2, 4], E, S], [[1]], [[0, 2, 1], [3], [4]],
    [[0, 2, 1], [3], [4], S], [[0, 2, 1], [3], [4], E], [E, [0, 2, 1], [3], [4]],
  ];
  for (const indexer of indices_to_test) {
    assert_get_eq(reference, indexer);
    assert_set_eq(reference, indexer, 1333);
    assert_set_eq(reference, indexer, get_set_tensor(reference, indexer));
  }
  indices_to_test.push(
    [S, S, [[0, 1], [1, 0]], [[2, 3], [3, 0]]],
    [S, S, [[2]], [[0, 3], [4, 4]]],
  );
  for (const indexer of indices_to_test) {
    assert_get_eq(reference, indexer);
    assert_set_eq(reference, indexer, 1333);
  }

  // -------------------------------------------------------------------------- test_single_int ... masks
  reference = tg.arange(0, 123344, { dtype: tg.int });
  show('big', reference.index([[0, 123, 44488, 68807, 123343]]));

  let z = detrand.randn(tg, [4, 3]);
  const w = tg.tensor(1.0, { requiresGrad: true });
  z.indexPut_([S, 0], w);
  z.sum().backward();
  show('w.grad', w.grad);

  let v = detrand.randn(tg, [5, 7, 3]);
  show('v[4].shape', tup(v.index(4).shape));
  show('v[4, :, 1].shape', tup(v.index([4, S, 1]).shape));
  show('v[None].shape', tup(v.index(null).shape));
  show('v[:, None].shape', tup(v.index([S, null]).shape));
  show('v[:, None, None].shape', tup(v.index([S, null, null]).shape));
  show('v[..., None].shape', tup(v.index([E, null]).shape));

  v = tg.arange(10, { dtype: tg.long });
  show('v[::1]', v.index(tg.slice(null, null, 1)));
  show('v[::2]', v.index(tg.slice(null, null, 2)));
  show('v[::3]', v.index(tg.slice(null, null, 3)));
  show('v[::11]', v.index(tg.slice(null, null, 11)));
  show('v[1:6:2]', v.index(tg.slice(1, 6, 2)));

  v = tg.zeros(4, 4);
  v.indexPut_([0, tg.slice(1, null, 2)], tg.tensor([3.0, 4.0]));
  show('step assignment', v);

  v = tg.arange(105.0).view(5, 7, 3);
  let boolIndices = tg.tensor([true, false, true, true, false], { dtype: tg.bool });
  show('v[boolIndices]', v.index(boolIndices));
  v = tg.tensor([true, false, true], { dtype: tg.bool });
  boolIndices = tg.tensor([true, false, false], { dtype: tg.bool });
  show('bool v[boolIndices]', v.index(boolIndices));

  let mask = tg.zeros([10], { dtype: tg.bool });
  const y = tg.ones([10, 10]);
  y.indexPut_([mask], y.index(mask), { accumulate: true });
  show('bool accumulate', y);

  v = tg.arange(105.0).view(5, 7, 3);
  const mask1 = tg.tensor([1, 0, 1, 1, 0], { dtype: tg.bool });
  const mask2 = tg.tensor([1, 1, 1], { dtype: tg.bool });
  show('v[mask1, :, mask2]', v.index([mask1, S, mask2]));

  let x = tg.arange(12.0).view(2, 2, 3);
  const b = [[true, false], [false, false]];
  const m = tg.tensor(b, { dtype: tg.bool });
  z = tg.tensor(0, { dtype: tg.long });
  let t = tg.tensor(true);
  const f = tg.tensor(false);
  attempt('x[m]', () => x.index(m));
  attempt('x[m, ::2]', () => x.index([m, tg.slice(null, null, 2)]));
  attempt('x[m, None]', () => x.index([m, null]));
  attempt('x[m, 0]', () => x.index([m, 0]));
  attempt('x[m, z]', () => x.index([m, z]));
  attempt('x[m, True]', () => x.index([m, true]));
  attempt('x[m, True, True, True, True]', () => x.index([m, true, true, true, true]));
  attempt('x[m, False]', () => x.index([m, false]));
  attempt('x[m, True, True, False, True]', () => x.index([m, true, true, false, true]));
  attempt('x[m, t]', () => x.index([m, t]));
  attempt('x[m, f]', () => x.index([m, f]));

  x = tg.arange(60.0).view(3, 2, 2, 5);
  attempt('x[:, m, :]', () => x.index([S, m, S]));
  attempt('x[0, m, ::2]', () => x.index([0, m, tg.slice(null, null, 2)]));
  attempt('x[..., m, ::2]', () => x.index([E, m, tg.slice(null, null, 2)]));
  attempt('x[None, ..., m, ::2]', () => x.index([null, E, m, tg.slice(null, null, 2)]));

  v = tg.tensor([[1, 2], [3, 4]], { dtype: tg.long });
  mask = tg.tensor([1, 0], { dtype: tg.bool });
  v.indexPut_([mask, S], 0);
  show('v[mask, :] = 0', v);
  v = tg.tensor([[1, 2], [3, 4]], { dtype: tg.long });
  v.indexPut_([S, mask], 0);
  show('v[:, mask] = 0', v);

  v = tg.tensor([[[[1], [2]], [[3], [4]]]], { dtype: tg.long });
  mask = tg.tensor([[1, 0], [0, 1]], { dtype: tg.bool });
  v.indexPut_([S, mask, S], 0);
  show('v[:, mask, :] = 0', v);

  v = tg.tensor([1.0]);
  show('v[v == 0]', v.index(v.eq(0)));

  // test_index_put_accumulate_expanded_values
  t = tg.zeros([5, 2]);
  let indices = [tg.tensor([0, 1, 2, 3], { dtype: tg.long }), tg.tensor([1], { dtype: tg.long })];
  const values0d = tg.tensor(1.0);
  let values1d = tg.tensor([1.0]);
  show('accumulate 0-d', t.indexPut_(indices, values0d, { accumulate: true }));
  show('accumulate 1-d', t.indexPut_(indices, values1d, { accumulate: true }));
  t = tg.zeros(4, 3, 2);
  indices = [
    tg.tensor([0], { dtype: tg.long }),
    tg.arange(3, { dtype: tg.long }).index([S, null]),
    tg.arange(2, { dtype: tg.long }).index([null, S]),
  ];
  values1d = tg.tensor([-1.0, -2.0]);
  const values2d = tg.tensor([[-1.0, -2.0]]);
  show('accumulate broadcast 1-d', t.indexPut_(indices, values1d, { accumulate: true }));
  show('accumulate broadcast 2-d', t.indexPut_(indices, values2d, { accumulate: true }));
}

await runIfMain(import.meta, main);
