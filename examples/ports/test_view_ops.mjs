// Port of a slice of PyTorch's own test/test_view_ops.py (pytorch/pytorch commit
// 01c12b21da48d378acb804c80e1955c7ac3f55a4): TestViewOps from test_view_tensor_split to
// test_advanced_indexing_assignment plus test_movedim_view. Every view op (tensor_split, hsplit, diagonal,
// select, unbind, expand, narrow, permute, transpose and its aliases, t / T / H / mT / mH, unfold, squeeze,
// unsqueeze, as_strided, view, reshape, flatten, basic indexing, movedim) must return a view whose writes reach
// its base, and the non-view ops (contiguous of a transpose, reshape or flatten that must copy, advanced
// indexing) a copy; as_strided's gradients are gradchecked. test_view_ops.py is the twin (its header lists the
// stand-ins) and test_view_ops.expected.txt what it prints under PyTorch 1.13 (test/ports/test_view_ops.test.ts
// compares). `x[i] = v` is x.indexPut_(i, v); `_base` / `_is_view()` are `base` / `isView()`.
// Run: node examples/ports/test_view_ops.mjs
import * as detrand from './detrand.mjs';
import { pyFloat, runIfMain } from './py.mjs';

/** A Python tuple, printed as one: (1, 2), (1,). */
class Tuple {
  constructor(items) {
    this.items = items;
  }
}

