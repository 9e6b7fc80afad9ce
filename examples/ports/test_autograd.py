# PyTorch twin of test_autograd.mjs: a slice of PyTorch's own test/test_autograd.py (pytorch/pytorch commit
# 0011ee059a1ed8ca92d609383f466095d1bb1fcf), TestAutograd from test_function to test_unused_output: the cases
# that run on the CPU with dense tensors (custom Functions with save_for_backward / mark_dirty /
# mark_non_differentiable / needs_input_grad, hooks, retain_grad, retain_graph, create_graph, torch.autograd.grad
# and backward, grad accumulation, version-counter errors, no_grad, requires_grad_, next_functions, setitem). Each
# assertion prints what it checks (a tensor as its tolist()): assertEqual of tensors prints whether they are equal (same shape and allclose
# at assertEqual's float64 tolerance), assertRaisesRegex prints the exception's class and whether the regex
# matches its message. Stand-ins: torch.randn / torch.rand draw from detrand; the file's
# torch.set_default_dtype(torch.double) is kept, so plain factories make float64 tensors. Left out: legacy
# (non-static) Functions, once_differentiable, UndefinedGrad, sparse tensors, graph_desc's assertExpected files,
# weakref / gc and deep-graph cases, Variable's deprecated attributes.
# Run: /usr/bin/python3 examples/ports/test_autograd.py > examples/ports/test_autograd.expected.txt
import re

import torch
from torch.autograd import Function, gradcheck, gradgradcheck

import detrand

torch.set_default_dtype(torch.double)
detrand.seed(11)


def randn(*shape):
    return detrand.randn(*shape, dtype=torch.double)


def rand(*shape):
    return detrand.rand(*shape, dtype=torch.double)


def same(a, b):
    """assertEqual of two tensors (or a tensor and None)"""
    if a is None or b is None:
        return a is None and b is None
    return tuple(a.shape) == tuple(b.shape) and torch.allclose(a.double(), b.double(), rtol=1e-7, atol=1e-7)


def check(name, *values):
    """prints the values, a tensor as its tolist() (the file's default dtype is float64, which tensorgrad has not)"""
    print(name, *[v.tolist() if isinstance(v, torch.Tensor) else v for v in values])


def raises(name, fn, regex=''):
    try:
        fn()
    except Exception as e:  # noqa: BLE001
        print(name, 'raises', type(e).__name__, re.search(regex, str(e)) is not None)
        return
    print(name, 'no exception')


# _function_test / test_function
class MyFunction(Function):
    @staticmethod
    def forward(ctx, tensor1, pyscalar, tensor2):
        ctx.pyscalar = pyscalar
        ctx.save_for_backward(tensor1, tensor2)
        return tensor1 + pyscalar * tensor2 + tensor1 * tensor2

    @staticmethod
    def backward(ctx, grad_output):
        var1, var2 = ctx.saved_tensors
        check('test_function backward args', isinstance(var1, torch.Tensor), isinstance(var2, torch.Tensor),
              isinstance(grad_output, torch.Tensor))
        return (grad_output + grad_output * var2, None,
                grad_output * ctx.pyscalar + grad_output * var1)


x = randn(5, 5).requires_grad_(True)
y = randn(5, 5).requires_grad_(True)
result = MyFunction.apply(x, 2, y)
go = torch.ones((), requires_grad=True)
result.sum().backward(go, create_graph=True)
check('test_function', same(x.grad, y + torch.ones(5, 5)), same(y.grad, x + torch.ones(5, 5) * 2),
      x.grad.grad_fn is not None, y.grad.grad_fn is not None)


# test_function_returns_input
class ReturnsInput(Function):
    @staticmethod
    def forward(ctx, x):
        return x

    @staticmethod
    def backward(ctx, grad):
        return grad * 2


for shape in [(1,), ()]:
    v = torch.ones(shape, requires_grad=True)
    ReturnsInput.apply(v).backward()
    check('test_function_returns_input', same(v.grad, torch.full(shape, 2.)))
    with torch.no_grad():
        v.grad.zero_()
    ReturnsInput.apply(v.clone()).backward()
    check('test_function_returns_input clone', same(v.grad, torch.full(shape, 2.)))


# test_function_returns_undefined_tensor
class ReturnsNone(Function):
    @staticmethod
    def forward(ctx, x):
        return x * 2

    @staticmethod
    def backward(ctx, grad):
        return None


x = torch.ones(1, requires_grad=True)
ReturnsNone.apply(x).backward()
check('test_function_returns_undefined_tensor', x.grad is None)
ReturnsNone.apply(x ** 2).backward()
check('test_function_returns_undefined_tensor pow', x.grad is None)
ReturnsNone.apply(x).sum().backward()
check('test_function_returns_undefined_tensor sum', x.grad is None)
check('test_function_returns_undefined_tensor grad',
      torch.autograd.grad(ReturnsNone.apply(x), x, allow_unused=True)[0] is None)


