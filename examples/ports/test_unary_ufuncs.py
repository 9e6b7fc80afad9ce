# PyTorch twin of test_unary_ufuncs.mjs: a slice of PyTorch's own test/test_unary_ufuncs.py (pytorch/pytorch
# commit 001fb5f0559eb59eefc7a71b24cc23276cda03c0, TestUnaryUfuncs, restricted to what PyTorch 1.13 has), on the
# CPU, the tests written out by hand rather than from OpInfos: test_nan_to_num, test_digamma_special,
# test_digamma, test_mvlgamma(_argcheck), test_polygamma_neg, test_op_invert, test_hardshrink(_edge_cases),
# test_hardswish, test_hardsigmoid(_backward), test_silu, test_threshold, test_igamma(c)_edge_cases,
# test_i0_special and the i0 ranges, test_abs_big_number, test_abs_signed_zero, test_absolute,
# test_isfinite_isinf_isnan(_int), test_isposinf_isneginf_float / _int_and_bool, test_bitwise_not,
# test_nonzero_empty, test_exp, test_sign, test_signbit_float, and the CPU values of test_polygamma. Each
# assertEqual(actual, expected) prints `actual` (compare_with_numpy prints the torch side), so the output is
# PyTorch 1.13's answer; checksums print 8 significant digits of float64 values, 6 of float32 ones.
# Stand-ins: make_tensor / torch.randn / torch.rand / torch.randint / random.random / np.random.randn draw from
# detrand; the SciPy / NumPy references are left out (the printed values are what they check); the out=
# forms are left out (tensorgrad has no out=); half / bfloat16 / complex dtypes are left out; torch.finfo and
# torch.iinfo's values are constants on the tensorgrad side; a raised error prints "raises".
# Run: /usr/bin/python3 examples/ports/test_unary_ufuncs.py > examples/ports/test_unary_ufuncs.expected.txt
import math

import torch
from torch import inf, nan

import detrand
from pyport import attempt

detrand.seed(23)

FLOATS = [torch.float32, torch.float64]
INTS = [torch.uint8, torch.int8, torch.int16, torch.int32, torch.int64]


def make_tensor(shape, dtype, low, high):
    t = detrand.rand(*shape, dtype=torch.float64) * (high - low) + low
    return t.to(dtype) if dtype.is_floating_point else t.floor().to(dtype)


def checksum(t):
    d = 6 if t.dtype == torch.float32 else 8
    t = t.double().flatten()
    w = torch.arange(1, t.numel() + 1, dtype=torch.double)
    return 'sum %.*g weighted %.*g' % (d, t.sum().item(), d, (t * w).sum().item())


# test_nan_to_num
for dtype in INTS[:1] + INTS[1:] + [torch.bool] + FLOATS:
    for contiguous in [False, True]:
        x = make_tensor((64, 64), dtype, 0., 100.)
        if dtype.is_floating_point:
            # Add extremal values.
            extremals = [float('nan'), float('inf'), -float('inf')]
            for idx, extremal in zip(detrand.randint(0, 63, (3,)), extremals):
                x[idx, :] = extremal
        if not contiguous:
            x = x.T
        # With args
        nan_, posinf, neginf = detrand.uniform(3)
        posinf *= 5
        neginf *= 10
        print('nan_to_num', dtype, contiguous, checksum(x.nan_to_num(nan=nan_, posinf=posinf)))
        print('nan_to_num', dtype, contiguous, checksum(x.nan_to_num(posinf=posinf, neginf=neginf)))
        r = torch.nan_to_num(x)
        print('nan_to_num', dtype, contiguous, r.dtype, checksum(r.clamp(-1000, 1000)) if dtype.is_floating_point else checksum(r))
        print('nan_to_num', dtype, contiguous, checksum(torch.nan_to_num(x, nan=nan_, posinf=posinf, neginf=neginf)))
print('nan_to_num float32 extremes', torch.nan_to_num(torch.tensor([nan, inf, -inf, 1.5])).tolist())
print('nan_to_num float64 extremes', torch.nan_to_num(torch.tensor([nan, inf, -inf, 1.5], dtype=torch.float64)).tolist())

