# PyTorch twin of test_view_ops.mjs: a slice of PyTorch's own test/test_view_ops.py (pytorch/pytorch commit
# 01c12b21da48d378acb804c80e1955c7ac3f55a4), TestViewOps from test_view_tensor_split to
# test_advanced_indexing_assignment plus test_movedim_view, on the CPU in float32. Each check prints what it
# checks: is_view_of(base, v) (v._is_view() and v._base is base, as the test's helper, without the storage
# pointer), and for a write through the view the two elements the test compares; assertTrue(s is t) prints the
# identity. Stand-ins: make_tensor and torch.randn draw from detrand, random.randint / random.random in
# test_movedim_view are fixed values; the in-place view ops (t_, transpose_, swapdims_, swapaxes_, squeeze_,
# unsqueeze_, as_strided_) are left out (tensorgrad has none, docs/porting.md); test_unbind's gradcheck runs
# once, without forward AD, and test_as_strided_gradients's gradcheck/gradgradcheck cases print their verdicts.
# Run: /usr/bin/python3 examples/ports/test_view_ops.py > examples/ports/test_view_ops.expected.txt
import torch
from torch.autograd import gradcheck, gradgradcheck

import detrand

detrand.seed(5)


def is_view_of(base, other):
    if (not other._is_view() or
            other is base or
            other._base is not base):
        return False
    return True


# Returns true if v1 and v2 are views of the same base
def is_view_of_same_base(v1, v2):
    if (not v1._is_view() or v1 is v2):
        return False
    return is_view_of(v1._base, v2)


def check(name, *values):
    print(name, *[v.item() if isinstance(v, torch.Tensor) else v for v in values])


def make_tensor(shape, low, high):
    return (detrand.rand(*shape) * (high - low) + low).floor()


# test_view_tensor_split
a = make_tensor((40, 30), low=-9, high=9)
a_split_dim0 = a.tensor_split(7, 0)
check('tensor_split dim0', [is_view_of(a, s) for s in a_split_dim0], [tuple(s.shape) for s in a_split_dim0])
a_split_dim1 = a.tensor_split(7, 1)
check('tensor_split dim1', [is_view_of(a, s) for s in a_split_dim1], [tuple(s.shape) for s in a_split_dim1])

# test_view_tensor_hsplit, vsplit, dsplit
for name, fn, at in (('hsplit', torch.hsplit, (2, 0, 2)), ('vsplit', torch.vsplit, (0, 2, 2)), ('dsplit', torch.dsplit, (2, 2, 0))):
    t = make_tensor((4, 4, 4), low=-9, high=9)
    parts = fn(t, 2)
    t[2, 2, 2] = 7
    check(name, [is_view_of(t, p) for p in parts], parts[1][at], t[2, 2, 2])

# test_diagonal_view
t = torch.ones((5, 5))
v = torch.diagonal(t)
check('diagonal', is_view_of(t, v))
v[0] = 0
check('diagonal write', t[0, 0], v[0])
t = torch.ones((3, 3, 3))
v = torch.diagonal(t, offset=1, dim1=1, dim2=2)
check('diagonal offset', is_view_of(t, v), tuple(v.shape))
v[0, 0] = 0
check('diagonal offset write', t[0, 0, 1], v[0, 0], t.sum())

# test_select_view
t = torch.ones((5, 5))
v = t.select(0, 2)
check('select', is_view_of(t, v))
v[0] = 0
check('select write', t[2, 0], v[0])

# test_unbind_view
t = torch.zeros((5, 5))
tup = torch.unbind(t)
for idx, v in enumerate(tup):
    v[0] = idx + 1
    check('unbind', is_view_of(t, v), t[idx, 0], v[0])

# test_unbind
stacked = detrand.randn(3, 10, 10).requires_grad_()
x, y, z = stacked.unbind()
grad = detrand.randn(3, 10, 10)
torch.autograd.backward([x, y, z], grad.unbind())
check('unbind backward', torch.equal(stacked.grad, grad))
for i in range(3):
    stacked = detrand.randn(3, 10, 10).requires_grad_()
    outs = stacked.unbind()
    gi = grad.unbind()[i]
    g, = torch.autograd.grad(outs[i], stacked, gi)
    g_expected = torch.stack([gi if j == i else torch.zeros_like(gi)
                              for j in range(3)], dim=0)
    check('unbind one grad', i, torch.equal(g, g_expected))
stacked = detrand.randn(3, 4, 4, dtype=torch.double).requires_grad_()
check('unbind gradcheck', gradcheck(lambda x: x.unbind(), (stacked,)))