# test_custom_function_exception
class SimulateBackwardError(Function):
    @staticmethod
    def forward(ctx, input):
        return input.clone()

    @staticmethod
    def backward(ctx, input):
        raise Exception("Simulate error on backward pass")


t1 = rand(3, 3).requires_grad_(True)
t2 = rand(3, 3).requires_grad_(True)
tmp = (t1 + t2) * (t1 + t2)
t3 = SimulateBackwardError.apply(tmp)
raises('test_custom_function_exception', lambda: t3.sum().backward(), "Simulate error on backward pass")


# test_invalid_gradients
class WrongShapeGrad(Function):
    @staticmethod
    def forward(ctx, x):
        return x * 2

    @staticmethod
    def backward(ctx, grad_output):
        return randn(10).float()


input = randn(5, 5).float().requires_grad_(True)
raises('test_invalid_gradients', lambda: WrongShapeGrad.apply(input).sum().backward(), 'expected shape')

# test_accumulate_grad
grad_output = torch.ones(5, 5)


def compute_grad(create_graph):
    x = randn(5, 5).requires_grad_(True)
    y = x + 2
    y.backward(grad_output, retain_graph=True)
    x_grad = x.grad
    x_grad_clone = x.grad.clone()
    y.backward(grad_output, create_graph=create_graph)
    return x_grad, x_grad_clone


x_grad, x_grad_clone = compute_grad(create_graph=False)
check('test_accumulate_grad in place', same(x_grad, x_grad_clone * 2))
x_grad, x_grad_clone = compute_grad(create_graph=True)
check('test_accumulate_grad out of place', same(x_grad, x_grad_clone))

# test_accumulate_grad_tensor_reference (the dense cases)
for create_graph in (False, True):
    params = torch.tensor([1.5, 1.5]).requires_grad_()
    params.grad = torch.tensor([1.5, 1.5])
    grad_saved = params.grad
    params.backward(torch.tensor([1.5, 1.5]), create_graph=create_graph)
    check('test_accumulate_grad_tensor_reference', create_graph, grad_saved is params.grad, params.grad)

# test_sum_to_with_empty_dim_grad
a = rand(4, 0).requires_grad_(True)
b = rand(4, 1).requires_grad_(True)
c = a + b
check('test_sum_to_with_empty_dim_grad shape', tuple(c.shape) == (4, 0))
c.sum().backward()
check('test_sum_to_with_empty_dim_grad', same(b.grad, torch.zeros(4, 1)), same(a.grad, torch.zeros(4, 0)))

# test_hessian_vector
x = randn(2, 2).requires_grad_(True)
y = randn(2, 2).requires_grad_(True)
z = x ** 2 + y * x + y ** 2
z.backward(torch.ones(2, 2), create_graph=True)
with torch.no_grad():
    x_grad = 2 * x + y
    y_grad = x + 2 * y
check('test_hessian_vector grads', same(x.grad, x_grad), same(y.grad, y_grad))
grad_sum = 2 * x.grad + y.grad
grad_sum.backward(torch.ones(2, 2))
x_hv = torch.ones(2, 2) * 5
y_hv = torch.ones(2, 2) * 4
check('test_hessian_vector', same(x.grad, x_grad + x_hv), same(y.grad, y_grad + y_hv))
check('test_hessian_vector x.grad', x.grad)

# test_grad
x = randn(2, 2).requires_grad_(True)
y = randn(2, 2).requires_grad_(True)
z = x ** 2 + y * x + y ** 2
z.backward(torch.ones(2, 2), create_graph=True)
x_grad = 2 * x + y
y_grad = x + 2 * y
check('test_grad grads', same(x.grad, x_grad), same(y.grad, y_grad))
grad_sum = 2 * x.grad + y.grad
x_hv = torch.autograd.grad(outputs=[grad_sum], grad_outputs=[torch.ones(2, 2)], inputs=[x], create_graph=True)
check('test_grad', same(x_hv[0], torch.ones(2, 2) * 5), same(x.grad, x_grad), same(y.grad, y_grad))
grad_out = torch.ones(2)
raises('test_grad shape mismatch', lambda: torch.autograd.grad(
    outputs=[grad_sum], grad_outputs=[grad_out], inputs=[x], create_graph=True), 'Mismatch in shape')

# test_grad_nonleaf
x_init = randn(2, 2).requires_grad_(True)
x = x_init
y = randn(2, 2).requires_grad_(True)
grad_output = torch.ones(2, 2)