# test_digamma_special
euler = 0.57721566490153286
for dtype in FLOATS:
    dataset = [(0., -0.),
               (1, -euler),
               (0.5, -2 * math.log(2) - euler),
               (1 / 3, -math.pi / (2 * math.sqrt(3)) - 3 * math.log(3) / 2 - euler),
               (1 / 4, -math.pi / 2 - 3 * math.log(2) - euler),
               (1 / 6, -math.pi * math.sqrt(3) / 2 - 2 * math.log(2) - 3 * math.log(3) / 2 - euler),
               (1 / 8, -math.pi / 2 - 4 * math.log(2) -
                   (math.pi + math.log(2 + math.sqrt(2)) - math.log(2 - math.sqrt(2))) / math.sqrt(2) - euler)]
    x = torch.tensor(dataset, dtype=dtype)
    print('digamma special', torch.digamma(x))

# test_digamma
for dtype in FLOATS:
    tensor = torch.tensor([-0.999999994, -1.999999994, -2.0000000111,
                           -100.99999994, 0.000000111,
                           -0.000000111, 0, -0, -1, -2, -931], dtype=dtype)
    print('digamma poles', torch.digamma(tensor))

# test_mvlgamma
for d in range(1, 5):
    input = detrand.rand(10) * (10 - d) + d
    print('mvlgamma', d, torch.mvlgamma(input, d))

# test_mvlgamma_argcheck
for d in (2, 3):
    attempt('mvlgamma argcheck %d' % d, lambda: torch.mvlgamma(torch.linspace((d - 2) / 2, 10, 10), d).shape[0])

# test_polygamma_neg
attempt('polygamma -1', lambda: torch.polygamma(-1, torch.tensor([1.0, 2.0])))

# test_polygamma (the CPU values)
cpu_tensor = detrand.randn(4, 5, dtype=torch.float64)
for n in [0, 1, 2, 3, 4, 5]:
    print('polygamma', n, checksum(cpu_tensor.polygamma(n)))

# test_op_invert
res = 0xffff - torch.arange(127, dtype=torch.int8)
for dtype in (torch.uint8, torch.int8, torch.int16, torch.int32, torch.int64):
    a = torch.arange(127, dtype=dtype)
    print('invert', dtype, bool((res.to(dtype) == ~a).all()), (~a)[:4], (~a)[-2:])
print('invert bool', ~torch.tensor([False, True]))
for dtype in (torch.float, torch.double):
    attempt('invert %s' % dtype, lambda: ~torch.zeros(10, dtype=dtype))

# test_hardshrink
for dtype in FLOATS:
    data = torch.tensor([1, 0.5, 0.3, 0.6], dtype=dtype).view(2, 2)
    print('hardshrink', data.hardshrink(), data.hardshrink(0.3), data.t().hardshrink(0.3))


# test_hardshrink_edge_cases
def h(values, l_expected):
    for l, expected in l_expected.items():
        values_tensor = torch.tensor([float(v) for v in values], dtype=dtype)
        print('hardshrink edge', dtype, l, values_tensor.hardshrink(l).tolist())


for dtype, tiny, big in [(torch.float32, 1.1754943508222875e-38, 3.4028234663852886e+38),
                         (torch.float64, 2.2250738585072014e-308, 1.7976931348623157e+308)]:
    assert tiny == torch.finfo(dtype).tiny and big == torch.finfo(dtype).max
    min, max = tiny, big
    h([0.0, min, -min, 0.1, -0.1, 1.0, -1.0, max, -max, inf, -inf], {0.0: 0, min: 0, 0.1: 0, 1.0: 0, max: 0, inf: 0})

# test_hardswish / test_hardsigmoid / test_hardsigmoid_backward
for dtype in FLOATS:
    inputValues = [-1000, -4, -3, -2, 0, 2, 3, 4, 1000]
    inputTensor = torch.tensor(inputValues, dtype=dtype)
    print('hardswish', torch.nn.functional.hardswish(inputTensor))
    inputTensorCpy = inputTensor.clone().detach()
    torch.nn.functional.hardswish(inputTensorCpy, inplace=True)
    print('hardswish inplace', inputTensorCpy)
    print('hardsigmoid', torch.nn.functional.hardsigmoid(inputTensor))
    inputTensorCpy = inputTensor.clone().detach()
    print('hardsigmoid inplace', torch.nn.functional.hardsigmoid(inputTensorCpy, inplace=True))
    inputValues = [-3.0, 3.0, -2.0, 2.0, -6.0, 6.0]
    inputTensor = torch.tensor(inputValues, dtype=dtype).requires_grad_()
    out = torch.nn.functional.hardsigmoid(inputTensor)
    out.backward(torch.ones_like(inputTensor))
    print('hardsigmoid backward', inputTensor.grad)

