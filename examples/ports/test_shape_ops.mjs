// Port of a slice of PyTorch's own test/test_shape_ops.py (pytorch/pytorch, TestShapeOps as stored at commit
// 00972c015f0846e856f3fb8d46de73804a55a4de): unbind, tolist, movedim / moveaxis (errors, every src / dst pair with
// negative dims, sequences), diag, diagonal (multi-dim, permuted), trace over the real dtypes, clamp / clip and
// their in-place forms (int64, float32, NaN propagation, NaN bounds, the missing-bound error), flip (five dtypes,
// contiguous and strided, with its errors), fliplr / flipud, rot90 and nonzero. Each assert prints
// the value it checks; test_shape_ops.py is the twin (its header lists the stand-ins) and
// test_shape_ops.expected.txt what it prints under PyTorch 1.13 (test/ports/test_shape_ops.test.ts compares).
// Run: node examples/ports/test_shape_ops.mjs
import * as detrand from './detrand.mjs';
import { makeAttempt, runIfMain } from './py.mjs';

export function main(tg, print) {
  detrand.seed(29);
  const B = (b) => (b ? 'True' : 'False');
  const list = (a) => `[${a.join(', ')}]`;
  const tup = (a) => (a.length === 1 ? `(${a[0]},)` : `(${a.join(', ')})`);
  const dt = (d) => `torch.${d}`;
  const pyList = (a) => list(a.map((v) => (Array.isArray(v) ? pyList(v) : Number.isInteger(v) && typeof v === 'number' ? String(v) : String(v))));
  const floats = (a) => list(a.map((v) => (Array.isArray(v) ? floats(v) : Number.isInteger(v) ? `${v}.0` : String(v))));

  const attempt = makeAttempt(print);

  // test_unbind
  let x = detrand.rand(tg, [2, 3, 4, 5]);
  for (let dim = 0; dim < 4; dim++) {
    const res = tg.unbind(x, dim);
    const res2 = x.unbind(dim);
    const ok = Array.from({ length: x.size(dim) }, (_, i) => tg.equal(x.select(dim, i), res[i]) && tg.equal(x.select(dim, i), res2[i])).every(Boolean);
    print('unbind', dim, res.length, res2.length, B(ok));
  }

  // test_tolist
  print('tolist', list(tg.tensor([]).tolist()), floats(tg.tensor([1.0, 2.0, 3.0]).tolist()),
    pyList(tg.tensor([[1, 2], [3, 4]], { dtype: 'int64' }).tolist()));
  const tensor3D = tg.tensor([[[1, 2], [3, 4]], [[5, 6], [7, 8]]], { dtype: 'int64' });
  const tensorNonContig = tensor3D.select(1, 1);
  print('tolist noncontiguous', B(tensorNonContig.isContiguous()), pyList(tensorNonContig.tolist()));

  // test_movedim_invalid
  for (const dtype of ['int64', 'float32']) {
    x = detrand.randn(tg, [5, 6, 7, 8]).mul(50).to(dtype);
    for (const [name, fn] of [['movedim', tg.movedim], ['moveaxis', tg.moveaxis]]) {
      attempt(`${name} ${dt(dtype)} 5 0`, () => fn(x, 5, 0));
      attempt(`${name} ${dt(dtype)} 0 5`, () => fn(x, 0, 5));
      attempt(`${name} ${dt(dtype)} (1, 0) (0,)`, () => fn(x, [1, 0], [0]));
      attempt(`${name} ${dt(dtype)} (0, 0) (0, 1)`, () => fn(x, [0, 0], [0, 1]));
      attempt(`${name} ${dt(dtype)} (0, 1, 0) (0, 1, 2)`, () => fn(x, [0, 1, 0], [0, 1, 2]));
      attempt(`${name} ${dt(dtype)} (0, 1) (1, 1)`, () => fn(x, [0, 1], [1, 1]));
      attempt(`${name} ${dt(dtype)} (0, 1, 2) (1, 0, 1)`, () => fn(x, [0, 1, 2], [1, 0, 1]));
    }
  }

  // test_movedim (the shapes and where each element lands)
  function* pairs(n) {
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) if (i !== j) yield [i, j];
  }
  for (let nd = 0; nd < 5; nd++) {
    const shape = Array.from({ length: nd }, (_, i) => 2 + i);
    x = tg.arange(1, 1 + shape.reduce((a, b) => a * b, 1), { dtype: 'int64' }).reshape(shape);
    for (const [src_dim, dst_dim] of pairs(nd)) {
      for (const [s, d] of [[src_dim, dst_dim], [src_dim - nd, dst_dim], [src_dim, dst_dim - nd]]) {
        const y = tg.movedim(x, s, d);
        print('movedim', nd, s, d, list(y.shape), pyList(y.flatten().index(tg.slice(null, 6)).tolist()), B(tg.equal(y, tg.moveaxis(x, s, d))));
      }
    }
    if (nd >= 2) {
      for (const src of pairs(nd)) {
        const dst = [src[1], src[0]];
        const y = tg.movedim(x, src, dst);
        print('movedim seq', nd, tup(src), tup(dst), list(y.shape), pyList(y.flatten().index(tg.slice(null, 6)).tolist()));
      }
    }
  }
  x = detrand.randn(tg, [2, 3, 5, 7, 11]);
  print('movedim same', B(tg.equal(tg.movedim(x, [0, 1], [0, 1]), x)), B(tg.equal(tg.movedim(x, 1, 1), x)),
    B(tg.equal(tg.movedim(x, [], []), x)));

  // test_diag, test_diagonal
  x = detrand.rand(tg, [6, 6]);
  print('diag', tg.diag(x), tg.diag(x.ge(0.5)));
  print('diagonal', B(tg.equal(tg.diagonal(x), tg.diag(x))), B(tg.equal(tg.diagonal(x, 2), tg.diag(x, 2))), tg.diagonal(x, 2));

  // test_diagonal_multidim
  x = detrand.randn(tg, [3, 4, 5, 6]);
  for (const args of [[2, 2, 3], [2], [-2, 1, 2], [0, -2, -1]]) {
    const result = tg.diagonal(x, ...args);
    print('diagonal multidim', tup(args), list(result.shape), result.sum());
  }
  const xp = x.permute(1, 2, 3, 0);
  const result = tg.diagonal(xp, 0, -2, -1);
  print('diagonal permuted', list(result.shape), result.sum(), B(result.isContiguous()));

  // test_trace
  for (const dtype of ['uint8', 'int8', 'int16', 'int32', 'int64', 'float32', 'float64']) {
    for (const shape of [[10, 1], [1, 10], [6, 6], [4, 7], [7, 4]]) {
      let t = detrand.rand(tg, shape, { dtype: 'float64' }).mul(18).sub(9);
      t = dtype.startsWith('float') ? t.to(dtype) : t.floor().to(dtype);
      print('trace', dt(dtype), list(shape), t.trace(), B(t.trace().dtype === t.sum().dtype));
    }
  }

  // test_clamp, test_clamp_propagates_nans
  const clamp_ops = [['clamp', (x, lo, hi) => tg.clamp(x, lo, hi)], ['Tensor.clamp', (x, lo, hi) => x.clamp(lo, hi)],
    ['Tensor.clamp_', (x, lo, hi) => x.clamp_(lo, hi)], ['clip', (x, lo, hi) => tg.clip(x, lo, hi)],
    ['Tensor.clip', (x, lo, hi) => x.clip(lo, hi)], ['Tensor.clip_', (x, lo, hi) => x.clip_(lo, hi)]];
  const bounds = [[-10, 10], [-10, null], [null, 10]];
  const py = (v) => (v === null ? 'None' : String(v));
  for (const dtype of ['int64', 'float32']) {
    for (const [name, op] of clamp_ops) {
      for (const [min_val, max_val] of bounds) {
        const X = detrand.rand(tg, [12]).mul(50).sub(25).to(dtype);
        print('clamp', dt(dtype), name, py(min_val), py(max_val), op(X.clone(), min_val, max_val));
      }
    }
  }
  for (const [name, op] of clamp_ops) {
    for (const [min_val, max_val] of bounds) {
      const X = detrand.rand(tg, [12]).mul(50).sub(25);
      X.indexPut_([detrand.randint(tg, 0, 2, [12]).bool()], NaN);
      const Y = op(X.clone(), min_val, max_val);
      print('clamp nan', name, py(min_val), py(max_val), B(tg.equal(tg.isnan(Y), tg.isnan(X))), Y);
    }
  }

  // test_clamp_scalar_nan_bounds
  x = tg.ones(3);
  print('clamp nan bounds', tg.clamp(x, null, NaN), tg.clamp(x, NaN, null));

  // test_clamp_raises_arg_errors
  const X = detrand.randn(tg, [100]);
  attempt('clamp()', () => X.clamp());
  attempt('clamp_()', () => X.clamp_());
  attempt('torch.clamp(X)', () => tg.clamp(X));
  // test_flip (values, wrapped and permuted dims, expanded, transposed, rectangular, no-op edge cases)
  function* perms(a) {
    if (a.length <= 1) {
      yield a.slice();
      return;
    }
    for (let i = 0; i < a.length; i++) for (const p of perms([...a.slice(0, i), ...a.slice(i + 1)])) yield [a[i], ...p];
  }
  const vals = (t) => (t.dtype === 'bool' ? list(t.flatten().tolist().map(B)) : t.isFloatingPoint() ? floats(t.flatten().tolist()) : pyList(t.flatten().tolist()));
  for (const dtype of ['int64', 'float32', 'bool', 'uint8', 'float16']) {
    const data = tg.tensor([1, 2, 3, 4, 5, 6, 7, 8], { dtype }).view(2, 2, 2);
    const nonctg = tg.zeros([2, 2, 4], { dtype }).index(['...', tg.slice(null, null, 2)]).copy_(data);
    for (const in_t of [data, nonctg]) {
      for (const dims of [0, 1, 2, [0, 1], [0, 1, 2]]) {
        const out = in_t.flip(dims);
        const n = in_t.ndim;
        const same = !Array.isArray(dims) ? tg.equal(in_t.flip(-n + dims), out)
          : [...perms(dims)].every((p) => tg.equal(in_t.flip(p), out) && tg.equal(in_t.flip([-n + p[0], ...p.slice(1)]), out));
        print('flip', dt(dtype), B(in_t.isContiguous()), Array.isArray(dims) ? tup(dims) : dims, vals(out), B(same));
      }
    }
  }
  let in_t = tg.tensor([1, 2, 3], { dtype: 'int64' }).view(3, 1).expand(3, 2);
  print('flip expanded', pyList(in_t.flip(0).tolist()), pyList(in_t.flip(1).tolist()));
  in_t = tg.tensor([1, 2, 3, 4, 5, 6, 7, 8], { dtype: 'int64' }).view(2, 2, 2).transpose(0, 1);
  print('flip transposed', pyList(in_t.flip([0, 1, 2]).flatten().tolist()));
  in_t = tg.tensor([1, 2, 3, 4, 5, 6], { dtype: 'int64' }).view(2, 3);
  print('flip rectangular', pyList(in_t.flip(0).tolist()), pyList(in_t.flip(1).tolist()));
  x = detrand.rand(tg, [2, 3, 8, 8]);
  const rev = tg.arange(7, -1, -1, { dtype: 'int64' });
  const every2 = ['...', tg.slice(null, null, 2), tg.slice()];
  print('flip images', B(tg.equal(x.flip(3), x.index(['...', rev]))), B(tg.equal(x.index(every2).flip(3), x.index(every2).index(['...', rev]))),
    x.flip(2).index([1, 2, 0, tg.slice(null, 3)]));
  print('flip noops', tg.tensor([]).flip(0), tg.tensor([]).flip([]), list(tg.zeros([3, 0, 2]).flip(1).shape),
    tg.tensor(5.0).flip(0), tg.tensor([5.0]).flip(0));
  const data3 = detrand.rand(tg, [2, 3, 4]);
  print('flip shapes', list([[0], [1], [2], [0, 1], [0, 2], [1, 2]].map((d) => list(data3.flip(d).size()))));

  // test_flip_errors
  const data2 = detrand.rand(tg, [2, 2, 2]);
  attempt('flip(0, 1, 1)', () => data2.flip(0, 1, 1));
  attempt('flip()', () => data2.flip());
  attempt('flip(0, 1, 2, 3)', () => data2.flip(0, 1, 2, 3));
  attempt('flip(3)', () => data2.flip(3));

  // test_fliplr, test_flipud and their errors
  x = tg.arange(24, { dtype: 'int64' }).view(2, 3, 4);
  print('fliplr', pyList(tg.fliplr(x).flatten().tolist()), 'flipud', pyList(tg.flipud(x).flatten().tolist()));
  attempt('fliplr 1-d', () => tg.fliplr(tg.arange(4, { dtype: 'int64' })));
  attempt('fliplr 0-d', () => tg.fliplr(tg.tensor(42, { dtype: 'int64' })));
  attempt('flipud 0-d', () => tg.flipud(tg.tensor(42, { dtype: 'int64' })));

  // test_rot90
  let data = tg.arange(1, 5, { dtype: 'int64' }).view(2, 2);
  print('rot90', list([0, 1, 2, 3].map((k) => pyList(data.rot90(k, [0, 1]).flatten().tolist()))), pyList(data.rot90().tolist()));
  print('rot90 dims', B(tg.equal(data.rot90(3, [0, 1]), data.rot90(1, [1, 0]))), B(tg.equal(data.rot90(5, [0, 1]), data.rot90(1, [0, 1]))),
    B(tg.equal(data.rot90(3, [0, 1]), data.rot90(-1, [0, 1]))), B(tg.equal(data.rot90(-5, [0, 1]), data.rot90(-1, [0, 1]))));
  attempt('rot90 [0, -3]', () => data.rot90(1, [0, -3]));
  attempt('rot90 [0, 2]', () => data.rot90(1, [0, 2]));
  data = tg.arange(1, 9, { dtype: 'int64' }).view(2, 2, 2);
  print('rot90 3-d', pyList(data.rot90(1, [1, 2]).flatten().tolist()), B(tg.equal(data.rot90(1, [1, -1]), data.rot90(1, [1, 2]))));
  for (const dims of [[0, 3], [1, 1], [0, 1, 2], [0]]) attempt(`rot90 ${list(dims)}`, () => data.rot90(1, dims));

  // test_nonzero
  for (const dtype of ['bool', 'uint8', 'int32', 'int64', 'float32', 'float64', 'float16']) {
    for (const shape of [[12], [12, 1], [1, 12], [6, 2], [3, 2, 2], [5, 5, 5]]) {
      const tensor = detrand.randint(tg, 0, 2, shape).to(dtype);
      const dst1 = tg.nonzero(tensor, { asTuple: false });
      const dst2 = tensor.nonzero({ asTuple: false });
      const tup1 = tg.stack(tg.nonzero(tensor, { asTuple: true })).t();
      const tup2 = tg.stack(tensor.nonzero({ asTuple: true })).t();
      print('nonzero', dt(dtype), tup(shape), list(dst1.shape), dt(dst1.dtype), pyList(dst1.sum(0).tolist()), B(tg.equal(dst1, dst2)),
        B(tg.equal(tup1, dst1)), B(tg.equal(tup2, dst1)));
    }
  }
}

await runIfMain(import.meta, main);
