# PyTorch twin of test_reductions.mjs: a slice of PyTorch's own test/test_reductions.py (pytorch/pytorch,
# TestReductions, the version stored at commit 002ca6715ba1ab4d2369262b487eeb30bf249911, restricted to what
# PyTorch 1.13 has), on the CPU. Each assert prints the value it checks, so the output is PyTorch 1.13's answer:
# the ReductionOpInfo shape tests (_test_dim_keepdim over dim default / None / single / [] / multi / unsorted /
# duplicate / off-bounds) and the empty-tensor rules for sum, mean, prod, amax, amin, argmax, argmin, var, std,
# logsumexp, nansum, nanmean, count_nonzero, all, any; the noncontiguous tests; then the legacy tests
# test_var_unbiased, test_var_stability(2), test_sum_dim_reduction_uint8_overflow, test_mean_int_with_optdtype,
# _test_reduce_integer_upcast (result dtypes of sum / prod / cumsum / cumprod, with and without dtype=),
# test_mode, test_var_mean_some_dims, test_all_any(_with_dim, _empty), test_max/min_with_inf,
# _test_minmax_helper's index and nan cases, test_bincount, test_sum_all, test_prod_bool, test_nansum,
# test_dim_reduction_lastdim, test_logsumexp(_integral_promotion) and test_bucketization.
# Stand-ins: make_tensor / torch.randn / torch.randint / random.randint draw from detrand; a raised error prints
# "raises" (tensorgrad's errors are TypeError / RangeError where PyTorch's are RuntimeError / IndexError); the
# out= forms are left out (tensorgrad has no out=); float16 / bfloat16 / complex cases are left out.
# Run: /usr/bin/python3 examples/ports/test_reductions.py > examples/ports/test_reductions.expected.txt
from itertools import combinations

import torch
from torch import inf, nan

import detrand
from pyport import attempt

detrand.seed(11)


def make_tensor(shape, dtype=torch.float32, low=-9, high=9):
    t = detrand.rand(*shape, dtype=torch.float64) * (high - low) + low
    return t.to(dtype) if dtype.is_floating_point else t.floor().to(dtype)


# name, op, supports multiple dims
OPS = [
    ('sum', torch.sum, True),
    ('mean', torch.mean, True),
    ('prod', torch.prod, False),
    ('amax', torch.amax, True),
    ('amin', torch.amin, True),
    ('argmax', torch.argmax, False),
    ('argmin', torch.argmin, False),
    ('var', torch.var, True),
    ('std', torch.std, True),
    ('logsumexp', torch.logsumexp, True),
    ('nansum', torch.nansum, True),
    ('nanmean', torch.nanmean, True),
    ('count_nonzero', torch.count_nonzero, True),
    ('all', torch.all, False),
    ('any', torch.any, False),
]
# ops whose dim is required (no dim=None form in 1.13)
NEEDS_DIM = {'logsumexp'}


def shape_of(op, ndim, **kw):
    shape = [2 + (i % 3) for i in range(ndim)]
    t = make_tensor(shape)
    return list(op(t, **kw).shape)


# _test_dim_keepdim: test_dim_default ... test_dim_offbounds
for name, op, multi in OPS:
    for ndim in range(3):
        if name not in NEEDS_DIM:
            attempt(f'{name} default ndim={ndim}', lambda: shape_of(op, ndim))
            attempt(f'{name} default keepdim ndim={ndim}', lambda: shape_of(op, ndim, keepdim=True))
    for ndim, dim in ((0, 0), (1, 0), (2, -1), (3, 1)):
        attempt(f'{name} dim={dim} ndim={ndim}', lambda: shape_of(op, ndim, dim=dim))
        attempt(f'{name} dim={dim} keepdim ndim={ndim}', lambda: shape_of(op, ndim, dim=dim, keepdim=True))
    if multi:
        for ndim, dim in ((0, []), (2, []), (1, [0]), (3, [0, 2]), (4, [3, 0, 2])):
            attempt(f'{name} dim={dim} ndim={ndim}', lambda: shape_of(op, ndim, dim=dim))
            attempt(f'{name} dim={dim} keepdim ndim={ndim}', lambda: shape_of(op, ndim, dim=dim, keepdim=True))
        attempt(f'{name} duplicate dims', lambda: shape_of(op, 3, dim=[0, 1, 1, 2]))
    attempt(f'{name} off-bounds dim', lambda: shape_of(op, 2, dim=2))