def fn(x):
    return x ** 2 + y * x + y ** 2


for _ in range(5):
    grad_x, = torch.autograd.grad(fn(x), x, grad_outputs=grad_output, create_graph=True)
    grad_x_expected = 2 * x + y
    check('test_grad_nonleaf step', y.grad is None, x.grad is None, same(grad_x, grad_x_expected))
    x = x + 0.05 * grad_x
val_init = fn(x_init).sum()
val_final = fn(x).sum()
check('test_grad_nonleaf', bool(val_final > val_init))
x.backward(grad_output)
check('test_grad_nonleaf backward', y.grad is not None, x_init.grad is not None)

# test_grad_nonleaf_many_outputs
x = randn(4, 2).requires_grad_(True)
a, b = x.chunk(2)
hook_called = [False]


def hook(*grads):
    hook_called[0] = True


x.register_hook(hook)
go = randn(2, 2)
grad_a, grad_b = torch.autograd.grad((a + 2 * b), [a, b], grad_outputs=go, create_graph=True)
check('test_grad_nonleaf_many_outputs', same(grad_a, go), same(grad_b, go * 2), hook_called[0], x.grad is None)

# test_grad_nonleaf_register_hook
x = randn(5).requires_grad_(True)
x_list = x.unbind()
x0 = x_list[0]
hook_results = [None]


def hook(grad):
    hook_results[0] = grad


x0.register_hook(hook)
x_list[0].backward()
expected_grad = torch.tensor([1., 0, 0, 0, 0])
check('test_grad_nonleaf_register_hook', same(hook_results[0], torch.tensor(1.)), same(x.grad, expected_grad),
      x_list[0].grad is None)
for i in range(1, 5, 1):
    x_list[i].backward()
    expected_grad[i] = 1.0
    check('test_grad_nonleaf_register_hook', i, hook_results[0] is not None, same(x.grad, expected_grad),
          x_list[i].grad is None)


# test_hook_with_no_name
class MyHookClass:
    def __call__(self, grad):
        return grad.clone()


x = randn(5).requires_grad_(True).clone()
x.register_hook(MyHookClass())
x.sum().backward()
check('test_hook_with_no_name', 'ok')

# test_sharded_grad
leaves = [torch.zeros(5, 5, requires_grad=True) for _ in range(10)]
intermediates = [l * i + l * l for i, l in enumerate(leaves)]
loss = sum(v * i for i, v in enumerate(intermediates)).sum()


def group(l, group_size):
    return (l[i:i + group_size] for i in range(0, len(l), group_size))


shard_size = 2
d_intermediates = [d_i for intermediates_batch in group(intermediates, shard_size)
                   for d_i in torch.autograd.grad(loss, intermediates_batch)]
torch.autograd.backward(intermediates, d_intermediates)
check('test_sharded_grad', [bool(same(l.grad, i * i * (1 + l))) for i, l in enumerate(leaves)])

# test_backward_badcalls
x = torch.ones(1)
raises('test_backward_badcalls', lambda: x.backward(), 'does not require grad')

# test_grad_badcalls
x = torch.ones(1)
y = x ** 2
raises('test_grad_badcalls x', lambda: torch.autograd.grad(x, y), 'does not require grad')
raises('test_grad_badcalls y', lambda: torch.autograd.grad(y, x), 'does not require grad')
x = torch.ones(1, requires_grad=True)
y = x ** 2
check('test_grad_badcalls ok', torch.autograd.grad(y, x)[0])

# test_grad_unreachable
x = torch.ones(1, requires_grad=True)
y = torch.ones(1, requires_grad=True)
z = x * 2
w = y * 2
grad_x, grad_y = torch.autograd.grad(x * 2, [x, y], allow_unused=True)
check('test_grad_unreachable', same(grad_x, x * 2), grad_y is None)
z = torch.ones(1, requires_grad=True)
grad_x, grad_z = torch.autograd.grad(x * 2, [x, z], allow_unused=True)
check('test_grad_unreachable fresh', same(grad_x, x * 2), grad_z is None)
raises('test_grad_unreachable', lambda: torch.autograd.grad(x * 2, [x, y], allow_unused=False), 'Set allow_unused=True')

# test_hooks
x = torch.ones(5, 5, requires_grad=True)
y = torch.ones(5, 5) * 4
y.requires_grad_(True)
counter = [0]


def bw_hook(inc, grad):
    counter[0] += inc