# test_silu
for dtype in FLOATS:
    input = torch.cat([detrand.randn(5, 8, dtype=torch.float64),
                       torch.tensor([[-1000, -1, -0.1, 0, 0.5, 1, 2, 1000]], dtype=torch.float64)]).to(dtype)
    print('silu', torch.nn.functional.silu(input)[5])
    print('silu', dtype, checksum(torch.nn.functional.silu(input)))
    print('silu inplace', dtype, checksum(torch.nn.functional.silu(input.clone(), inplace=True)))
    input_noncontig = input.clone().transpose(0, 1)
    print('silu noncontig', dtype, checksum(torch.nn.functional.silu(input_noncontig)))
    print('silu noncontig inplace', dtype, checksum(torch.nn.functional.silu(input_noncontig, inplace=True)))

# test_threshold
for dtype in [torch.int8, torch.int16, torch.int32, torch.int64, torch.float32, torch.float64]:
    x = detrand.randn(100).sign().to(dtype=dtype)
    y = torch.threshold(x, 0, 0)
    print('threshold', dtype, bool(y.le(0).any()), y.dtype, int(y.sum()))

# test_igamma_edge_cases / test_igammac_edge_cases
for dtype in FLOATS:
    tkwargs = {"dtype": dtype}
    infs = torch.zeros((3,), **tkwargs) + float("inf")
    zeros = torch.zeros((3,), **tkwargs)
    zero_to_large = torch.tensor([0., 1., 1e3], **tkwargs)
    small_to_inf = torch.tensor([1e-3, 1., float("inf")], **tkwargs)
    inputs = [(zeros, small_to_inf), (small_to_inf, zeros), (infs, zero_to_large), (zero_to_large, infs),
              (zeros, zeros), (infs, infs), (-small_to_inf, small_to_inf)]
    for input0, input1 in inputs:
        print('igamma', torch.igamma(input0, input1), 'igammac', torch.igammac(input0, input1))