# test_empty_tensor_empty_slice / test_empty_tensor_nonempty_slice
for name, op, multi in OPS:
    t = make_tensor((0, 2, 3))
    for dim in [0] + ([[0, 2]] if multi else []):
        attempt(f'{name} empty slice dim={dim}', lambda: op(t, dim=dim))
    for dim in [1] + ([[1, 2]] if multi else []):
        attempt(f'{name} nonempty slice dim={dim}', lambda: list(op(t, dim=dim).shape))

# test_noncontiguous_innermost / outermost / all / transposed / expanded
for name, op, multi in OPS:
    t = make_tensor((6, 6), low=-1, high=1)
    print(name, 'innermost', op(t[:, ::2], dim=1))
    print(name, 'outermost', op(t[::2, :], dim=0))
    t3 = make_tensor((5, 5, 5), low=-1, high=1)
    if name not in NEEDS_DIM:
        print(name, 'all', op(t3[::2, ::3, 1:-1:2]))
        print(name, 'transposed', op(t.T))
        print(name, 'expanded', op(make_tensor((2, 3), low=-1, high=1).unsqueeze(1).expand(-1, 5, -1)))

# test_var_unbiased
tensor = detrand.randn(100)
print('var unbiased', torch.equal(tensor.var(0), tensor.var(0, unbiased=True)), tensor.var(0))
print('var all unbiased', torch.equal(tensor.var(), tensor.var(unbiased=True)), tensor.var())
print('var biased', torch.equal(tensor.var(unbiased=False), tensor.var(0, unbiased=False)), tensor.var(unbiased=False))
print('var [1, 2]', torch.tensor([1.0, 2.0]).var(unbiased=True), torch.tensor([1.0, 2.0]).var(unbiased=False))
print('var [1, 2, 3]', torch.tensor([1.0, 2.0, 3.0]).var(unbiased=True), torch.tensor([1.0, 2.0, 3.0]).var(unbiased=False))
print('std unbiased', tensor.std(0), tensor.std(), tensor.std(unbiased=False))

# test_var_stability, test_var_stability2
tensor = torch.tensor([2281.5, 2281.25])
print('var stability', tensor.var(dim=0), tensor.var(), tensor.unsqueeze(1).var(0))

# test_sum_dim_reduction_uint8_overflow
x = torch.tensor([[255, 2, 1], [5, 3, 6]], dtype=torch.uint8)
print('uint8 sum', x.sum(dtype=torch.uint8).item(), x.sum(0, dtype=torch.uint8), x.sum(1, dtype=torch.uint8))
print('uint8 sum default', x.sum(), x.sum(0))

# test_mean_int_with_optdtype
a = make_tensor((3, 4, 5), dtype=torch.int64)
print('mean int dtype', a.mean(dtype=torch.float32), a.to(torch.float32).mean())
attempt('mean int', lambda: a.mean())

# _test_reduce_integer_upcast
for fname, fn in (('sum', lambda x, **kw: torch.sum(x, **kw)), ('sum0', lambda x, **kw: torch.sum(x, 0, **kw)),
                  ('prod', lambda x, **kw: torch.prod(x, **kw)), ('prod0', lambda x, **kw: torch.prod(x, 0, **kw)),
                  ('cumsum', lambda x, **kw: torch.cumsum(x, 0, **kw)),
                  ('cumprod', lambda x, **kw: torch.cumprod(x, 0, **kw))):
    for dtype in (torch.uint8, torch.int8, torch.int16, torch.int32, torch.int64, torch.float32, torch.float64, torch.bool):
        x = torch.ones((3, 4, 5), dtype=dtype)
        if dtype.is_floating_point:
            other = torch.float32 if dtype == torch.float64 else torch.float64
            mixed = torch.int32
        else:
            other = torch.int32 if dtype != torch.int32 else torch.int16
            mixed = torch.float32
        r = fn(x)
        print('upcast', fname, dtype, r.dtype, fn(x, dtype=other).dtype, fn(x, dtype=mixed).dtype,
              r.reshape(-1)[0].item(), torch.equal(fn(x.to(other)), fn(x, dtype=other)))