z = x ** 2 + x * 2 + x * y + y
x.register_hook(lambda *args: bw_hook(0, *args))
test = z.register_hook(lambda *args: bw_hook(1, *args))
z.backward(torch.ones(5, 5), retain_graph=True)
check('test_hooks 1', counter[0])
test2 = z.register_hook(lambda *args: bw_hook(2, *args))
z.backward(torch.ones(5, 5), retain_graph=True)
check('test_hooks 2', counter[0])
test2.remove()
z.backward(torch.ones(5, 5), retain_graph=True)
check('test_hooks 3', counter[0])


def bw_hook_modify(grad):
    return grad.mul(2)


test.remove()
z.register_hook(bw_hook_modify)
with torch.no_grad():
    y.grad.zero_()
z.backward(torch.ones(5, 5), retain_graph=True)
check('test_hooks modify', same(y.grad, (x + 1) * 2))
y.register_hook(bw_hook_modify)
with torch.no_grad():
    y.grad.zero_()
z.backward(torch.ones(5, 5))
check('test_hooks modify leaf', same(y.grad, (x + 1) * 4))

# test_hooks_cpp
bn = torch.nn.BatchNorm1d(5, affine=False)
bn.eval()
counter = [0]


def bw_hook(grad):
    counter[0] += 1
    return grad * 2


x = torch.ones(5, 5, requires_grad=True)
z = bn(x)
z.register_hook(bw_hook)
z.sum().backward()
check('test_hooks_cpp', counter[0], torch.allclose(x.grad, torch.ones(5, 5) * 2, atol=1e-5, rtol=0))


# test_hook_none
class NoneGradientFunction(Function):
    @staticmethod
    def forward(ctx, x, y):
        check('test_hook_none needs_input_grad', ctx.needs_input_grad[0], ctx.needs_input_grad[1])
        return x, y

    @staticmethod
    def backward(ctx, grad_x, grad_y):
        return grad_x, None


was_called = [False]


def hook(grad):
    check('test_hook_none hook', grad is not None)
    was_called[0] = True


x = randn(5, 5).requires_grad_(True)
y = randn(5, 5)
rx, ry = NoneGradientFunction.apply(x, y)
rx.register_hook(hook)
ry.register_hook(hook)
sum(rx, ry).sum().backward()
check('test_hook_none', was_called[0])

# test_retain_grad
input = rand(1, 3).requires_grad_(True)
h1 = input * 3
out = (h1 * h1).sum()
h1.retain_grad()
h1.retain_grad()
out.backward(retain_graph=True)
check('test_retain_grad', same(h1 * 2, h1.grad))
out.backward(retain_graph=True)
check('test_retain_grad accumulated', same(h1 * 4, h1.grad))
with torch.no_grad():
    input.grad.zero_()
input.retain_grad()
input.retain_grad()
out.backward()
check('test_retain_grad leaf', same(input * 18, input.grad))

# test_backward
v = randn(5, 5).requires_grad_(True)
x = randn(5, 5).requires_grad_(True)
y = (rand(5, 5) + 0.1).requires_grad_(True)
z = randn(5, 5).requires_grad_(True)
grad_output = randn(5, 5)
v.backward(grad_output)
check('test_backward leaf', same(v.grad, grad_output))
a = x + (y * z) + 4 * z ** 2 * x / y
a.backward(grad_output)
x_grad = 4 * z.pow(2) / y + 1
y_grad = z - 4 * x * z.pow(2) / y.pow(2)
z_grad = 8 * x * z / y + y
check('test_backward', same(x.grad, x_grad * grad_output), same(y.grad, y_grad * grad_output),
      same(z.grad, z_grad * grad_output))

# test_multi_backward
x = randn(5, 5).requires_grad_(True)
y = randn(5, 5).requires_grad_(True)
q = randn(5, 5).requires_grad_(True)
a = randn(5, 5).requires_grad_(True)
b = randn(5, 5).requires_grad_(True)
q2 = q * 2
z = x + y + q2
c = a * b + q2
grad_z = randn(5, 5)
grad_c = randn(5, 5)
torch.autograd.backward([z, c], [grad_z, grad_c])
check('test_multi_backward', same(x.grad, grad_z), same(y.grad, grad_z), same(a.grad, grad_c * b),
      same(b.grad, grad_c * a), same(q.grad, (grad_c + grad_z) * 2))

# test_multi_backward_no_grad
x = randn(5, 5).requires_grad_(True)
y = randn(5, 5)
z = x + y
q = y * 2
raises('test_multi_backward_no_grad', lambda: torch.autograd.backward([z, q], [torch.ones(5, 5), torch.ones(5, 5)]))

# test_dependent_backward
x = randn(10).requires_grad_(True)
y = x ** 2
z = y ** 3
go_y = randn(10)
go_z = randn(10)
torch.autograd.backward([y, z], [go_y, go_z])
check('test_dependent_backward', same(x.grad, 2 * x * go_y + 6 * x.pow(5) * go_z))