# test_igamma_common / test_igammac_common (their inputs; the values SciPy checks)
for dtype in FLOATS:
    exp1 = 2.71828182846
    vec1 = torch.logspace(-4, 4, steps=500, base=exp1, dtype=torch.float64).unsqueeze(-1).to(dtype)
    for input0, input1 in [(vec1, vec1.transpose(0, 1)), (vec1, vec1), (vec1, 0.5 * vec1), (vec1, 2.0 * vec1),
                           (vec1[::2, :], vec1[::2, :]), (vec1[::2, :], vec1[:vec1.shape[0] // 2, :])]:
        print('igamma common', dtype, list(input0.shape), list(input1.shape),
              checksum(torch.igamma(input0, input1)), checksum(torch.igammac(input0, input1)))

# test_i0_special / _i0_range_helper
for dtype in FLOATS:
    print('i0 empty', torch.i0(torch.tensor([], dtype=dtype)))
    print('i0 special', torch.i0(torch.tensor([inf, -inf, nan], dtype=dtype)))
    for r in (13.25, 88.5) + ((709.75,) if dtype == torch.float64 else ()):
        for sign in (1, -1):
            t = detrand.rand(8).to(dtype) * (r * sign)
            print('i0 range', dtype, r * sign, torch.i0(t))

# test_abs_big_number
bignumber = 2 ** 31 + 1
res = torch.tensor([bignumber], dtype=torch.long)
print('abs big', res.abs()[0], res.neg().abs()[0])

# test_abs_signed_zero
for dtype in FLOATS:
    size = 128 + 1
    inp = torch.zeros(size, dtype=dtype)
    inp[::2] = -0.0
    inp = inp.abs()
    print('abs signed zero', dtype, sum(math.copysign(1.0, v) > 0.0 for v in inp.tolist()))
    print('abs zeros', torch.tensor([0.0, -0.0], dtype=dtype).abs().tolist())

# test_absolute
t = detrand.randn(10, 10)
print('absolute', bool(torch.equal(t.abs(), t.absolute())), bool(torch.equal(torch.abs(t), torch.absolute(t))))
t_copy = t.clone()
t.absolute_()
t_copy.abs_()
print('absolute_', bool(torch.equal(t, t_copy)))

# test_isfinite_isinf_isnan / _int
for dtype in FLOATS:
    vals = (-float('inf'), float('inf'), float('nan'), -1, 0, 1)
    t = torch.tensor(vals, dtype=dtype)
    print('isfinite', dtype, torch.isfinite(t), torch.isinf(t), torch.isnan(t))
for dtype in (torch.int8, torch.int16, torch.int32, torch.int64):
    t = torch.tensor((-1, 0, 1), dtype=dtype)
    print('isfinite', dtype, torch.isfinite(t), torch.isinf(t), torch.isnan(t))

# test_isposinf_isneginf_float / _int_and_bool
for dtype in FLOATS:
    t = torch.tensor((-float('inf'), float('inf'), float('nan'), -1, 0, 1), dtype=dtype)
    print('isposinf', dtype, torch.isposinf(t), torch.isneginf(t))
for dtype in INTS + [torch.bool]:
    t = torch.tensor((-1, 0, 1), dtype=dtype) if dtype not in (torch.uint8, torch.bool) else torch.tensor((1, 0, 1), dtype=dtype)
    print('isposinf', dtype, torch.isposinf(t), torch.isneginf(t))

# test_isfinite_type / test_isinf_type
attempt('isfinite(1)', lambda: torch.isfinite(1))
attempt('isinf(1)', lambda: torch.isinf(1))

# test_bitwise_not
res = 0xffff - torch.arange(127, dtype=torch.int8)
for dtype in (torch.bool, torch.uint8, torch.int8, torch.int16, torch.int32, torch.int64):
    if dtype == torch.bool:
        a = torch.tensor([True, False])
        expected_res = torch.tensor([False, True])
    else:
        a = torch.arange(127, dtype=dtype)
        expected_res = res.to(dtype)
    print('bitwise_not', dtype, bool(torch.equal(expected_res, a.bitwise_not())), a.bitwise_not()[:3])
    a.bitwise_not_()
    print('bitwise_not_', dtype, bool(torch.equal(expected_res, a)))
for dtype in (torch.float, torch.double):
    a = torch.zeros(10, dtype=dtype)
    attempt('bitwise_not %s' % dtype, lambda: a.bitwise_not())
    attempt('bitwise_not_ %s' % dtype, lambda: a.bitwise_not_())

# test_nonzero_empty
x = torch.zeros(0, 2, 0, 5, 0)
y = torch.nonzero(x)
z = torch.nonzero(x, as_tuple=True)
print('nonzero empty', y.numel(), list(y.shape), len(z), [list(t.shape) for t in z])
x = torch.tensor(0.5)
y = torch.nonzero(x)
z = torch.nonzero(x, as_tuple=True)
print('nonzero 0-d', y, len(z), z[0])
x = torch.zeros(())
y = torch.nonzero(x)
z = torch.nonzero(x, as_tuple=True)
print('nonzero 0-d zero', list(y.shape), len(z), z[0])

# test_exp
for dtype in FLOATS:
    for v in (2, -2):
        a = torch.tensor(v, dtype=dtype) * torch.arange(18) / 3 * math.pi
        a = a.to(dtype)
        print('exp', dtype, v, torch.exp(a))

# test_sign
a_bool = torch.tensor([True, True, False, float('nan')]).bool()
print('sign bool', a_bool.sign(), torch.sign(a_bool))
a_bool.sign_()
print('sign_ bool', a_bool)
for dtype, lo, hi in [(torch.float32, -3.4028234663852886e+38, 3.4028234663852886e+38),
                      (torch.float64, -1.7976931348623157e+308, 1.7976931348623157e+308),
                      (torch.uint8, 0, 255), (torch.int8, -128, 127), (torch.int16, -32768, 32767),
                      (torch.int32, -2 ** 31, 2 ** 31 - 1), (torch.int64, -2 ** 63, 2 ** 63 - 1)]:
    info = torch.finfo(dtype) if dtype.is_floating_point else torch.iinfo(dtype)
    assert (info.min, info.max) == (lo, hi)
    if dtype.is_floating_point:
        a = torch.tensor([float('nan'), -12, 0, 71, lo, hi], dtype=dtype)
    elif lo == 0:
        a = torch.tensor([12, 0, 71, lo, hi], dtype=dtype)
    else:
        a = torch.tensor([-12, 0, 71, lo, hi], dtype=dtype)
    print('sign', dtype, a.sign(), torch.sign(a))
    a.sign_()
    print('sign_', dtype, a)

# test_signbit_float
for dtype in FLOATS:
    t = detrand.randn(5, 5).to(dtype)
    print('signbit', dtype, bool(torch.equal(torch.signbit(t), t < 0)))
    t = torch.tensor([0.0, -0.0, -1.0, 1.0, -inf, inf, nan, -nan], dtype=dtype)
    print('signbit', dtype, torch.signbit(t))