# test_mode
SIZE = 10
x = torch.arange(1., SIZE * SIZE + 1).reshape(SIZE, SIZE)
x[:2] = 1
x[:, :2] = 1
x0 = x.clone()
v, i = torch.mode(x, keepdim=False)
print('mode', v, i)
v, i = torch.mode(x, 0, False)
print('mode dim 0', v, i)
print('mode unchanged', torch.equal(x, x0))

# test_var_mean_some_dims
x = detrand.rand(4, 6, 7, 5, 3)
same = []
for num_of_dims in range(2, 5):
    for dim in combinations(range(5), r=num_of_dims):
        for unbiased in (False, True):
            for keepdim in (False, True):
                var1, mean1 = torch.var_mean(x, dim=dim, unbiased=unbiased, keepdim=keepdim)
                var2 = x.var(dim=dim, unbiased=unbiased, keepdim=keepdim)
                mean2 = x.mean(dim=dim, keepdim=keepdim)
                same.append(torch.allclose(var1, var2) and torch.allclose(mean1, mean2) and var1.shape == var2.shape)
print('var_mean some dims', len(same), all(same))
print('var_mean', torch.var_mean(x[0, 0], dim=(0, 1)), torch.std_mean(x[0, 0], dim=1, keepdim=True))

# test_all_any
for size in ((10,), (5, 5)):
    for dtype in (torch.uint8, torch.bool):
        x = torch.ones(*size).to(dtype)
        r = [x.all().item(), x.any().item()]
        x[3] = 0
        r += [x.all().item(), x.any().item()]
        x.zero_()
        r += [x.all().item(), x.any().item()]
        print('all any', size, dtype, r, x.all().dtype)

# test_all_any_with_dim
x = torch.tensor([[0, 0, 0], [0, 0, 1], [0, 1, 1], [1, 1, 1]], dtype=torch.uint8)
print('all dim', x.prod(dim=0, keepdim=False).byte(), x.all(dim=0, keepdim=False))
print('any dim', x.sum(dim=1, keepdim=True).clamp(0, 1).byte(), x.any(dim=1, keepdim=True))

# test_all_any_empty
for dtype in (torch.uint8, torch.bool):
    x = torch.tensor([], dtype=dtype)
    print('all any empty', x.all(), x.any())

# test_max_with_inf, test_min_with_inf
for dtype in (torch.float32, torch.float64):
    a = torch.tensor([[-inf, -inf, inf, 3], [inf, inf, -inf, -1]], dtype=dtype)
    print('max inf', torch.max(a, dim=1), torch.amax(a, dim=1), torch.max(a), torch.amax(a))
    print('min inf', torch.min(a, dim=1), torch.amin(a, dim=1), torch.min(a), torch.amin(a))

# _test_minmax_helper: indices on a matrix and its transpose, nan
for dtype in (torch.float32, torch.float64, torch.int64, torch.int32, torch.bool):
    size = 5
    if dtype.is_floating_point:
        x = detrand.randn(size, size, dtype=dtype)
    elif dtype == torch.bool:
        x = detrand.randint(0, 2, (size, size)).bool()
    else:
        x = detrand.randint(-1000, 1000, (size, size)).to(dtype)
    for xinp in (x, x.t()):
        for d in (0, 1):
            v, i = torch.max(xinp, d, False)
            v2, i2 = torch.min(xinp, d, False)
            print('minmax', dtype, d, v, i, v2, i2, torch.amax(xinp, d), torch.amin(xinp, d))
            sel = xinp[torch.arange(size), i] if d == 1 else xinp[i, torch.arange(size)]
            print('minmax select', torch.equal(sel, v))
    xs = (x.reshape(5, 5, 1).expand(5, 5, 2))[:, 3]
    print('minmax noncontiguous', torch.max(xs), torch.amin(xs, 0))
    if dtype != torch.bool:
        print('argminmax noncontiguous', torch.argmax(xs, 0), torch.argmin(xs))
    if dtype.is_floating_point:
        for index in (0, 4, 99):
            x = detrand.randn(100, dtype=dtype)
            x[index] = nan
            v, i = torch.max(x, 0)
            v2, i2 = torch.min(x, 0)
            print('minmax nan', index, v, i, v2, i2, torch.max(x), torch.amax(x), torch.amin(x, 0),
                  torch.argmax(x), torch.argmin(x))
            print('aminmax nan', torch.aminmax(x))