# test_expand_view, test_expand_as_view
t = torch.ones((5, 1))
v = t.expand(5, 5)
check('expand', is_view_of(t, v))
v[2, 2] = 0
check('expand write', t[2, 0], v[2, 2], v[2, 0])
t = torch.ones((5, 1))
e = torch.empty((5, 5))
v = t.expand_as(e)
check('expand_as', is_view_of(t, v))
v[2, 2] = 0
check('expand_as write', t[2, 0], v[2, 2])

# test_narrow_view
t = torch.ones((5, 5))
v = torch.narrow(t, 1, 2, 2)
check('narrow', is_view_of(t, v))
v[0, 0] = 0
check('narrow write', t[0, 2], v[0, 0])

# test_permute_view
t = torch.ones((5, 5))
v = t.permute(1, 0)
check('permute', is_view_of(t, v))
v[0, 1] = 0
check('permute write', t[1, 0], v[0, 1])

# test_transpose_view
for name, fn in (('swapdims', torch.swapdims), ('swapaxes', torch.swapaxes), ('transpose', torch.transpose)):
    t = torch.ones((5, 5))
    v = fn(t, 0, 1)
    v[0, 1] = 0
    check(name, is_view_of(t, v), t[1, 0], v[0, 1])

# test_t_view
t = torch.ones((5, 5))
v = t.t()
v[0, 1] = 0
check('t', is_view_of(t, v), t[1, 0], v[0, 1])

# test_T_view
for op in ("T", "H", "mT", "mH"):
    t = torch.ones((5, 5))
    v = getattr(t, op)
    v[0, 1] = 0
    check(op, is_view_of(t, v), t[1, 0], v[0, 1])

# test_unfold_view
t = torch.ones(10)
v = t.unfold(0, 3, 2)
v[1, 0] = 0
check('unfold', is_view_of(t, v), t[2], v[1, 0], v[0, 2])

# test_squeeze_view
t = torch.ones(5, 1, 5)
v = torch.squeeze(t)
check('squeeze', is_view_of(t, v))
v[0, 1] = 0
check('squeeze write', v._base is t, t[0, 0, 1])

# test_unsqueeze_view
t = torch.ones(5, 5)
v = torch.unsqueeze(t, 1)
v[0, 0, 1] = 0
check('unsqueeze', is_view_of(t, v), t[0, 1], v[0, 0, 1])

# test_as_strided_view
t = torch.ones(5, 5)
v = torch.as_strided(t, (25,), (1,))
v[6] = 0
check('as_strided', is_view_of(t, v), t[1, 1], v[6])


# test_as_strided_gradients
def test(x, prepro_fn, size, strides, offset=None):
    x = x.to(torch.double).detach().requires_grad_()

    def closure(x):
        if prepro_fn is not None:
            x = prepro_fn(x)
        return x.as_strided(size, strides, offset)

    check('as_strided gradcheck', size, strides, offset, gradcheck(closure, [x]), gradgradcheck(closure, [x]))

test(torch.arange(0, 25), lambda x: x.view(5, 5), [3, 3], [6, 2], 2)
# test crazy stride at dim with size 1 case
test(detrand.randn(12), None, [1, 2, 1, 5], [0, 5, 100, 1], 2)
# test expand case
test(detrand.randn(5), None, [3, 3, 3], [0, 1, 0], 2)
test(detrand.randn(5), None, [3, 3, 3], [0, 0, 0], 4)
test(detrand.randn(5), lambda x: x.expand(5, 5), [5, 5], [0, 1], 0)
# test non-expand overlapping case
test(detrand.randn(35), None, [6, 6], [5, 1], 2)
test(detrand.randn(15), None, [3, 2], [3, 6], 2)
# test transpose case
test(detrand.randn(3, 4), None, [4, 3], [1, 4])
# test "getting things outside the input" case
x = detrand.randn(6, 2)
test(x[3:], None, [3, 2], [2, 1], 0)  # should be all zeros
check('outside the input', torch.equal(x[3:].as_strided([3, 2], [2, 1], 0), x[:3]))
# test select on expanded input case
test(detrand.randn(2, 3), lambda x: x.expand(10, 2, 3), [2, 3], [3, 1], 0)

# test_view_view, test_view_as_view
t = torch.ones(5, 5)
v = t.view(25)
v[6] = 0
check('view', is_view_of(t, v), t[1, 1], v[6])
t = torch.ones(5, 5)
e = torch.empty((25,))
v = t.view_as(e)
v[6] = 0
check('view_as', is_view_of(t, v), t[1, 1], v[6])

# test_contiguous_self, test_contiguous_nonview
t = torch.ones(5, 5)
s = t.contiguous()
check('contiguous self', s is t)
t = torch.ones(5, 5)
nv = t.t().contiguous()
nv[0, 0] = 0
check('contiguous nonview', not is_view_of(t, nv), t[0, 0], nv[0, 0])

