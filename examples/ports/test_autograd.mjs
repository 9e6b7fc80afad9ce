// Port of a slice of PyTorch's own test/test_autograd.py (pytorch/pytorch commit
// 0011ee059a1ed8ca92d609383f466095d1bb1fcf): TestAutograd from test_function to test_unused_output, the cases that
// run on the CPU with dense tensors (custom Functions with saveForBackward / markDirty / markNonDifferentiable /
// needsInputGrad, hooks, retainGrad, retainGraph, createGraph, tg.autograd.grad and backward, grad accumulation,
// version-counter errors, noGrad, requiresGrad_, nextFunctions, setitem). test_autograd.py is the twin (its
// header lists what is left out) and test_autograd.expected.txt what it prints under PyTorch 1.13
// (test/ports/test_autograd.test.ts compares). Each assertion prints what it checks; an assertRaises prints the
// error's class (a JS Error or RangeError stands for PyTorch's RuntimeError) and whether the test's regex
// matches its message. The file's torch.set_default_dtype(torch.double) becomes { dtype: 'float64' } at each
// factory (tensorgrad has no default-dtype switch); `x[i] = v` is x.indexPut_(i, v); `with torch.no_grad():` is
// tg.noGrad(() => ...). Run: node examples/ports/test_autograd.mjs
import * as detrand from './detrand.mjs';
import { pyFloat, runIfMain } from './py.mjs';

/** Python's built-in Exception, which the test's backward raises. */
class Exception extends Error {
  name = 'Exception';
}