# test_bincount
attempt('bincount negative', lambda: torch.bincount(torch.tensor([1, -1])))
attempt('bincount 2-d', lambda: torch.bincount(torch.tensor([[1, 2], [3, 4]])))
attempt('bincount float', lambda: torch.bincount(torch.tensor([1., 0.3])))
attempt('bincount minlength', lambda: torch.bincount(torch.tensor([1, 3]), torch.tensor([.2, .2]), minlength=-1))
attempt('bincount 2-d weights', lambda: torch.bincount(torch.tensor([1, 0]), torch.tensor([[1., 0.3], [1., 0.3]])))
attempt('bincount length', lambda: torch.bincount(torch.tensor([1, 0]), torch.tensor([1., 0.3, 0.5])))
print('bincount empty', torch.bincount(torch.tensor([], dtype=torch.long)),
      torch.bincount(torch.tensor([], dtype=torch.long), minlength=10))
print('bincount uint8', torch.tensor([0, 3, 2, 1, 3], dtype=torch.uint8).bincount())
print('bincount 255', torch.tensor([0, 1, 2, 3, 255], dtype=torch.uint8).bincount().sum(),
      torch.tensor([0, 1, 2, 3, 255], dtype=torch.int16).bincount().shape)
print('bincount minlength', torch.bincount(torch.tensor([1, 1, 1, 1]), minlength=5))
print('bincount weights', torch.bincount(torch.tensor([0, 1, 1, 1, 4]), torch.tensor([.1, .2, .3, .4, .5])))
print('bincount int8 weights', torch.bincount(torch.tensor([0, 1, 1, 1, 4]), torch.tensor([1, 2, 3, 4, 5], dtype=torch.int8)))
inputs = torch.tensor([[0, 0], [3, 1], [2, 1], [1, 1], [3, 4]])
weights = torch.tensor([[.1, 1], [.2, 2], [.3, 3], [.4, 4], [.5, 5]])
print('bincount noncontiguous', inputs[:, 0].bincount(), inputs[:, 1].bincount(weights[:, 1]),
      inputs[:, 1].contiguous().bincount(weights[:, 1]))
print('bincount slices', torch.zeros((32, 2), dtype=torch.int64)[:, 0].bincount(),
      torch.ones((32, 2), dtype=torch.int64)[:, 0].bincount())
print('bincount large', torch.ones(100000, dtype=torch.int8).bincount())

# test_sum_all
for t in (torch.tensor([1, 2, 3, 4, 5], dtype=torch.float64), detrand.randn(2000, dtype=torch.float64),
          detrand.randn(200, 2, dtype=torch.float64)[:, 0], torch.tensor([True, False, True])):
    print('sum all', t.sum(), sum(t.reshape(-1).tolist()))

# test_prod_bool
for val in ([True, True], [True, False], [False, False], [], [False] * 256):
    print('prod bool', torch.prod(torch.tensor(val, dtype=torch.bool), dtype=torch.bool),
          torch.prod(torch.tensor(val, dtype=torch.bool)))

# test_nansum
for dtype in (torch.float32, torch.float64, torch.int64, torch.int32):
    for noncontiguous in (True, False):
        for dim in (0, 1, None):
            scale = 10
            x = make_tensor((5, 5) if not noncontiguous else (5, 10), dtype=dtype, low=-scale, high=scale)
            if noncontiguous:
                x = x[:, ::2]
            if dtype.is_floating_point:
                nan_mask = x < 0.2 * scale
                x_nonan = torch.where(nan_mask, torch.zeros((), dtype=dtype), x)
                x[nan_mask] = nan
            else:
                x_nonan = x
            kw = {} if dim is None else {'dim': dim}
            print('nansum', dtype, noncontiguous, dim, torch.nansum(x, **kw), torch.allclose(torch.sum(x_nonan, **kw), torch.nansum(x, **kw)))