# test_reshape_view, test_reshape_as_view, test_reshape_nonview
t = torch.ones(5, 5)
v = torch.reshape(t, (25,))
v[6] = 0
check('reshape', is_view_of(t, v), t[1, 1], v[6])
t = torch.ones(5, 5)
e = torch.empty((25,))
v = t.reshape_as(e)
v[6] = 0
check('reshape_as', is_view_of(t, v), t[1, 1], v[6])
t = torch.ones(5, 5)
nv = torch.reshape(t.t(), (25,))
nv[6] = 0
check('reshape nonview', not is_view_of(t, nv), t[1, 1], nv[6])


# test_flatten_view
def test_writes_propagate(name, t, v):
    idx_t = (0,) * t.ndim
    idx_v = (0,) * v.ndim
    v[idx_v] = 0
    check(name, t[idx_t], v[idx_v])

t = torch.ones(1, 2, 3, 4)
v = t.flatten()
check('flatten', is_view_of(t, v))
test_writes_propagate('flatten write', t, v)
# zero-dimensional tensor
t = torch.tensor(1)
v = t.flatten()
test_writes_propagate('flatten 0-d write', t, v)
check('flatten 0-d', is_view_of(t, v), tuple(v.shape))
t = torch.ones(1, 2, 3, 4).transpose(2, 3)
v = t.flatten(0, 1)
test_writes_propagate('flatten transposed write', t, v)
check('flatten transposed', is_view_of_same_base(t, v))
# stride[i] = stride[i + 1] * size[i + 1] is satisfied for 3 groups:
t = torch.ones(720).as_strided((2, 3, 2, 3, 5, 4), (6, 2, 15, 5, 1, 0))
#               [--1--|---2---|-3-] [--1--|----2---|-3-]
v1 = t.flatten(0, 1)
v2 = v1.flatten(1, 3)
v3 = v2.flatten(2, 2)
test_writes_propagate('flatten groups v1 write', t, v1)
check('flatten groups v1', is_view_of_same_base(t, v1), tuple(v1.shape), v1.stride())
test_writes_propagate('flatten groups v2 write', t, v2)
check('flatten groups v2', is_view_of_same_base(t, v2), tuple(v2.shape), v2.stride())
test_writes_propagate('flatten groups v3 write', t, v3)
check('flatten groups v3', is_view_of_same_base(t, v3), tuple(v3.shape), v3.stride())


# test_flatten_nonview
def assert_is_nonview(name, t, nv):
    idx_t = (0,) * t.ndim
    idx_nv = (0,) * nv.ndim
    view = nv._is_view()
    nv[idx_nv] = 0
    check(name, not view, t[idx_t], nv[idx_nv])

t = torch.ones(2, 3, 2, 3).transpose(2, 3)
nv = t.flatten(1, 3)
assert_is_nonview('flatten nonview', t, nv)
t = torch.ones(2, 2).T
nv = t.flatten()
assert_is_nonview('flatten T nonview', t, nv)
# flatten returns the original object if start_dim=end_dim
t = t = torch.ones(2, 2)
nv = t.flatten(1, 1)
check('flatten same object', t is nv)

# test_basic_indexing_slice_view, ellipses, newaxis
t = torch.ones(5, 5)
v = t[:2, :3]
v[0, 0] = 0
check('slice view', is_view_of(t, v), t[0, 0], v[0, 0])
t = torch.ones(5, 5)
v = t[..., :2]
v[0, 0] = 0
check('ellipsis view', is_view_of(t, v), t[0, 0], v[0, 0])
t = torch.ones(5, 5)
v = t[None, :2, 3]
v[0, 0] = 0
check('newaxis view', is_view_of(t, v), t[0, 3], v[0, 0])

# test_advanced_indexing_nonview, assignment
t = torch.ones(3, 3)
rows = torch.tensor([[0, 0], [2, 2]])
cols = torch.tensor([[0, 1], [2, 2]])
nv = t[rows, cols]
nv[1, 1] = 0
check('advanced nonview', not is_view_of(t, nv), t[2, 2], nv[1, 1])
t = torch.ones(3, 3)
t[rows, cols] = 0
check('advanced assignment', t[2, 2], t.sum())

# test_movedim_view
for name, fn in (('movedim', torch.movedim), ('moveaxis', torch.moveaxis)):
    for source, destination in (((0, 1), (1, 0)), (0, 1)):
        t = torch.zeros(3, 3)
        out = fn(t, source=source, destination=destination)
        for idx_1, idx_2, val in ((0, 2, 0.25), (1, 1, 0.5), (2, 0, 0.75)):  # random.randint(0, 2), random.random()
            out[idx_1, idx_2] = val
            check(name, is_view_of(t, out), t[idx_2, idx_1], out[idx_1, idx_2])