# test_no_unnecessary_save
mu = torch.ones(1, requires_grad=True)
x = torch.empty(1)
loss = 0
for i in range(3):
    x.detach_()
    x.copy_(mu + i)
    ft = torch.tensor([float(i)])
    multiplied = x * ft
    s = multiplied.sum()
    loss += s
loss.backward()
check('test_no_unnecessary_save', mu.grad)

# test_no_grad
x = torch.ones(5, 5, requires_grad=True)
y = torch.ones(5, 5) * 4
with torch.no_grad():
    w = x + y


@torch.no_grad()
def adder(x, y):
    return x + y


z = adder(x, y)
check('test_no_grad', w.requires_grad, w.grad_fn is None, z.requires_grad, z.grad_fn is None)
raises('test_no_grad w', lambda: w.backward(torch.ones(5, 5)))
raises('test_no_grad z', lambda: z.backward(torch.ones(5, 5)))
with torch.no_grad():
    e1 = torch.is_grad_enabled()
    w = adder(x, y)
    check('test_no_grad nested', e1, torch.is_grad_enabled())


# test_no_grad_python_function
class AddOne(Function):
    @staticmethod
    def forward(self, x):
        return x + 1

    @staticmethod
    def backward(self, dy):
        return dy


x = torch.ones(5, 5, requires_grad=True)
with torch.no_grad():
    y = AddOne.apply(x)
check('test_no_grad_python_function', y.requires_grad)

# test_indexing_duplicates
x = torch.arange(1., 17).view(4, 4)
y = x.clone().requires_grad_(True)
idx = torch.LongTensor([1, 1, 3, 2, 1, 2])
y[idx].sum().backward()
check('test_indexing_duplicates', y.grad)
x = torch.arange(1., 17).view(4, 4)
y = x.clone().requires_grad_(True)
y[[1, 1, 3, 2, 1, 2], [0]].sum().backward()
check('test_indexing_duplicates', y.grad)
y = x.clone().requires_grad_(True)
y[[[1, 2], [0, 0]], [[0, 1], [1, 1]]].sum().backward()
check('test_indexing_duplicates', y.grad)
x = torch.arange(1., 65).view(4, 4, 4)
y = x.clone().requires_grad_(True)
y[[1, 1, 1], :, :].sum().backward()
check('test_indexing_duplicates', y.grad.sum(dim=(1, 2)))

# test_index_backward_does_not_save_tensor
a = torch.tensor([1., 0, 0])
b = torch.zeros(3, requires_grad=True)
tensor = b + 0
tensor[a != 0] = tensor[a != 0]
tensor.backward(torch.zeros_like(tensor))
check('test_index_backward_does_not_save_tensor', b.grad)

# test_requires_grad
x = randn(5, 5)
y = randn(5, 5)
z = randn(5, 5).requires_grad_(True)
a = x + y
b = a + z
check('test_requires_grad', a.requires_grad, b.requires_grad)

# test_requires_grad_
x = randn(5, 5)
y = randn(5, 5).requires_grad_(True)
check('test_requires_grad_', x is x.requires_grad_(), x.requires_grad, y is y.requires_grad_(), y.requires_grad,
      x is x.requires_grad_(True), y is y.requires_grad_(True))
z = x * y
raises('test_requires_grad_ non-leaf', lambda: z.requires_grad_(False))
check('test_requires_grad_ z', z is z.requires_grad_(), z.requires_grad, z is z.requires_grad_(True))
check('test_requires_grad_ off', x is x.requires_grad_(False), x.requires_grad, y is y.requires_grad_(False),
      y.requires_grad)

# test_requires_grad_inplace
a = randn(5, 5)
b = randn(5, 5).requires_grad_(True)
a += b
check('test_requires_grad_inplace', a.requires_grad)
a = randn(5, 5) + 0
b = randn(5, 5).requires_grad_(True)
a += b
check('test_requires_grad_inplace non-leaf', a.requires_grad)

# test_no_requires_grad_inplace
a = randn(2, 3)
a.add_(5)
a.requires_grad = True
a.sum().backward()
check('test_no_requires_grad_inplace', same(a.grad, torch.ones(2, 3)))
a = randn(2, 3)
b = a[:]
b.add_(5)
a.requires_grad = True
a.sum().backward()
check('test_no_requires_grad_inplace view', same(a.grad, torch.ones(2, 3)))
a = randn(2, 3)
b = a[:]
a.requires_grad = True
raises('test_no_requires_grad_inplace leaf', lambda: a.add_(5))
raises('test_no_requires_grad_inplace view of leaf', lambda: b.add_(5))

