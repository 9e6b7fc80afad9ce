# PyTorch twin of test_shape_ops.mjs: a slice of PyTorch's own test/test_shape_ops.py (pytorch/pytorch,
# TestShapeOps as stored at commit 00972c015f0846e856f3fb8d46de73804a55a4de), on the CPU: test_unbind, test_tolist,
# test_movedim_invalid, test_movedim (every src / dst pair and sequences, with negative dims), test_diag,
# test_diagonal, test_diagonal_multidim, test_trace (the result dtype and value over the real dtypes), test_clamp,
# test_clamp_propagates_nans, test_clamp_scalar_nan_bounds and test_clamp_raises_arg_errors. Each assert prints
# the value it checks (NumPy's reference replaced by printing the value itself).
# Stand-ins: torch.rand / randn / randint / random draw from detrand; a raised error prints "raises"; out= forms
# and complex dtypes are left out.
# Run: /usr/bin/python3 examples/ports/test_shape_ops.py > examples/ports/test_shape_ops.expected.txt
from itertools import permutations, product

import torch
from torch import nan

import detrand

detrand.seed(29)


def attempt(label, f):
    try:
        r = f()
    except Exception:
        print(label, 'raises')
        return
    print(label, r)


# test_unbind
x = detrand.rand(2, 3, 4, 5)
for dim in range(4):
    res = torch.unbind(x, dim)
    res2 = x.unbind(dim)
    print('unbind', dim, len(res), len(res2), all(torch.equal(x.select(dim, i), res[i]) and torch.equal(x.select(dim, i), res2[i]) for i in range(x.size(dim))))

# test_tolist
print('tolist', torch.tensor([]).tolist(), torch.tensor([1.0, 2.0, 3.0]).tolist(), torch.tensor([[1, 2], [3, 4]]).tolist())
tensor3D = torch.tensor([[[1, 2], [3, 4]], [[5, 6], [7, 8]]])
tensorNonContig = tensor3D.select(1, 1)
print('tolist noncontiguous', tensorNonContig.is_contiguous(), tensorNonContig.tolist())

# test_movedim_invalid
for dtype in (torch.int64, torch.float32):
    x = (detrand.randn(5, 6, 7, 8) * 50).to(dtype)
    for name, fn in (('movedim', torch.movedim), ('moveaxis', torch.moveaxis)):
        attempt(f'{name} {dtype} 5 0', lambda: fn(x, 5, 0))
        attempt(f'{name} {dtype} 0 5', lambda: fn(x, 0, 5))
        attempt(f'{name} {dtype} (1, 0) (0,)', lambda: fn(x, (1, 0), (0,)))
        attempt(f'{name} {dtype} (0, 0) (0, 1)', lambda: fn(x, (0, 0), (0, 1)))
        attempt(f'{name} {dtype} (0, 1, 0) (0, 1, 2)', lambda: fn(x, (0, 1, 0), (0, 1, 2)))
        attempt(f'{name} {dtype} (0, 1) (1, 1)', lambda: fn(x, (0, 1), (1, 1)))
        attempt(f'{name} {dtype} (0, 1, 2) (1, 0, 1)', lambda: fn(x, (0, 1, 2), (1, 0, 1)))

# test_movedim (the shapes and where each element lands)
for nd in range(5):
    shape = tuple(2 + i for i in range(nd))
    x = torch.arange(1, 1 + torch.Size(shape).numel(), dtype=torch.int64).reshape(shape)
    for src_dim, dst_dim in permutations(range(nd), r=2):
        for s, d in ((src_dim, dst_dim), (src_dim - nd, dst_dim), (src_dim, dst_dim - nd)):
            y = torch.movedim(x, s, d)
            print('movedim', nd, s, d, list(y.shape), y.flatten()[:6].tolist(), torch.equal(y, torch.moveaxis(x, s, d)))
    if nd >= 2:
        for src in permutations(range(nd), r=2):
            dst = (src[1], src[0])
            y = torch.movedim(x, src, dst)
            print('movedim seq', nd, src, dst, list(y.shape), y.flatten()[:6].tolist())
x = detrand.randn(2, 3, 5, 7, 11)
print('movedim same', torch.equal(torch.movedim(x, (0, 1), (0, 1)), x), torch.equal(torch.movedim(x, 1, 1), x),
      torch.equal(torch.movedim(x, (), ()), x))

# test_diag, test_diagonal
x = detrand.rand(6, 6)
print('diag', torch.diag(x), torch.diag(x >= 0.5))
print('diagonal', torch.equal(torch.diagonal(x), torch.diag(x)), torch.equal(torch.diagonal(x, 2), torch.diag(x, 2)), torch.diagonal(x, 2))

# test_diagonal_multidim
x = detrand.randn(3, 4, 5, 6)
for args in [(2, 2, 3), (2,), (-2, 1, 2), (0, -2, -1)]:
    result = torch.diagonal(x, *args)
    print('diagonal multidim', args, list(result.shape), result.sum())
xp = x.permute(1, 2, 3, 0)
result = torch.diagonal(xp, 0, -2, -1)
print('diagonal permuted', list(result.shape), result.sum(), result.is_contiguous())

# test_trace
for dtype in (torch.uint8, torch.int8, torch.int16, torch.int32, torch.int64, torch.float32, torch.float64):
    for shape in ([10, 1], [1, 10], [6, 6], [4, 7], [7, 4]):
        t = (detrand.rand(*shape, dtype=torch.float64) * 18 - 9)
        t = t.to(dtype) if dtype.is_floating_point else t.floor().to(dtype)
        print('trace', dtype, shape, t.trace(), t.trace().dtype == t.sum().dtype)


# test_clamp, test_clamp_propagates_nans
def clamp_ops():
    return (('clamp', lambda x, lo, hi: torch.clamp(x, lo, hi)), ('Tensor.clamp', lambda x, lo, hi: x.clamp(lo, hi)),
            ('Tensor.clamp_', lambda x, lo, hi: x.clamp_(lo, hi)), ('clip', lambda x, lo, hi: torch.clip(x, lo, hi)),
            ('Tensor.clip', lambda x, lo, hi: x.clip(lo, hi)), ('Tensor.clip_', lambda x, lo, hi: x.clip_(lo, hi)))


for dtype in (torch.int64, torch.float32):
    for name, op in clamp_ops():
        for min_val, max_val in product((-10, None), (10, None)):
            if min_val is None and max_val is None:
                continue
            X = (detrand.rand(12) * 50 - 25).to(dtype)
            print('clamp', dtype, name, min_val, max_val, op(X.clone(), min_val, max_val))
for name, op in clamp_ops():
    for min_val, max_val in product((-10, None), (10, None)):
        if min_val is None and max_val is None:
            continue
        X = detrand.rand(12) * 50 - 25
        X[detrand.randint(0, 2, (12,)).bool()] = nan
        Y = op(X.clone(), min_val, max_val)
        print('clamp nan', name, min_val, max_val, torch.equal(torch.isnan(Y), torch.isnan(X)), Y)

# test_clamp_scalar_nan_bounds
x = torch.ones(3)
print('clamp nan bounds', torch.clamp(x, None, float('nan')), torch.clamp(x, float('nan'), None))

# test_clamp_raises_arg_errors
X = detrand.randn(100)
attempt('clamp()', lambda: X.clamp())
attempt('clamp_()', lambda: X.clamp_())
attempt('torch.clamp(X)', lambda: torch.clamp(X))
