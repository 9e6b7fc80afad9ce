# PyTorch twin of test_shape_ops.mjs: a slice of PyTorch's own test/test_shape_ops.py (pytorch/pytorch,
# TestShapeOps as stored at commit 00972c015f0846e856f3fb8d46de73804a55a4de), on the CPU: test_unbind, test_tolist,
# test_movedim_invalid, test_movedim (every src / dst pair and sequences, with negative dims), test_diag,
# test_diagonal, test_diagonal_multidim, test_trace (the result dtype and value over the real dtypes), test_clamp,
# test_clamp_propagates_nans, test_clamp_scalar_nan_bounds, test_clamp_raises_arg_errors, test_flip (five dtypes),
# test_flip_errors, test_fliplr / test_flipud and their errors, test_rot90 and test_nonzero. Each assert prints
# the value it checks (NumPy's reference replaced by printing the value itself).
# Stand-ins: torch.rand / randn / randint / random draw from detrand; a raised error prints "raises"; out= forms
# and complex dtypes are left out.
# Run: /usr/bin/python3 examples/ports/test_shape_ops.py > examples/ports/test_shape_ops.expected.txt
from itertools import permutations, product

import torch
from torch import nan

import detrand
from pyport import attempt

detrand.seed(29)


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

# test_flip (values, wrapped and permuted dims, expanded, transposed, rectangular, no-op edge cases)
for dtype in (torch.int64, torch.float32, torch.bool, torch.uint8, torch.float16):
    data = torch.tensor([1, 2, 3, 4, 5, 6, 7, 8], dtype=dtype).view(2, 2, 2)
    nonctg = torch.zeros(2, 2, 4, dtype=dtype)[..., ::2].copy_(data)
    for in_t in (data, nonctg):
        for dims in (0, 1, 2, (0, 1), (0, 1, 2)):
            out = in_t.flip(dims)
            n = in_t.ndim
            same = torch.equal(in_t.flip(-n + dims), out) if not isinstance(dims, tuple) else all(
                torch.equal(in_t.flip(p), out) and torch.equal(in_t.flip((-n + p[0],) + p[1:]), out) for p in permutations(dims))
            print('flip', dtype, in_t.is_contiguous(), dims, out.flatten().tolist(), same)
in_t = torch.tensor([1, 2, 3]).view(3, 1).expand(3, 2)
print('flip expanded', in_t.flip(0).tolist(), in_t.flip(1).tolist())
in_t = torch.tensor([1, 2, 3, 4, 5, 6, 7, 8]).view(2, 2, 2).transpose(0, 1)
print('flip transposed', in_t.flip((0, 1, 2)).flatten().tolist())
in_t = torch.tensor([1, 2, 3, 4, 5, 6]).view(2, 3)
print('flip rectangular', in_t.flip(0).tolist(), in_t.flip(1).tolist())
x = detrand.rand(2, 3, 8, 8)
print('flip images', torch.equal(x.flip(3), x[..., torch.arange(7, -1, -1)]), torch.equal(x[..., ::2, :].flip(3), x[..., ::2, :][..., torch.arange(7, -1, -1)]),
      x.flip(2)[1, 2, 0, :3])
print('flip noops', torch.tensor(()).flip(0), torch.tensor(()).flip(()), list(torch.zeros(3, 0, 2).flip(1).shape),
      torch.tensor(5.).flip(0), torch.tensor([5.]).flip(0))
data = detrand.rand(2, 3, 4)
print('flip shapes', [list(data.flip(d).size()) for d in ((0,), (1,), (2,), (0, 1), (0, 2), (1, 2))])

# test_flip_errors
data = detrand.rand(2, 2, 2)
attempt('flip(0, 1, 1)', lambda: data.flip(0, 1, 1))
attempt('flip()', lambda: data.flip())
attempt('flip(0, 1, 2, 3)', lambda: data.flip(0, 1, 2, 3))
attempt('flip(3)', lambda: data.flip(3))

# test_fliplr, test_flipud and their errors
x = torch.arange(24).view(2, 3, 4)
print('fliplr', torch.fliplr(x).flatten().tolist(), 'flipud', torch.flipud(x).flatten().tolist())
attempt('fliplr 1-d', lambda: torch.fliplr(torch.arange(4)))
attempt('fliplr 0-d', lambda: torch.fliplr(torch.tensor(42)))
attempt('flipud 0-d', lambda: torch.flipud(torch.tensor(42)))

# test_rot90
data = torch.arange(1, 5).view(2, 2)
print('rot90', [data.rot90(k, [0, 1]).flatten().tolist() for k in range(4)], data.rot90().tolist())
print('rot90 dims', torch.equal(data.rot90(3, [0, 1]), data.rot90(1, [1, 0])), torch.equal(data.rot90(5, [0, 1]), data.rot90(1, [0, 1])),
      torch.equal(data.rot90(3, [0, 1]), data.rot90(-1, [0, 1])), torch.equal(data.rot90(-5, [0, 1]), data.rot90(-1, [0, 1])))
attempt('rot90 [0, -3]', lambda: data.rot90(1, [0, -3]))
attempt('rot90 [0, 2]', lambda: data.rot90(1, [0, 2]))
data = torch.arange(1, 9).view(2, 2, 2)
print('rot90 3-d', data.rot90(1, [1, 2]).flatten().tolist(), torch.equal(data.rot90(1, [1, -1]), data.rot90(1, [1, 2])))
for dims in ([0, 3], [1, 1], [0, 1, 2], [0]):
    attempt(f'rot90 {dims}', lambda: data.rot90(1, dims))

# test_nonzero
for dtype in (torch.bool, torch.uint8, torch.int32, torch.int64, torch.float32, torch.float64, torch.float16):
    for shape in ((12,), (12, 1), (1, 12), (6, 2), (3, 2, 2), (5, 5, 5)):
        tensor = detrand.randint(0, 2, shape).to(dtype)
        dst1 = torch.nonzero(tensor, as_tuple=False)
        dst2 = tensor.nonzero(as_tuple=False)
        tup1 = torch.stack(torch.nonzero(tensor, as_tuple=True)).t()
        tup2 = torch.stack(tensor.nonzero(as_tuple=True)).t()
        print('nonzero', dtype, shape, list(dst1.shape), dst1.dtype, dst1.sum(0).tolist(), torch.equal(dst1, dst2),
              torch.equal(tup1, dst1), torch.equal(tup2, dst1))