# test_duplicate_backward_root
a = randn(5, 5).requires_grad_(True)
b = randn(5, 5).requires_grad_(True)
x = a * b
grad_output = randn(5, 5)
torch.autograd.backward([x, x], [grad_output, grad_output])
check('test_duplicate_backward_root', same(a.grad, b * grad_output * 2), same(b.grad, a * grad_output * 2))

# test_backward_no_grad
a = randn(5, 5).requires_grad_(True)
b = a + 2
raises('test_backward_no_grad', lambda: torch.autograd.backward([b], [None]))

# test_backward_twice_with_saved_values
b = randn(3).requires_grad_(True)
c = torch.zeros(3, dtype=torch.double)
c[[1, 2]] = b[[1, 1]]
c.backward(torch.tensor([1, 1, 1], dtype=torch.double))
raises('test_backward_twice_with_saved_values',
       lambda: c.backward(torch.tensor([1, 1, 1], dtype=torch.double)), 'Specify retain_graph=True')

# test_backward_twice_retained_graph_with_saved_values
b = randn(3).requires_grad_(True)
c = torch.zeros(3, dtype=torch.double)
c[[1, 2]] = b[[1, 1]]
c.backward(torch.tensor([1, 1, 1], dtype=torch.double), retain_graph=True)
c.backward(torch.tensor([1, 1, 1], dtype=torch.double))
check('test_backward_twice_retained_graph_with_saved_values', b.grad)

# test_backward_twice_without_saved_values
b = randn(3).requires_grad_(True)
c = b + 1
c.backward(torch.tensor([1, 1, 1], dtype=torch.double))
c.backward(torch.tensor([1, 1, 1], dtype=torch.double))
check('test_backward_twice_without_saved_values', b.grad)

# test_next_functions
x = randn(5, 5).requires_grad_(True)
y = randn(5, 5).requires_grad_(True)
a = x + y
next_functions = a.grad_fn.next_functions
check('test_next_functions', a.grad_fn is not None, len(next_functions), type(next_functions[0][0]).__name__,
      next_functions[0][1], type(next_functions[1][0]).__name__, next_functions[1][1])
b = a + 5
next_functions = b.grad_fn.next_functions
check('test_next_functions const', len(next_functions), next_functions[0][0] is a.grad_fn, next_functions[1][0])

# test_inplace
x = torch.ones(5, 5, requires_grad=True)
y = (torch.ones(5, 5) * 4).requires_grad_(True)
z = x * y
q = z + y
w = z * y
z.add_(2)
q.backward(torch.ones(5, 5), retain_graph=True)
raises('test_inplace mul saved', lambda: w.backward(torch.ones(5, 5)),
       'one of the variables needed for gradient computation has been modified by an inplace operation')
z = x * y
q = z * y
r = z + y
w = z.add_(y)
w.backward(torch.ones(5, 5), retain_graph=True)
r.backward(torch.ones(5, 5), retain_graph=True)
raises('test_inplace dirty', lambda: q.backward(torch.ones(5, 5)), 'modified by an inplace operation')
with torch.no_grad():
    x.grad.zero_()
m = x / 2
z = m + y / 8
q = z * y
r = z + y
prev_version = z._version
w = z.exp_()
check('test_inplace version', z._version != prev_version)
r.backward(torch.ones(5, 5), retain_graph=True)
check('test_inplace r', same(x.grad, torch.ones(5, 5) / 2))
w.backward(torch.ones(5, 5), retain_graph=True)
check('test_inplace w', same(x.grad, torch.full((5, 5), (1 + 2.718281828459045) / 2)))
raises('test_inplace q', lambda: q.backward(torch.ones(5, 5)), 'modified by an inplace operation')
leaf = torch.ones(5, 5, requires_grad=True)
x = leaf.clone()
x.add_(10)
check('test_inplace clone', same(x, torch.ones(5, 5) * 11))
y = x + 2
y.backward(torch.ones(5, 5))
check('test_inplace leaf grad', same(leaf.grad, torch.ones(5, 5)))
z = x * y
x.add_(2)
raises('test_inplace z', lambda: z.backward(torch.ones(5, 5)), 'modified by an inplace operation')


# test_mark_non_differentiable
class MarkMask(Function):
    @staticmethod
    def forward(ctx, input):
        output = input > 0
        ctx.mark_non_differentiable(output)
        return output

    @staticmethod
    def backward(ctx, grad_output):
        return (grad_output * 0).to(torch.double)


x = randn(5, 5).requires_grad_(True)
mask = MarkMask.apply(x)
y = x.masked_fill(mask, 0)
y.sum().backward()
check('test_mark_non_differentiable', mask.requires_grad, same(x.grad, (~mask).double()))