export function main(tg, print) {
  const S = tg.slice();
  const { Function, gradcheck, gradgradcheck } = tg.autograd;
  const D = { dtype: 'float64' };
  const ones = (...shape) => tg.ones(shape, D);
  const zeros = (...shape) => tg.zeros(shape, D);
  const long = (v) => tg.tensor(v, { dtype: 'int64' });
  detrand.seed(11);
  const randn = (...shape) => detrand.randn(tg, shape, D);
  const rand = (...shape) => detrand.rand(tg, shape, D);

  /** assertEqual of two tensors (or a tensor and None) */
  function same(a, b) {
    if (a === null || b === null) return a === null && b === null;
    return a.shape.join() === b.shape.join() && tg.allclose(a.double(), b.double(), 1e-7, 1e-7);
  }
  /** str() of the Python value the twin prints */
  function py(v, float = false) {
    if (v instanceof tg.Tensor) return py(v.tolist(), v.isFloatingPoint());
    if (typeof v === 'number' && float) return pyFloat(v);
    if (typeof v === 'boolean') return v ? 'True' : 'False';
    if (v === null) return 'None';
    if (Array.isArray(v)) return `[${v.map((e) => py(e, float)).join(', ')}]`;
    return String(v);
  }
  const fl = (x) => pyFloat(x); // a Python float
  const tup = (a) => (a.length === 1 ? `(${a[0]},)` : `(${a.join(', ')})`);
  const check = (name, ...values) => print(name, ...values.map((v) => py(v)));
  function raises(name, fn, regex = '') {
    try {
      fn();
    } catch (e) {
      const cls = e.name === 'Error' || e.name === 'RangeError' ? 'RuntimeError' : e.name;
      print(name, 'raises', cls, py(new RegExp(regex).test(e.message)));
      return;
    }
    print(name, 'no exception');
  }

  // _function_test / test_function
  class MyFunction extends Function {
    static forward(ctx, tensor1, pyscalar, tensor2) {
      ctx.pyscalar = pyscalar;
      ctx.saveForBackward(tensor1, tensor2);
      return tensor1.add(tensor2.mul(pyscalar)).add(tensor1.mul(tensor2));
    }
    static backward(ctx, grad_output) {
      const [var1, var2] = ctx.savedTensors;
      check('test_function backward args', var1 instanceof tg.Tensor, var2 instanceof tg.Tensor, grad_output instanceof tg.Tensor);
      return [grad_output.add(grad_output.mul(var2)), null, grad_output.mul(ctx.pyscalar).add(grad_output.mul(var1))];
    }
  }
  let x = randn(5, 5).requiresGrad_(true);
  let y = randn(5, 5).requiresGrad_(true);
  let result = MyFunction.apply(x, 2, y);
  let go = tg.ones([], { dtype: 'float64', requiresGrad: true });
  result.sum().backward(go, { createGraph: true });
  check('test_function', same(x.grad, y.add(ones(5, 5))), same(y.grad, x.add(ones(5, 5).mul(2))),
    x.grad.gradFn !== null, y.grad.gradFn !== null);

  // test_function_returns_input
  class ReturnsInput extends Function {
    static forward(ctx, x) {
      return x;
    }
    static backward(ctx, grad) {
      return grad.mul(2);
    }
  }
  for (const shape of [[1], []]) {
    const v = tg.ones(shape, { dtype: 'float64', requiresGrad: true });
    ReturnsInput.apply(v).backward();
    check('test_function_returns_input', same(v.grad, tg.full(shape, 2, D)));
    tg.noGrad(() => v.grad.zero_());
    ReturnsInput.apply(v.clone()).backward();
    check('test_function_returns_input clone', same(v.grad, tg.full(shape, 2, D)));
  }

  // test_function_returns_undefined_tensor
  class ReturnsNone extends Function {
    static forward(ctx, x) {
      return x.mul(2);
    }
    static backward() {
      return null;
    }
  }
  x = tg.ones([1], { dtype: 'float64', requiresGrad: true });
  ReturnsNone.apply(x).backward();
  check('test_function_returns_undefined_tensor', x.grad === null);
  ReturnsNone.apply(x.pow(2)).backward();
  check('test_function_returns_undefined_tensor pow', x.grad === null);
  ReturnsNone.apply(x).sum().backward();
  check('test_function_returns_undefined_tensor sum', x.grad === null);
  check('test_function_returns_undefined_tensor grad', tg.autograd.grad(ReturnsNone.apply(x), x, { allowUnused: true })[0] === null);

  // test_custom_function_exception
  class SimulateBackwardError extends Function {
    static forward(ctx, input) {
      return input.clone();
    }
    static backward() {
      throw new Exception('Simulate error on backward pass');
    }
  }
  const t1 = rand(3, 3).requiresGrad_(true);
  const t2 = rand(3, 3).requiresGrad_(true);
  const tmp = t1.add(t2).mul(t1.add(t2));
  const t3 = SimulateBackwardError.apply(tmp);
  raises('test_custom_function_exception', () => t3.sum().backward(), 'Simulate error on backward pass');

  // test_invalid_gradients
  class WrongShapeGrad extends Function {
    static forward(ctx, x) {
      return x.mul(2);
    }
    static backward() {
      return randn(10).float();
    }
  }
  let input = randn(5, 5).float().requiresGrad_(true);
  raises('test_invalid_gradients', () => WrongShapeGrad.apply(input).sum().backward(), 'expected shape');

  // test_accumulate_grad
  let grad_output = ones(5, 5);
  function compute_grad(create_graph) {
    const x = randn(5, 5).requiresGrad_(true);
    const y = x.add(2);
    y.backward(grad_output, { retainGraph: true });
    const x_grad = x.grad;
    const x_grad_clone = x.grad.clone();
    y.backward(grad_output, { createGraph: create_graph });
    return [x_grad, x_grad_clone];
  }
  let [x_grad, x_grad_clone] = compute_grad(false);
  check('test_accumulate_grad in place', same(x_grad, x_grad_clone.mul(2)));
  [x_grad, x_grad_clone] = compute_grad(true);
  check('test_accumulate_grad out of place', same(x_grad, x_grad_clone));

  // test_accumulate_grad_tensor_reference (the dense cases)
  for (const create_graph of [false, true]) {
    const params = tg.tensor([1.5, 1.5], D).requiresGrad_();
    params.grad = tg.tensor([1.5, 1.5], D);
    const grad_saved = params.grad;
    params.backward(tg.tensor([1.5, 1.5], D), { createGraph: create_graph });
    check('test_accumulate_grad_tensor_reference', create_graph, grad_saved === params.grad, params.grad);
  }

  // test_sum_to_with_empty_dim_grad
  let a = rand(4, 0).requiresGrad_(true);
  let b = rand(4, 1).requiresGrad_(true);
  let c = a.add(b);
  check('test_sum_to_with_empty_dim_grad shape', c.shape.join() === '4,0');
  c.sum().backward();
  check('test_sum_to_with_empty_dim_grad', same(b.grad, zeros(4, 1)), same(a.grad, zeros(4, 0)));

  // test_hessian_vector
  x = randn(2, 2).requiresGrad_(true);
  y = randn(2, 2).requiresGrad_(true);
  let z = x.pow(2).add(y.mul(x)).add(y.pow(2));
  z.backward(ones(2, 2), { createGraph: true });
  let y_grad;
  [x_grad, y_grad] = tg.noGrad(() => [x.mul(2).add(y), x.add(y.mul(2))]);
  check('test_hessian_vector grads', same(x.grad, x_grad), same(y.grad, y_grad));
  let grad_sum = x.grad.mul(2).add(y.grad);
  grad_sum.backward(ones(2, 2));
  let x_hv = ones(2, 2).mul(5);
  const y_hv = ones(2, 2).mul(4);
  check('test_hessian_vector', same(x.grad, x_grad.add(x_hv)), same(y.grad, y_grad.add(y_hv)));
  check('test_hessian_vector x.grad', x.grad);

  // test_grad
  x = randn(2, 2).requiresGrad_(true);
  y = randn(2, 2).requiresGrad_(true);
  z = x.pow(2).add(y.mul(x)).add(y.pow(2));
  z.backward(ones(2, 2), { createGraph: true });
  x_grad = x.mul(2).add(y);
  y_grad = x.add(y.mul(2));
  check('test_grad grads', same(x.grad, x_grad), same(y.grad, y_grad));
  grad_sum = x.grad.mul(2).add(y.grad);
  x_hv = tg.autograd.grad({ outputs: [grad_sum], gradOutputs: [ones(2, 2)], inputs: [x], createGraph: true });
  check('test_grad', same(x_hv[0], ones(2, 2).mul(5)), same(x.grad, x_grad), same(y.grad, y_grad));
  const grad_out = ones(2);
  raises('test_grad shape mismatch', () => tg.autograd.grad({ outputs: [grad_sum], gradOutputs: [grad_out], inputs: [x], createGraph: true }),
    'Mismatch in shape');

  // test_grad_nonleaf
  const x_init = randn(2, 2).requiresGrad_(true);
  x = x_init;
  y = randn(2, 2).requiresGrad_(true);
  grad_output = ones(2, 2);
  let fn = (x) => x.pow(2).add(y.mul(x)).add(y.pow(2));
  for (let i = 0; i < 5; i++) {
    const [grad_x] = tg.autograd.grad(fn(x), x, { gradOutputs: grad_output, createGraph: true });
    const grad_x_expected = x.mul(2).add(y);
    check('test_grad_nonleaf step', y.grad === null, x.grad === null, same(grad_x, grad_x_expected));
    x = x.add(grad_x.mul(0.05));
  }
  const val_init = fn(x_init).sum();
  const val_final = fn(x).sum();
  check('test_grad_nonleaf', val_final.gt(val_init).item());
  x.backward(grad_output);
  check('test_grad_nonleaf backward', y.grad !== null, x_init.grad !== null);

  // test_grad_nonleaf_many_outputs
  x = randn(4, 2).requiresGrad_(true);
  [a, b] = x.chunk(2);
  const hook_called = [false];
  x.registerHook(() => {
    hook_called[0] = true;
  });
  go = randn(2, 2);
  const [grad_a, grad_b] = tg.autograd.grad(a.add(b.mul(2)), [a, b], { gradOutputs: go, createGraph: true });
  check('test_grad_nonleaf_many_outputs', same(grad_a, go), same(grad_b, go.mul(2)), hook_called[0], x.grad === null);

  // test_grad_nonleaf_register_hook
  x = randn(5).requiresGrad_(true);
  const x_list = x.unbind();
  const x0 = x_list[0];
  const hook_results = [null];
  x0.registerHook((grad) => {
    hook_results[0] = grad;
  });
  x_list[0].backward();
  let expected_grad = tg.tensor([1, 0, 0, 0, 0], D);
  check('test_grad_nonleaf_register_hook', same(hook_results[0], tg.tensor(1, D)), same(x.grad, expected_grad), x_list[0].grad === null);
  for (let i = 1; i < 5; i++) {
    x_list[i].backward();
    expected_grad.indexPut_(i, 1.0);
    check('test_grad_nonleaf_register_hook', i, hook_results[0] !== null, same(x.grad, expected_grad), x_list[i].grad === null);
  }

  // test_hook_with_no_name
  class MyHookClass {
    call(grad) {
      return grad.clone();
    }
  }
  x = randn(5).requiresGrad_(true).clone();
  const hookObject = new MyHookClass();
  x.registerHook((grad) => hookObject.call(grad)); // a callable object is a function in JavaScript
  x.sum().backward();
  check('test_hook_with_no_name', 'ok');

  // test_sharded_grad
  const leaves = Array.from({ length: 10 }, () => tg.zeros([5, 5], { dtype: 'float64', requiresGrad: true }));
  const intermediates = leaves.map((l, i) => l.mul(i).add(l.mul(l)));
  let loss = intermediates.reduce((acc, v, i) => acc.add(v.mul(i)), intermediates[0].mul(0)).sum(); // sum(v * i ...) from 0
  const group = (l, size) => Array.from({ length: Math.ceil(l.length / size) }, (_, k) => l.slice(k * size, k * size + size));
  const d_intermediates = group(intermediates, 2).flatMap((batch) => tg.autograd.grad(loss, batch));
  tg.autograd.backward(intermediates, d_intermediates);
  check('test_sharded_grad', leaves.map((l, i) => same(l.grad, l.add(1).mul(i * i))));

  // test_backward_badcalls
  x = ones(1);
  raises('test_backward_badcalls', () => x.backward(), 'does not require grad');

  // test_grad_badcalls
  x = ones(1);
  y = x.pow(2);
  raises('test_grad_badcalls x', () => tg.autograd.grad(x, y), 'does not require grad');
  raises('test_grad_badcalls y', () => tg.autograd.grad(y, x), 'does not require grad');
  x = tg.ones([1], { dtype: 'float64', requiresGrad: true });
  y = x.pow(2);
  check('test_grad_badcalls ok', tg.autograd.grad(y, x)[0]);

  // test_grad_unreachable
  x = tg.ones([1], { dtype: 'float64', requiresGrad: true });
  y = tg.ones([1], { dtype: 'float64', requiresGrad: true });
  z = x.mul(2);
  let w = y.mul(2);
  let grad_x, grad_y;
  [grad_x, grad_y] = tg.autograd.grad(x.mul(2), [x, y], { allowUnused: true });
  check('test_grad_unreachable', same(grad_x, x.mul(2)), grad_y === null);
  z = tg.ones([1], { dtype: 'float64', requiresGrad: true });
  let grad_z;
  [grad_x, grad_z] = tg.autograd.grad(x.mul(2), [x, z], { allowUnused: true });
  check('test_grad_unreachable fresh', same(grad_x, x.mul(2)), grad_z === null);
  raises('test_grad_unreachable', () => tg.autograd.grad(x.mul(2), [x, y], { allowUnused: false }), 'Set allow_unused=True');

  // test_hooks
  x = tg.ones([5, 5], { dtype: 'float64', requiresGrad: true });
  y = ones(5, 5).mul(4);
  y.requiresGrad_(true);
  let counter = [0];
  const bw_hook = (inc) => {
    counter[0] += inc;
  };
  z = x.pow(2).add(x.mul(2)).add(x.mul(y)).add(y);
  x.registerHook(() => bw_hook(0));
  const test = z.registerHook(() => bw_hook(1));
  z.backward(ones(5, 5), { retainGraph: true });
  check('test_hooks 1', counter[0]);
  const test2 = z.registerHook(() => bw_hook(2));
  z.backward(ones(5, 5), { retainGraph: true });
  check('test_hooks 2', counter[0]);
  test2.remove();
  z.backward(ones(5, 5), { retainGraph: true });
  check('test_hooks 3', counter[0]);
  const bw_hook_modify = (grad) => grad.mul(2);
  test.remove();
  z.registerHook(bw_hook_modify);
  tg.noGrad(() => y.grad.zero_());
  z.backward(ones(5, 5), { retainGraph: true });
  check('test_hooks modify', same(y.grad, x.add(1).mul(2)));
  y.registerHook(bw_hook_modify);
  tg.noGrad(() => y.grad.zero_());
  z.backward(ones(5, 5));
  check('test_hooks modify leaf', same(y.grad, x.add(1).mul(4)));

  // test_hooks_cpp
  const bn = new tg.nn.BatchNorm1d(5, { affine: false, dtype: 'float64' });
  bn.eval();
  counter = [0];
  x = tg.ones([5, 5], { dtype: 'float64', requiresGrad: true });
  z = bn.call(x);
  z.registerHook((grad) => {
    counter[0] += 1;
    return grad.mul(2);
  });
  z.sum().backward();
  check('test_hooks_cpp', counter[0], tg.allclose(x.grad, ones(5, 5).mul(2), 0, 1e-5));

  // test_hook_none
  class NoneGradientFunction extends Function {
    static forward(ctx, x, y) {
      check('test_hook_none needs_input_grad', ctx.needsInputGrad[0], ctx.needsInputGrad[1]);
      return [x, y];
    }
    static backward(ctx, grad_x) {
      return [grad_x, null];
    }
  }
  const was_called = [false];
  const hook = (grad) => {
    check('test_hook_none hook', grad !== null);
    was_called[0] = true;
  };
  x = randn(5, 5).requiresGrad_(true);
  y = randn(5, 5);
  const [rx, ry] = NoneGradientFunction.apply(x, y);
  rx.registerHook(hook);
  ry.registerHook(hook);
  rx.unbind(0).reduce((acc, row) => acc.add(row), ry).sum().backward(); // sum(rx, ry): ry + rx[0] + rx[1] + ...
  check('test_hook_none', was_called[0]);

  // test_retain_grad
  input = rand(1, 3).requiresGrad_(true);
  const h1 = input.mul(3);
  let out = h1.mul(h1).sum();
  h1.retainGrad();
  h1.retainGrad();
  out.backward({ retainGraph: true });
  check('test_retain_grad', same(h1.mul(2), h1.grad));
  out.backward({ retainGraph: true });
  check('test_retain_grad accumulated', same(h1.mul(4), h1.grad));
  tg.noGrad(() => input.grad.zero_());
  input.retainGrad();
  input.retainGrad();
  out.backward();
  check('test_retain_grad leaf', same(input.mul(18), input.grad));

  // test_backward
  let v = randn(5, 5).requiresGrad_(true);
  x = randn(5, 5).requiresGrad_(true);
  y = rand(5, 5).add(0.1).requiresGrad_(true);
  z = randn(5, 5).requiresGrad_(true);
  grad_output = randn(5, 5);
  v.backward(grad_output);
  check('test_backward leaf', same(v.grad, grad_output));
  a = x.add(y.mul(z)).add(z.pow(2).mul(4).mul(x).div(y));
  a.backward(grad_output);
  x_grad = z.pow(2).mul(4).div(y).add(1);
  y_grad = z.sub(x.mul(4).mul(z.pow(2)).div(y.pow(2)));
  const z_grad = x.mul(8).mul(z).div(y).add(y);
  check('test_backward', same(x.grad, x_grad.mul(grad_output)), same(y.grad, y_grad.mul(grad_output)), same(z.grad, z_grad.mul(grad_output)));

  // test_multi_backward
  x = randn(5, 5).requiresGrad_(true);
  y = randn(5, 5).requiresGrad_(true);
  let q = randn(5, 5).requiresGrad_(true);
  a = randn(5, 5).requiresGrad_(true);
  b = randn(5, 5).requiresGrad_(true);
  const q2 = q.mul(2);
  z = x.add(y).add(q2);
  c = a.mul(b).add(q2);
  const grad_z2 = randn(5, 5);
  const grad_c = randn(5, 5);
  tg.autograd.backward([z, c], [grad_z2, grad_c]);
  check('test_multi_backward', same(x.grad, grad_z2), same(y.grad, grad_z2), same(a.grad, grad_c.mul(b)),
    same(b.grad, grad_c.mul(a)), same(q.grad, grad_c.add(grad_z2).mul(2)));

  // test_multi_backward_no_grad
  x = randn(5, 5).requiresGrad_(true);
  y = randn(5, 5);
  z = x.add(y);
  q = y.mul(2);
  raises('test_multi_backward_no_grad', () => tg.autograd.backward([z, q], [ones(5, 5), ones(5, 5)]));

  // test_dependent_backward
  x = randn(10).requiresGrad_(true);
  y = x.pow(2);
  z = y.pow(3);
  const go_y = randn(10);
  const go_z = randn(10);
  tg.autograd.backward([y, z], [go_y, go_z]);
  check('test_dependent_backward', same(x.grad, x.mul(2).mul(go_y).add(x.pow(5).mul(6).mul(go_z))));

  // test_no_unnecessary_save
  const mu = tg.ones([1], { dtype: 'float64', requiresGrad: true });
  x = tg.empty([1], D);
  loss = 0;
  for (let i = 0; i < 3; i++) {
    x.detach_();
    x.copy_(mu.add(i));
    const ft = tg.tensor([i], D);
    const multiplied = x.mul(ft);
    const s = multiplied.sum();
    loss = typeof loss === 'number' ? s.add(loss) : loss.add_(s); // loss += s
  }
  loss.backward();
  check('test_no_unnecessary_save', mu.grad);

  // test_no_grad
  x = tg.ones([5, 5], { dtype: 'float64', requiresGrad: true });
  y = ones(5, 5).mul(4);
  w = tg.noGrad(() => x.add(y));
  const adder = (x, y) => tg.noGrad(() => x.add(y)); // @torch.no_grad()
  z = adder(x, y);
  check('test_no_grad', w.requiresGrad, w.gradFn === null, z.requiresGrad, z.gradFn === null);
  raises('test_no_grad w', () => w.backward(ones(5, 5)));
  raises('test_no_grad z', () => z.backward(ones(5, 5)));
  tg.noGrad(() => {
    const e1 = tg.isGradEnabled();
    w = adder(x, y);
    check('test_no_grad nested', e1, tg.isGradEnabled());
  });

  // test_no_grad_python_function
  class AddOne extends Function {
    static forward(self, x) {
      return x.add(1);
    }
    static backward(self, dy) {
      return dy;
    }
  }
  x = tg.ones([5, 5], { dtype: 'float64', requiresGrad: true });
  y = tg.noGrad(() => AddOne.apply(x));
  check('test_no_grad_python_function', y.requiresGrad);

  // test_indexing_duplicates
  x = tg.arange(1, 17, D).view(4, 4);
  y = x.clone().requiresGrad_(true);
  let idx = long([1, 1, 3, 2, 1, 2]);
  y.index(idx).sum().backward();
  check('test_indexing_duplicates', y.grad);
  x = tg.arange(1, 17, D).view(4, 4);
  y = x.clone().requiresGrad_(true);
  y.index([[1, 1, 3, 2, 1, 2], [0]]).sum().backward();
  check('test_indexing_duplicates', y.grad);
  y = x.clone().requiresGrad_(true);
  y.index([[[1, 2], [0, 0]], [[0, 1], [1, 1]]]).sum().backward();
  check('test_indexing_duplicates', y.grad);
  x = tg.arange(1, 65, D).view(4, 4, 4);
  y = x.clone().requiresGrad_(true);
  y.index([[1, 1, 1], S, S]).sum().backward();
  check('test_indexing_duplicates', y.grad.sum({ dim: [1, 2] }));

  // test_index_backward_does_not_save_tensor
  a = tg.tensor([1, 0, 0], D);
  b = tg.zeros([3], { dtype: 'float64', requiresGrad: true });
  let tensor = b.add(0);
  tensor.indexPut_(a.ne(0), tensor.index(a.ne(0)));
  tensor.backward(tg.zerosLike(tensor));
  check('test_index_backward_does_not_save_tensor', b.grad);

  // test_requires_grad
  x = randn(5, 5);
  y = randn(5, 5);
  z = randn(5, 5).requiresGrad_(true);
  a = x.add(y);
  b = a.add(z);
  check('test_requires_grad', a.requiresGrad, b.requiresGrad);

  // test_requires_grad_
  x = randn(5, 5);
  y = randn(5, 5).requiresGrad_(true);
  check('test_requires_grad_', x === x.requiresGrad_(), x.requiresGrad, y === y.requiresGrad_(), y.requiresGrad,
    x === x.requiresGrad_(true), y === y.requiresGrad_(true));
  z = x.mul(y);
  raises('test_requires_grad_ non-leaf', () => z.requiresGrad_(false));
  check('test_requires_grad_ z', z === z.requiresGrad_(), z.requiresGrad, z === z.requiresGrad_(true));
  check('test_requires_grad_ off', x === x.requiresGrad_(false), x.requiresGrad, y === y.requiresGrad_(false), y.requiresGrad);

  // test_requires_grad_inplace
  a = randn(5, 5);
  b = randn(5, 5).requiresGrad_(true);
  a.add_(b);
  check('test_requires_grad_inplace', a.requiresGrad);
  a = randn(5, 5).add(0);
  b = randn(5, 5).requiresGrad_(true);
  a.add_(b);
  check('test_requires_grad_inplace non-leaf', a.requiresGrad);

  // test_no_requires_grad_inplace
  a = randn(2, 3);
  a.add_(5);
  a.requiresGrad = true;
  a.sum().backward();
  check('test_no_requires_grad_inplace', same(a.grad, ones(2, 3)));
  a = randn(2, 3);
  b = a.index(S);
  b.add_(5);
  a.requiresGrad = true;
  a.sum().backward();
  check('test_no_requires_grad_inplace view', same(a.grad, ones(2, 3)));
  a = randn(2, 3);
  b = a.index(S);
  a.requiresGrad = true;
  raises('test_no_requires_grad_inplace leaf', () => a.add_(5));
  raises('test_no_requires_grad_inplace view of leaf', () => b.add_(5));

  // test_duplicate_backward_root
  a = randn(5, 5).requiresGrad_(true);
  b = randn(5, 5).requiresGrad_(true);
  x = a.mul(b);
  grad_output = randn(5, 5);
  tg.autograd.backward([x, x], [grad_output, grad_output]);
  check('test_duplicate_backward_root', same(a.grad, b.mul(grad_output).mul(2)), same(b.grad, a.mul(grad_output).mul(2)));

  // test_backward_no_grad
  a = randn(5, 5).requiresGrad_(true);
  b = a.add(2);
  raises('test_backward_no_grad', () => tg.autograd.backward([b], [null]));

  // test_backward_twice_with_saved_values
  const ones3 = () => tg.tensor([1, 1, 1], D);
  b = randn(3).requiresGrad_(true);
  c = zeros(3);
  c.indexPut_([[1, 2]], b.index([[1, 1]]));
  c.backward(ones3());
  raises('test_backward_twice_with_saved_values', () => c.backward(ones3()), 'Specify retain_graph=True');

  // test_backward_twice_retained_graph_with_saved_values
  b = randn(3).requiresGrad_(true);
  c = zeros(3);
  c.indexPut_([[1, 2]], b.index([[1, 1]]));
  c.backward(ones3(), { retainGraph: true });
  c.backward(ones3());
  check('test_backward_twice_retained_graph_with_saved_values', b.grad);

  // test_backward_twice_without_saved_values
  b = randn(3).requiresGrad_(true);
  c = b.add(1);
  c.backward(ones3());
  c.backward(ones3());
  check('test_backward_twice_without_saved_values', b.grad);

  // test_next_functions
  const typeName = (node) => (node === null ? null : node.name.split('::').pop()); // type(fn).__name__
  x = randn(5, 5).requiresGrad_(true);
  y = randn(5, 5).requiresGrad_(true);
  a = x.add(y);
  let next_functions = a.gradFn.nextFunctions;
  check('test_next_functions', a.gradFn !== null, next_functions.length, typeName(next_functions[0][0]), next_functions[0][1],
    typeName(next_functions[1][0]), next_functions[1][1]);
  b = a.add(5);
  next_functions = b.gradFn.nextFunctions;
  check('test_next_functions const', next_functions.length, next_functions[0][0] === a.gradFn, next_functions[1][0]);

  // test_inplace
  x = tg.ones([5, 5], { dtype: 'float64', requiresGrad: true });
  y = ones(5, 5).mul(4).requiresGrad_(true);
  z = x.mul(y);
  q = z.add(y);
  w = z.mul(y);
  z.add_(2);
  q.backward(ones(5, 5), { retainGraph: true });
  raises('test_inplace mul saved', () => w.backward(ones(5, 5)),
    'one of the variables needed for gradient computation has been modified by an inplace operation');
  z = x.mul(y);
  q = z.mul(y);
  let r = z.add(y);
  w = z.add_(y);
  w.backward(ones(5, 5), { retainGraph: true });
  r.backward(ones(5, 5), { retainGraph: true });
  raises('test_inplace dirty', () => q.backward(ones(5, 5)), 'modified by an inplace operation');
  tg.noGrad(() => x.grad.zero_());
  const m = x.div(2);
  z = m.add(y.div(8));
  q = z.mul(y);
  r = z.add(y);
  const prev_version = z._version;
  w = z.exp_();
  check('test_inplace version', z._version !== prev_version);
  r.backward(ones(5, 5), { retainGraph: true });
  check('test_inplace r', same(x.grad, ones(5, 5).div(2)));
  w.backward(ones(5, 5), { retainGraph: true });
  check('test_inplace w', same(x.grad, tg.full([5, 5], (1 + 2.718281828459045) / 2, D)));
  raises('test_inplace q', () => q.backward(ones(5, 5)), 'modified by an inplace operation');
  const leaf = tg.ones([5, 5], { dtype: 'float64', requiresGrad: true });
  x = leaf.clone();
  x.add_(10);
  check('test_inplace clone', same(x, ones(5, 5).mul(11)));
  y = x.add(2);
  y.backward(ones(5, 5));
  check('test_inplace leaf grad', same(leaf.grad, ones(5, 5)));
  z = x.mul(y);
  x.add_(2);
  raises('test_inplace z', () => z.backward(ones(5, 5)), 'modified by an inplace operation');

  // test_mark_non_differentiable
  class MarkMask extends Function {
    static forward(ctx, input) {
      const output = input.gt(0);
      ctx.markNonDifferentiable(output);
      return output;
    }
    static backward(ctx, grad_output) {
      return grad_output.mul(0).to('float64');
    }
  }
  x = randn(5, 5).requiresGrad_(true);
  const mask = MarkMask.apply(x);
  y = x.maskedFill(mask, 0);
  y.sum().backward();
  check('test_mark_non_differentiable', mask.requiresGrad, same(x.grad, mask.logicalNot().double()));

  // test_mark_non_differentiable_mixed
  class MarkMixed extends Function {
    static forward(ctx, input) {
      const a = input.add(1);
      const b = input.add(2);
      ctx.markNonDifferentiable(a);
      return [a, b];
    }
    static backward(ctx, grad_a, grad_b) {
      check('test_mark_non_differentiable_mixed backward', grad_a.eq(0).all().item(), grad_b.eq(1).all().item());
      return grad_b;
    }
  }
  x = randn(5, 5).requiresGrad_(true);
  [a, b] = MarkMixed.apply(x);
  check('test_mark_non_differentiable_mixed', a.requiresGrad, b.requiresGrad);
  b.sum().backward();
  check('test_mark_non_differentiable_mixed grad', same(x.grad, ones(5, 5)));

  // test_mark_non_differentiable_none
  class MarkClone extends Function {
    static forward(ctx, input) {
      const output = input.clone();
      ctx.markNonDifferentiable(output);
      return output;
    }
    static backward() {
      return null;
    }
  }
  x = randn(5, 5).requiresGrad_(true);
  r = MarkClone.apply(x.mul(x));
  r.mul(x).sum().backward();
  check('test_mark_non_differentiable_none', same(x.grad, x.mul(x)));

  // test_return_duplicate
  class DoubleDuplicate extends Function {
    static forward(ctx, x) {
      const output = x.mul(2);
      return [output, output];
    }
    static backward(ctx, grad1, grad2) {
      return grad1.mul(2).add(grad2.mul(2));
    }
  }
  let is_same = [];
  fn = (x) => {
    const [a, b] = DoubleDuplicate.apply(x);
    is_same.push(a === b);
    return a.add(b);
  };
  x = randn(5, 5).requiresGrad_(true);
  check('test_return_duplicate', gradcheck(fn, [x]), gradgradcheck(fn, [x]), is_same.every(Boolean));

  // test_return_duplicate_inplace
  class DoubleInplace extends Function {
    static forward(ctx, x) {
      x.mul_(2);
      ctx.markDirty(x);
      return [x, x];
    }
    static backward(ctx, grad1, grad2) {
      return grad1.mul(2).add(grad2.mul(2));
    }
  }
  is_same = [];
  const inplace_fn = (x) => {
    const [a, b] = DoubleInplace.apply(x.clone());
    is_same.push(a === b);
    return a.add(b);
  };
  x = randn(5, 5).requiresGrad_(true);
  check('test_return_duplicate_inplace', gradcheck(inplace_fn, [x]), gradgradcheck(inplace_fn, [x]), is_same.every(Boolean));
  raises('test_return_duplicate_inplace leaf', () => DoubleInplace.apply(x));

  // _test_setitem / test_setitem
  function _test_setitem(size, index) {
    const x = tg.ones(size, { dtype: 'float64', requiresGrad: true });
    const y = x.add(2);
    const y_version = y._version;
    y.indexPut_(index, 2);
    check('test_setitem version', y._version !== y_version);
    y.backward(tg.ones(size, D));
    const expected_grad = tg.ones(size, D);
    expected_grad.indexPut_(index, 0);
    check('test_setitem', tup(size), same(x.grad, expected_grad), fl(x.grad.sum().item()));
  }
  function _test_setitem_tensor(size, index) {
    let x = tg.ones(size, { dtype: 'float64', requiresGrad: true });
    let y = x.add(2);
    const y_version = y._version;
    const value = tg.full(x.index(index).shape, 7, D);
    value.requiresGrad = true;
    y.indexPut_(index, value);
    check('test_setitem_tensor version', y._version !== y_version);
    y.backward(tg.ones(size, D));
    const expected_grad_input = tg.ones(size, D);
    expected_grad_input.indexPut_(index, 0);
    check('test_setitem_tensor', tup(size), same(x.grad, expected_grad_input), same(value.grad, tg.onesLike(value)));
    x = randn(4).requiresGrad_(true);
    y = zeros(2, 3, 4);
    y.indexPut_(1, x);
    y.backward(randn(2, 3, 4));
    check('test_setitem_tensor broadcast', x.shape.join() === x.grad.shape.join());
  }
  _test_setitem([5, 5], 1);
  _test_setitem([5], 1);
  _test_setitem([1], 0);
  _test_setitem([10], [[0, 4, 2]]);
  _test_setitem([5, 5], [[0, 4], [2, 2]]);
  _test_setitem([5, 5, 5], [S, S, [1, 3]]);
  _test_setitem([5, 5, 5], [S, [1, 3], S]);
  _test_setitem([5, 5, 5], [[1, 3], S, S]);
  _test_setitem([5, 5, 5], [S, [2, 4], [1, 3]]);
  _test_setitem([5, 5, 5], [[1, 3], [2, 4], S]);
  _test_setitem_tensor([5, 5], 3);
  _test_setitem_tensor([5, 5], [[0, 1], [1, 0]]);
  _test_setitem_tensor([5], 3);
  _test_setitem_tensor([5], long([3]).sum());
  _test_setitem_tensor([5], [[0, 1, 2, 3]]);
  _test_setitem_tensor([5, 5, 5], [S, S, [1, 3]]);
  _test_setitem_tensor([5, 5, 5], [S, [1, 3], S]);
  _test_setitem_tensor([5, 5, 5], [[1, 3], S, S]);
  _test_setitem_tensor([5, 5, 5], [S, [2, 4], [1, 3]]);
  _test_setitem_tensor([5, 5, 5], [[1, 3], [2, 4], S]);
  _test_setitem_tensor([5, 5, 5], [long([1, 3]), [2, 4], S]);

  // test_setitem_mask (a fixed mask for bernoulli_)
  const mask2 = rand(5, 5).gt(0.5);
  _test_setitem([5, 5], mask2);
  _test_setitem([5], mask2.index(0));
  _test_setitem([1], mask2.index([0, tg.slice(0, 1)]));
  _test_setitem_tensor([5, 5], mask2);
  _test_setitem_tensor([5], mask2.index(0));

  // test_select_sum
  x = randn(10).requiresGrad_(true);
  check('test_select_sum', gradcheck((x) => x.select(0, 1).sum(), [x]), gradgradcheck((x) => x.select(0, 1).sum(), [x]));

  // test_stack, test_hstack, test_vstack, test_dstack
  for (const [name, op, gshape, parts] of [
    ['test_stack', (ts) => tg.stack(ts, 0), [3, 10, 10], (g) => [g.index(0), g.index(1), g.index(2)]],
    ['test_hstack', tg.hstack, [10, 30], (g) => [g.index([S, tg.slice(0, 10)]), g.index([S, tg.slice(10, 20)]), g.index([S, tg.slice(20, 30)])]],
    ['test_vstack', tg.vstack, [30, 10], (g) => [g.index(tg.slice(0, 10)), g.index(tg.slice(10, 20)), g.index(tg.slice(20, 30))]],
    ['test_dstack', tg.dstack, [10, 10, 3], (g) => [g.index([S, S, 0]), g.index([S, S, 1]), g.index([S, S, 2])]],
  ]) {
    const [x, y, z] = [0, 1, 2].map(() => randn(10, 10).requiresGrad_(true));
    const stacked = op([x, y, z]);
    const grad = randn(...gshape);
    stacked.backward(grad);
    const [gx, gy, gz] = parts(grad);
    check(name, same(x.grad, gx), same(y.grad, gy), same(z.grad, gz), stacked.gradFn.name);
  }
  [x, y, z] = [0, 1, 2].map(() => randn(10).requiresGrad_(true));
  let stacked = tg.hstack([x, y, z]);
  let grad = randn(30);
  stacked.backward(grad);
  check('test_hstack 1-d', same(x.grad, grad.index(tg.slice(0, 10))), same(y.grad, grad.index(tg.slice(10, 20))),
    same(z.grad, grad.index(tg.slice(20, 30))));

  // test_unbind
  stacked = randn(3, 10, 10).requiresGrad_(true);
  [x, y, z] = stacked.unbind();
  grad = randn(3, 10, 10);
  tg.autograd.backward([x, y, z], grad.unbind());
  check('test_unbind', same(stacked.grad, grad));
  for (let i = 0; i < 3; i++) {
    stacked = randn(3, 10, 10).requiresGrad_(true);
    const outs = stacked.unbind();
    const gi = grad.unbind()[i];
    const [g] = tg.autograd.grad(outs[i], stacked, gi);
    const g_expected = tg.stack([0, 1, 2].map((j) => (j === i ? gi : tg.zerosLike(gi))), { dim: 0 });
    check('test_unbind one grad', i, same(g, g_expected));
  }

  // test_put, test_put_accumulate, test_fill
  const root = randn(4, 5).requiresGrad_(true);
  const values = randn(6).requiresGrad_(true);
  for (const [name, idx, acc] of [['test_put', long([1, 2, 3, -1, -2, -3]), false], ['test_put_accumulate', long([1, 2, 3, 1, 2, 3]), true]]) {
    const func = (root, values) => {
      const x = root.clone();
      x.put_(idx, values, { accumulate: acc });
      return x;
    };
    check(name, gradcheck(func, [root, values]), gradgradcheck(func, [root, values]));
  }
  const fill = (root) => {
    const x = root.clone();
    x.fill_(2);
    return x;
  };
  check('test_fill', gradcheck(fill, [root]), gradgradcheck(fill, [root]));

  // test_unused_output
  x = randn(10, 10).requiresGrad_(true);
  let outputs = x.chunk(5);
  let o = outputs[2];
  o = o.mul(4).add(2);
  o.sum().backward();
  expected_grad = zeros(10, 10);
  expected_grad.indexPut_(tg.slice(4, 6), 4);
  check('test_unused_output', same(x.grad, expected_grad));
  tg.noGrad(() => x.grad.zero_());
  grad_output = randn(2, 10);
  outputs = x.chunk(5);
  outputs[0].backward(grad_output);
  expected_grad = zeros(10, 10);
  expected_grad.indexPut_(tg.slice(null, 2), grad_output);
  check('test_unused_output first', same(x.grad, expected_grad));
  void idx;
  void out;
}

await runIfMain(import.meta, main);