export function main(tg, print) {
  const S = tg.slice();
  const { gradcheck, gradgradcheck } = tg.autograd;
  detrand.seed(5);

  function is_view_of(base, other) {
    if (!other.isView() || other === base || other.base !== base) return false;
    return true;
  }

  // Returns true if v1 and v2 are views of the same base
  function is_view_of_same_base(v1, v2) {
    if (!v1.isView() || v1 === v2) return false;
    return is_view_of(v1.base, v2);
  }

  /** str() of the Python value the twin prints. */
  function py(v) {
    if (v instanceof tg.Tensor) {
      const x = v.item();
      return v.dtype === 'bool' ? py(x) : v.isFloatingPoint() ? pyFloat(x) : String(x);
    }
    if (typeof v === 'boolean') return v ? 'True' : 'False';
    if (v === null) return 'None';
    if (v instanceof Tuple) return v.items.length === 1 ? `(${py(v.items[0])},)` : `(${v.items.map(py).join(', ')})`;
    if (Array.isArray(v)) return `[${v.map(py).join(', ')}]`;
    return String(v);
  }
  const tuple = (a) => new Tuple(a);
  const check = (name, ...values) => print(name, ...values.map(py));

  const make_tensor = (shape, low, high) => detrand.rand(tg, shape).mul(high - low).add(low).floor();

  // test_view_tensor_split
  const a = make_tensor([40, 30], -9, 9);
  const a_split_dim0 = a.tensorSplit(7, 0);
  check('tensor_split dim0', a_split_dim0.map((s) => is_view_of(a, s)), a_split_dim0.map((s) => tuple(s.shape)));
  const a_split_dim1 = a.tensorSplit(7, 1);
  check('tensor_split dim1', a_split_dim1.map((s) => is_view_of(a, s)), a_split_dim1.map((s) => tuple(s.shape)));

  // test_view_tensor_hsplit, vsplit, dsplit
  for (const [name, fn, at] of [['hsplit', tg.hsplit, [2, 0, 2]], ['vsplit', tg.vsplit, [0, 2, 2]], ['dsplit', tg.dsplit, [2, 2, 0]]]) {
    const t = make_tensor([4, 4, 4], -9, 9);
    const parts = fn(t, 2);
    t.indexPut_([2, 2, 2], 7);
    check(name, parts.map((p) => is_view_of(t, p)), parts[1].index(at), t.index([2, 2, 2]));
  }

  // test_diagonal_view
  let t = tg.ones([5, 5]);
  let v = tg.diagonal(t);
  check('diagonal', is_view_of(t, v));
  v.indexPut_([0], 0);
  check('diagonal write', t.index([0, 0]), v.index(0));
  t = tg.ones([3, 3, 3]);
  v = tg.diagonal(t, { offset: 1, dim1: 1, dim2: 2 });
  check('diagonal offset', is_view_of(t, v), tuple(v.shape));
  v.indexPut_([0, 0], 0);
  check('diagonal offset write', t.index([0, 0, 1]), v.index([0, 0]), t.sum());

  // test_select_view
  t = tg.ones([5, 5]);
  v = t.select(0, 2);
  check('select', is_view_of(t, v));
  v.indexPut_([0], 0);
  check('select write', t.index([2, 0]), v.index(0));

  // test_unbind_view
  t = tg.zeros([5, 5]);
  const tup = tg.unbind(t);
  tup.forEach((v, idx) => {
    v.indexPut_([0], idx + 1);
    check('unbind', is_view_of(t, v), t.index([idx, 0]), v.index(0));
  });

  // test_unbind
  let stacked = detrand.randn(tg, [3, 10, 10]).requiresGrad_();
  const [x0, y0, z0] = stacked.unbind();
  const grad = detrand.randn(tg, [3, 10, 10]);
  tg.autograd.backward([x0, y0, z0], grad.unbind());
  check('unbind backward', tg.equal(stacked.grad, grad));
  for (let i = 0; i < 3; i++) {
    stacked = detrand.randn(tg, [3, 10, 10]).requiresGrad_();
    const outs = stacked.unbind();
    const gi = grad.unbind()[i];
    const [g] = tg.autograd.grad(outs[i], stacked, gi);
    const g_expected = tg.stack([0, 1, 2].map((j) => (j === i ? gi : tg.zerosLike(gi))), { dim: 0 });
    check('unbind one grad', i, tg.equal(g, g_expected));
  }
  stacked = detrand.randn(tg, [3, 4, 4], { dtype: tg.double }).requiresGrad_();
  check('unbind gradcheck', gradcheck((x) => x.unbind(), [stacked]));

  // test_expand_view, test_expand_as_view
  t = tg.ones([5, 1]);
  v = t.expand(5, 5);
  check('expand', is_view_of(t, v));
  v.indexPut_([2, 2], 0);
  check('expand write', t.index([2, 0]), v.index([2, 2]), v.index([2, 0]));
  t = tg.ones([5, 1]);
  const e = tg.empty([5, 5]);
  v = t.expandAs(e);
  check('expand_as', is_view_of(t, v));
  v.indexPut_([2, 2], 0);
  check('expand_as write', t.index([2, 0]), v.index([2, 2]));

  // test_narrow_view
  t = tg.ones([5, 5]);
  v = tg.narrow(t, 1, 2, 2);
  check('narrow', is_view_of(t, v));
  v.indexPut_([0, 0], 0);
  check('narrow write', t.index([0, 2]), v.index([0, 0]));

  // test_permute_view
  t = tg.ones([5, 5]);
  v = t.permute(1, 0);
  check('permute', is_view_of(t, v));
  v.indexPut_([0, 1], 0);
  check('permute write', t.index([1, 0]), v.index([0, 1]));

  // test_transpose_view
  for (const [name, fn] of [['swapdims', tg.swapdims], ['swapaxes', tg.swapaxes], ['transpose', tg.transpose]]) {
    t = tg.ones([5, 5]);
    v = fn(t, 0, 1);
    v.indexPut_([0, 1], 0);
    check(name, is_view_of(t, v), t.index([1, 0]), v.index([0, 1]));
  }

  // test_t_view
  t = tg.ones([5, 5]);
  v = t.t();
  v.indexPut_([0, 1], 0);
  check('t', is_view_of(t, v), t.index([1, 0]), v.index([0, 1]));

  // test_T_view
  for (const op of ['T', 'H', 'mT', 'mH']) {
    t = tg.ones([5, 5]);
    v = t[op];
    v.indexPut_([0, 1], 0);
    check(op, is_view_of(t, v), t.index([1, 0]), v.index([0, 1]));
  }

  // test_unfold_view
  t = tg.ones(10);
  v = t.unfold(0, 3, 2);
  v.indexPut_([1, 0], 0);
  check('unfold', is_view_of(t, v), t.index(2), v.index([1, 0]), v.index([0, 2]));

  // test_squeeze_view
  t = tg.ones(5, 1, 5);
  v = tg.squeeze(t);
  check('squeeze', is_view_of(t, v));
  v.indexPut_([0, 1], 0);
  check('squeeze write', v.base === t, t.index([0, 0, 1]));

  // test_unsqueeze_view
  t = tg.ones(5, 5);
  v = tg.unsqueeze(t, 1);
  v.indexPut_([0, 0, 1], 0);
  check('unsqueeze', is_view_of(t, v), t.index([0, 1]), v.index([0, 0, 1]));

  // test_as_strided_view
  t = tg.ones(5, 5);
  v = tg.asStrided(t, [25], [1]);
  v.indexPut_([6], 0);
  check('as_strided', is_view_of(t, v), t.index([1, 1]), v.index(6));

  // test_as_strided_gradients
  function test(x, prepro_fn, size, strides, offset = null) {
    x = x.to(tg.double).detach().requiresGrad_();

    const closure = (x) => {
      if (prepro_fn !== null) x = prepro_fn(x);
      return x.asStrided(size, strides, offset);
    };

    check('as_strided gradcheck', size, strides, offset, gradcheck(closure, [x]), gradgradcheck(closure, [x]));
  }

  test(tg.arange(0, 25, { dtype: tg.long }), (x) => x.view(5, 5), [3, 3], [6, 2], 2);
  // test crazy stride at dim with size 1 case
  test(detrand.randn(tg, [12]), null, [1, 2, 1, 5], [0, 5, 100, 1], 2);
  // test expand case
  test(detrand.randn(tg, [5]), null, [3, 3, 3], [0, 1, 0], 2);
  test(detrand.randn(tg, [5]), null, [3, 3, 3], [0, 0, 0], 4);
  test(detrand.randn(tg, [5]), (x) => x.expand(5, 5), [5, 5], [0, 1], 0);
  // test non-expand overlapping case
  test(detrand.randn(tg, [35]), null, [6, 6], [5, 1], 2);
  test(detrand.randn(tg, [15]), null, [3, 2], [3, 6], 2);
  // test transpose case
  test(detrand.randn(tg, [3, 4]), null, [4, 3], [1, 4]);
  // test "getting things outside the input" case
  const x = detrand.randn(tg, [6, 2]);
  test(x.index(tg.slice(3)), null, [3, 2], [2, 1], 0); // should be all zeros
  check('outside the input', tg.equal(x.index(tg.slice(3)).asStrided([3, 2], [2, 1], 0), x.index(tg.slice(null, 3))));
  // test select on expanded input case
  test(detrand.randn(tg, [2, 3]), (x) => x.expand(10, 2, 3), [2, 3], [3, 1], 0);

  // test_view_view, test_view_as_view
  t = tg.ones(5, 5);
  v = t.view(25);
  v.indexPut_([6], 0);
  check('view', is_view_of(t, v), t.index([1, 1]), v.index(6));
  t = tg.ones(5, 5);
  let e2 = tg.empty([25]);
  v = t.viewAs(e2);
  v.indexPut_([6], 0);
  check('view_as', is_view_of(t, v), t.index([1, 1]), v.index(6));

  // test_contiguous_self, test_contiguous_nonview
  t = tg.ones(5, 5);
  const s = t.contiguous();
  check('contiguous self', s === t);
  t = tg.ones(5, 5);
  let nv = t.t().contiguous();
  nv.indexPut_([0, 0], 0);
  check('contiguous nonview', !is_view_of(t, nv), t.index([0, 0]), nv.index([0, 0]));

  // test_reshape_view, test_reshape_as_view, test_reshape_nonview
  t = tg.ones(5, 5);
  v = tg.reshape(t, [25]);
  v.indexPut_([6], 0);
  check('reshape', is_view_of(t, v), t.index([1, 1]), v.index(6));
  t = tg.ones(5, 5);
  e2 = tg.empty([25]);
  v = t.reshapeAs(e2);
  v.indexPut_([6], 0);
  check('reshape_as', is_view_of(t, v), t.index([1, 1]), v.index(6));
  t = tg.ones(5, 5);
  nv = tg.reshape(t.t(), [25]);
  nv.indexPut_([6], 0);
  check('reshape nonview', !is_view_of(t, nv), t.index([1, 1]), nv.index(6));

  // test_flatten_view
  function test_writes_propagate(name, t, v) {
    const idx_t = Array(t.ndim).fill(0);
    const idx_v = Array(v.ndim).fill(0);
    v.indexPut_(idx_v, 0);
    check(name, t.index(idx_t), v.index(idx_v));
  }

  t = tg.ones(1, 2, 3, 4);
  v = t.flatten();
  check('flatten', is_view_of(t, v));
  test_writes_propagate('flatten write', t, v);
  // zero-dimensional tensor
  t = tg.tensor(1, { dtype: tg.long });
  v = t.flatten();
  test_writes_propagate('flatten 0-d write', t, v);
  check('flatten 0-d', is_view_of(t, v), tuple(v.shape));
  t = tg.ones(1, 2, 3, 4).transpose(2, 3);
  v = t.flatten(0, 1);
  test_writes_propagate('flatten transposed write', t, v);
  check('flatten transposed', is_view_of_same_base(t, v));
  // stride[i] = stride[i + 1] * size[i + 1] is satisfied for 3 groups:
  t = tg.ones(720).asStrided([2, 3, 2, 3, 5, 4], [6, 2, 15, 5, 1, 0]);
  //               [--1--|---2---|-3-] [--1--|----2---|-3-]
  const v1 = t.flatten(0, 1);
  const v2 = v1.flatten(1, 3);
  const v3 = v2.flatten(2, 2);
  test_writes_propagate('flatten groups v1 write', t, v1);
  check('flatten groups v1', is_view_of_same_base(t, v1), tuple(v1.shape), tuple(v1.stride()));
  test_writes_propagate('flatten groups v2 write', t, v2);
  check('flatten groups v2', is_view_of_same_base(t, v2), tuple(v2.shape), tuple(v2.stride()));
  test_writes_propagate('flatten groups v3 write', t, v3);
  check('flatten groups v3', is_view_of_same_base(t, v3), tuple(v3.shape), tuple(v3.stride()));

  // test_flatten_nonview
  function assert_is_nonview(name, t, nv) {
    const idx_t = Array(t.ndim).fill(0);
    const idx_nv = Array(nv.ndim).fill(0);
    const view = nv.isView();
    nv.indexPut_(idx_nv, 0);
    check(name, !view, t.index(idx_t), nv.index(idx_nv));
  }

  t = tg.ones(2, 3, 2, 3).transpose(2, 3);
  nv = t.flatten(1, 3);
  assert_is_nonview('flatten nonview', t, nv);
  t = tg.ones(2, 2).T;
  nv = t.flatten();
  assert_is_nonview('flatten T nonview', t, nv);
  // flatten returns the original object if start_dim=end_dim
  t = tg.ones(2, 2);
  nv = t.flatten(1, 1);
  check('flatten same object', t === nv);

  // test_basic_indexing_slice_view, ellipses, newaxis
  t = tg.ones(5, 5);
  v = t.index([tg.slice(null, 2), tg.slice(null, 3)]);
  v.indexPut_([0, 0], 0);
  check('slice view', is_view_of(t, v), t.index([0, 0]), v.index([0, 0]));
  t = tg.ones(5, 5);
  v = t.index(['...', tg.slice(null, 2)]);
  v.indexPut_([0, 0], 0);
  check('ellipsis view', is_view_of(t, v), t.index([0, 0]), v.index([0, 0]));
  t = tg.ones(5, 5);
  v = t.index([null, tg.slice(null, 2), 3]);
  v.indexPut_([0, 0], 0);
  check('newaxis view', is_view_of(t, v), t.index([0, 3]), v.index([0, 0]));

  // test_advanced_indexing_nonview, assignment
  t = tg.ones(3, 3);
  const rows = tg.tensor([[0, 0], [2, 2]], { dtype: tg.long });
  const cols = tg.tensor([[0, 1], [2, 2]], { dtype: tg.long });
  nv = t.index([rows, cols]);
  nv.indexPut_([1, 1], 0);
  check('advanced nonview', !is_view_of(t, nv), t.index([2, 2]), nv.index([1, 1]));
  t = tg.ones(3, 3);
  t.indexPut_([rows, cols], 0);
  check('advanced assignment', t.index([2, 2]), t.sum());

  // test_movedim_view
  for (const [name, fn] of [['movedim', tg.movedim], ['moveaxis', tg.moveaxis]]) {
    for (const [source, destination] of [[[0, 1], [1, 0]], [0, 1]]) {
      t = tg.zeros(3, 3);
      const out = fn(t, { source, destination });
      for (const [idx_1, idx_2, val] of [[0, 2, 0.25], [1, 1, 0.5], [2, 0, 0.75]]) { // random.randint(0, 2), random.random()
        out.indexPut_([idx_1, idx_2], val);
        check(name, is_view_of(t, out), t.index([idx_2, idx_1]), out.index([idx_1, idx_2]));
      }
    }
  }
  void S;
}

await runIfMain(import.meta, main);