# test_mark_non_differentiable_mixed
class MarkMixed(Function):
    @staticmethod
    def forward(ctx, input):
        a = input + 1
        b = input + 2
        ctx.mark_non_differentiable(a)
        return a, b

    @staticmethod
    def backward(ctx, grad_a, grad_b):
        check('test_mark_non_differentiable_mixed backward', bool((grad_a == 0).all()), bool((grad_b == 1).all()))
        return grad_b


x = randn(5, 5).requires_grad_(True)
a, b = MarkMixed.apply(x)
check('test_mark_non_differentiable_mixed', a.requires_grad, b.requires_grad)
b.sum().backward()
check('test_mark_non_differentiable_mixed grad', same(x.grad, torch.ones(5, 5)))


# test_mark_non_differentiable_none
class MarkClone(Function):
    @staticmethod
    def forward(ctx, input):
        output = input.clone()
        ctx.mark_non_differentiable(output)
        return output

    @staticmethod
    def backward(ctx, grad_output):
        return None


x = randn(5, 5).requires_grad_(True)
r = MarkClone.apply(x * x)
(r * x).sum().backward()
check('test_mark_non_differentiable_none', same(x.grad, x * x))


# test_return_duplicate
class DoubleDuplicate(Function):
    @staticmethod
    def forward(ctx, x):
        output = x * 2
        return output, output

    @staticmethod
    def backward(ctx, grad1, grad2):
        return grad1 * 2 + grad2 * 2


def fn(x):
    a, b = DoubleDuplicate.apply(x)
    is_same.append(a is b)
    return a + b


is_same = []
x = randn(5, 5).requires_grad_(True)
check('test_return_duplicate', gradcheck(fn, [x]), gradgradcheck(fn, [x]), all(is_same))


# test_return_duplicate_inplace
class DoubleInplace(Function):
    @staticmethod
    def forward(ctx, x):
        x.mul_(2)
        ctx.mark_dirty(x)
        return x, x

    @staticmethod
    def backward(ctx, grad1, grad2):
        return grad1 * 2 + grad2 * 2


def inplace_fn(x):
    a, b = DoubleInplace.apply(x.clone())
    is_same.append(a is b)
    return a + b


is_same = []
x = randn(5, 5).requires_grad_(True)
check('test_return_duplicate_inplace', gradcheck(inplace_fn, [x]), gradgradcheck(inplace_fn, [x]), all(is_same))
raises('test_return_duplicate_inplace leaf', lambda: DoubleInplace.apply(x))


# _test_setitem / test_setitem
def _test_setitem(size, index):
    x = torch.ones(*size, requires_grad=True)
    y = x + 2
    y_version = y._version
    y[index] = 2
    check('test_setitem version', y._version != y_version)
    y.backward(torch.ones(*size))
    expected_grad = torch.ones(*size)
    expected_grad[index] = 0
    check('test_setitem', size, same(x.grad, expected_grad), x.grad.sum().item())


def _test_setitem_tensor(size, index):
    x = torch.ones(*size, requires_grad=True)
    y = x + 2
    y_version = y._version
    value = torch.full(x[index].size(), 7.)
    value.requires_grad = True
    y[index] = value
    check('test_setitem_tensor version', y._version != y_version)
    y.backward(torch.ones(*size))
    expected_grad_input = torch.ones(*size)
    expected_grad_input[index] = 0
    check('test_setitem_tensor', size, same(x.grad, expected_grad_input), same(value.grad, torch.ones_like(value)))
    x = randn(4).requires_grad_(True)
    y = torch.zeros(2, 3, 4)
    y[1] = x
    y.backward(randn(2, 3, 4))
    check('test_setitem_tensor broadcast', tuple(x.size()) == tuple(x.grad.size()))


_test_setitem((5, 5), 1)
_test_setitem((5,), 1)
_test_setitem((1,), 0)
_test_setitem((10,), [[0, 4, 2]])
_test_setitem((5, 5), [[0, 4], [2, 2]])
_test_setitem((5, 5, 5), (slice(None), slice(None), [1, 3]))
_test_setitem((5, 5, 5), (slice(None), [1, 3], slice(None)))
_test_setitem((5, 5, 5), ([1, 3], slice(None), slice(None)))
_test_setitem((5, 5, 5), (slice(None), [2, 4], [1, 3]))
_test_setitem((5, 5, 5), ([1, 3], [2, 4], slice(None)))
_test_setitem_tensor((5, 5), 3)
_test_setitem_tensor((5, 5), ([0, 1], [1, 0]))
_test_setitem_tensor((5,), 3)
_test_setitem_tensor((5,), torch.LongTensor([3]).sum())
_test_setitem_tensor((5,), [[0, 1, 2, 3]])
_test_setitem_tensor((5, 5, 5), (slice(None), slice(None), [1, 3]))
_test_setitem_tensor((5, 5, 5), (slice(None), [1, 3], slice(None)))
_test_setitem_tensor((5, 5, 5), ([1, 3], slice(None), slice(None)))
_test_setitem_tensor((5, 5, 5), (slice(None), [2, 4], [1, 3]))
_test_setitem_tensor((5, 5, 5), ([1, 3], [2, 4], slice(None)))
_test_setitem_tensor((5, 5, 5), (torch.LongTensor([1, 3]), [2, 4], slice(None)))