# test_dim_reduction_lastdim
x = detrand.randn(3, 5, 40)
x = x[:, :, 0:40:2]
x2 = x.contiguous()
for op in (torch.norm, torch.argmax, torch.argmin):
    print('lastdim', op(x, dim=-1), torch.allclose(op(x, dim=-1), op(x2, dim=-1)))

# test_logsumexp
for dtype in (torch.float32, torch.float64):
    a = detrand.randn(5, 4, dtype=dtype)
    a[1, :] = -inf
    print('logsumexp', a.logsumexp(1))
    a[2, 1] = inf
    print('logsumexp inf', a.logsumexp(1), a.logsumexp(0, keepdim=True))
e = detrand.randint(-100, 100, (5, 4))
print('logsumexp integral', e.logsumexp(1))
print('logsumexp empty', torch.logsumexp(torch.empty(0), 0), torch.logsumexp(torch.full((2, 3), -inf), (0, 1)))

# test_bucketization
values_1d = torch.tensor([1, 2, 3, 4, 5, 6, 7, 8, 9])
values_3d = torch.tensor([[[1, 3, 5], [2, 4, 6]], [[1, 2, 3], [4, 5, 6]]])
boundaries = torch.tensor([1, 2, 3, 4, 5, 6])
print('bucketize', torch.bucketize(values_3d, boundaries))
print('bucketize right', torch.bucketize(values_3d, boundaries, right=True))
values_1d_float = values_1d.to(torch.float32)
boundaries = torch.tensor([0.9, 1, 2, 2, 3, 3, 4, 4.1, 9, 9])
print('searchsorted int32', torch.searchsorted(boundaries, values_1d_float, out_int32=True))
print('bucketize int32', torch.bucketize(values_1d_float, boundaries, out_int32=True))
boundaries = torch.tensor([1, 2, 3, 4, 5, 6], dtype=torch.int64)
values_0_el = torch.tensor([[[]]], dtype=torch.int64)
print('searchsorted empty', torch.searchsorted(boundaries, values_0_el), torch.bucketize(values_0_el, boundaries))
values_nan = torch.tensor([1.0, nan, 2.0, nan], dtype=torch.float64)
boundaries = torch.tensor([0.0, 1.0, 2.0, 3.0], dtype=torch.float64)
print('searchsorted nan', torch.searchsorted(boundaries, values_nan), torch.searchsorted(boundaries, values_nan, right=True),
      torch.searchsorted(boundaries, values_nan, side='right'))
values_3d_permute = values_3d.permute(2, 1, 0).to(torch.int32)
boundaries_permute = values_3d.permute(2, 1, 0).to(torch.float64)
print('searchsorted promotion', torch.searchsorted(boundaries_permute, values_3d_permute))
boundaries = torch.tensor([1.5, 2.5, 3.5])
print('searchsorted scalar', torch.searchsorted(boundaries, 2), torch.bucketize(torch.tensor(2), boundaries),
      torch.searchsorted(boundaries, torch.tensor(nan)), torch.bucketize(nan, boundaries, right=True))
boundaries = torch.tensor([[1, 2, 3], [4, 5, 6]])
attempt('searchsorted dims', lambda: torch.searchsorted(boundaries, values_3d))
attempt('bucketize 2-d boundaries', lambda: torch.bucketize(values_3d, boundaries))
attempt('searchsorted scalar 2-d', lambda: torch.searchsorted(boundaries, 1))
attempt('searchsorted side', lambda: torch.searchsorted(values_1d, values_1d, side='bad'))
sequence = detrand.rand(9)
_, sorted_idx = torch.sort(sequence)
attempt('searchsorted sorter size', lambda: torch.searchsorted(sequence, values_1d, sorter=sorted_idx[:-1]))
attempt('searchsorted sorter dtype', lambda: torch.searchsorted(sequence, values_1d, sorter=sorted_idx.to(torch.float32)))
print('searchsorted sorter', torch.searchsorted(sequence, torch.tensor([0.5]), sorter=sorted_idx))
