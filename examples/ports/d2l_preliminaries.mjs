// Port of the PyTorch cells of Dive into Deep Learning's "Data Manipulation" (chapter_preliminaries/ndarray.md)
// and "Linear Algebra" (chapter_preliminaries/linear-algebra.md), d2l-ai/d2l-en at commit
// 23d7a5aecceee57d1292c56e90cce307f183bb0a, cell by cell; d2l_preliminaries.py is the PyTorch twin and
// d2l_preliminaries.expected.txt what it prints under PyTorch 1.13 (test/ports/d2l_preliminaries.test.ts
// compares). A notebook displays the repr of a cell's last expression; show() prints it (Python's ints,
// floats, tuples and torch.Size through py.mjs). torch.randn draws from detrand.
// Run: node examples/ports/d2l_preliminaries.mjs
import * as detrand from './detrand.mjs';
import { pyBool, pyFloat, pyTuple, runIfMain, torchSize } from './py.mjs';

export function main(tg, print) {
  const show = (v) => print(String(v));
  detrand.seed(3);

  // ---- ndarray.md ----
  let x = tg.arange(12, { dtype: 'float32' });
  show(x);
  show(x.numel());
  show(torchSize(x.shape));
  let X = x.reshape(3, 4);
  show(X);
  show(tg.zeros([2, 3, 4]));
  show(tg.ones([2, 3, 4]));
  show(detrand.randn(tg, [3, 4])); // torch.randn(3, 4)
  show(tg.tensor([[2, 1, 4, 3], [1, 2, 3, 4], [4, 3, 2, 1]], { dtype: 'int64' })); // Python ints: int64
  show(pyTuple(X.index(-1), X.index(tg.slice(1, 3))));
  X.indexPut_([1, 2], 17); // X[1, 2] = 17
  show(X);
  X.indexPut_([tg.slice(null, 2), tg.slice()], 12); // X[:2, :] = 12
  show(X);
  show(tg.exp(x));
  x = tg.tensor([1.0, 2, 4, 8]);
  let y = tg.tensor([2, 2, 2, 2], { dtype: 'int64' });
  show(pyTuple(x.add(y), x.sub(y), x.mul(y), x.div(y), x.pow(y)));
  X = tg.arange(12, { dtype: 'float32' }).reshape([3, 4]);
  let Y = tg.tensor([[2.0, 1, 4, 3], [1, 2, 3, 4], [4, 3, 2, 1]]);
  show(pyTuple(tg.cat([X, Y], { dim: 0 }), tg.cat([X, Y], { dim: 1 })));
  show(X.eq(Y));
  show(X.sum());
  let a = tg.arange(3, { dtype: 'int64' }).reshape([3, 1]);
  let b = tg.arange(2, { dtype: 'int64' }).reshape([1, 2]);
  show(pyTuple(a, b));
  show(a.add(b));
  let before = Y;
  Y = Y.add(X);
  show(pyBool(Y === before)); // id(Y) == before
  const Z = tg.zerosLike(Y);
  before = Z;
  Z.indexPut_([tg.slice()], X.add(Y)); // Z[:] = X + Y
  print('id(Z) unchanged:', pyBool(Z === before));
  before = X;
  X.add_(Y); // X += Y
  show(pyBool(X === before));
  a = tg.tensor([3.5]);
  show(pyTuple(a, pyFloat(a.item()), pyFloat(Number(a)), Math.trunc(Number(a)))); // a, a.item(), float(a), int(a)

  // ---- linear-algebra.md ----
  x = tg.tensor(3.0);
  y = tg.tensor(2.0);
  show(pyTuple(x.add(y), x.mul(y), x.div(y), x.pow(y)));
  x = tg.arange(3, { dtype: 'int64' });
  show(x);
  show(x.index(2));
  show(x.size(0)); // len(x)
  show(torchSize(x.shape));
  let A = tg.arange(6, { dtype: 'int64' }).reshape(3, 2);
  show(A);
  show(A.T);
  A = tg.tensor([[1, 2, 3], [2, 0, 4], [3, 4, 5]], { dtype: 'int64' });
  show(A.eq(A.T));
  show(tg.arange(24, { dtype: 'int64' }).reshape(2, 3, 4));
  A = tg.arange(6, { dtype: 'float32' }).reshape(2, 3);
  let B = A.clone(); // Assign a copy of A to B by allocating new memory
  show(pyTuple(A, A.add(B)));
  show(A.mul(B));
  a = 2;
  X = tg.arange(24, { dtype: 'int64' }).reshape(2, 3, 4);
  show(pyTuple(X.add(a), torchSize(X.mul(a).shape))); // a + X, (a * X).shape
  x = tg.arange(3, { dtype: 'float32' });
  show(pyTuple(x, x.sum()));
  show(pyTuple(torchSize(A.shape), A.sum()));
  show(pyTuple(torchSize(A.shape), torchSize(A.sum({ axis: 0 }).shape)));
  show(pyTuple(torchSize(A.shape), torchSize(A.sum({ axis: 1 }).shape)));
  show(A.sum({ axis: [0, 1] }).eq(A.sum())); // Same as A.sum()
  show(pyTuple(A.mean(), A.sum().div(A.numel())));
  show(pyTuple(A.mean({ axis: 0 }), A.sum({ axis: 0 }).div(A.shape[0])));
  const sum_A = A.sum({ axis: 1, keepdims: true });
  show(pyTuple(sum_A, torchSize(sum_A.shape)));
  show(A.div(sum_A));
  show(A.cumsum({ axis: 0 }));
  y = tg.ones(3, { dtype: 'float32' });
  show(pyTuple(x, y, tg.dot(x, y)));
  show(tg.sum(x.mul(y)));
  show(pyTuple(torchSize(A.shape), torchSize(x.shape), tg.mv(A, x), A.matmul(x)));
  B = tg.ones(3, 4);
  show(pyTuple(tg.mm(A, B), A.matmul(B)));
  const u = tg.tensor([3.0, -4.0]);
  show(tg.norm(u));
  show(tg.abs(u).sum());
  show(tg.norm(tg.ones([4, 9])));
}

await runIfMain(import.meta, main);