# test_setitem_mask (a fixed mask for bernoulli_)
mask = rand(5, 5) > 0.5
_test_setitem((5, 5), mask)
_test_setitem((5,), mask[0])
_test_setitem((1,), mask[0, 0:1])
_test_setitem_tensor((5, 5), mask)
_test_setitem_tensor((5,), mask[0])

# test_select_sum
x = randn(10).requires_grad_(True)
check('test_select_sum', gradcheck(lambda x: x.select(0, 1).sum(), [x]),
      gradgradcheck(lambda x: x.select(0, 1).sum(), [x]))

# test_stack, test_hstack, test_vstack, test_dstack
for name, op, gshape, parts in (
        ('test_stack', lambda ts: torch.stack(ts, 0), (3, 10, 10), lambda g: (g[0], g[1], g[2])),
        ('test_hstack', torch.hstack, (10, 30), lambda g: (g[:, 0:10], g[:, 10:20], g[:, 20:30])),
        ('test_vstack', torch.vstack, (30, 10), lambda g: (g[0:10], g[10:20], g[20:30])),
        ('test_dstack', torch.dstack, (10, 10, 3), lambda g: (g[:, :, 0], g[:, :, 1], g[:, :, 2]))):
    x, y, z = (randn(10, 10).requires_grad_(True) for _ in range(3))
    stacked = op([x, y, z])
    grad = randn(*gshape)
    stacked.backward(grad)
    gx, gy, gz = parts(grad)
    check(name, same(x.grad, gx), same(y.grad, gy), same(z.grad, gz), stacked.grad_fn.name())
x, y, z = (randn(10).requires_grad_(True) for _ in range(3))
stacked = torch.hstack([x, y, z])
grad = randn(30)
stacked.backward(grad)
check('test_hstack 1-d', same(x.grad, grad[0:10]), same(y.grad, grad[10:20]), same(z.grad, grad[20:30]))

# test_unbind
stacked = randn(3, 10, 10).requires_grad_(True)
x, y, z = stacked.unbind()
grad = randn(3, 10, 10)
torch.autograd.backward([x, y, z], grad.unbind())
check('test_unbind', same(stacked.grad, grad))
for i in range(3):
    stacked = randn(3, 10, 10).requires_grad_(True)
    outs = stacked.unbind()
    gi = grad.unbind()[i]
    g, = torch.autograd.grad(outs[i], stacked, gi)
    g_expected = torch.stack([gi if j == i else torch.zeros_like(gi) for j in range(3)], dim=0)
    check('test_unbind one grad', i, same(g, g_expected))

# test_put, test_put_accumulate, test_fill
root = randn(4, 5).requires_grad_(True)
values = randn(6).requires_grad_(True)
for name, idx, acc in (('test_put', torch.LongTensor([1, 2, 3, -1, -2, -3]), False),
                       ('test_put_accumulate', torch.LongTensor([1, 2, 3, 1, 2, 3]), True)):
    def func(root, values):
        x = root.clone()
        x.put_(idx, values, accumulate=acc)
        return x
    check(name, gradcheck(func, [root, values]), gradgradcheck(func, [root, values]))


def fill(root):
    x = root.clone()
    x.fill_(2)
    return x


check('test_fill', gradcheck(fill, [root]), gradgradcheck(fill, [root]))

# test_unused_output
x = randn(10, 10).requires_grad_(True)
outputs = x.chunk(5)
o = outputs[2]
o = o * 4 + 2
o.sum().backward()
expected_grad = torch.zeros(10, 10)
expected_grad[4:6] = 4
check('test_unused_output', same(x.grad, expected_grad))
with torch.no_grad():
    x.grad.zero_()
grad_output = randn(2, 10)
outputs = x.chunk(5)
outputs[0].backward(grad_output)
expected_grad = torch.zeros(10, 10)
expected_grad[:2] = grad_output
check('test_unused_output first', same(x.grad, expected_grad))
