# PyTorch twin of test_binary_ufuncs.mjs: a slice of PyTorch's own test/test_binary_ufuncs.py (pytorch/pytorch,
# TestBinaryUfuncs as stored at commit 001758d0c4ad092f3e90ffa0f59486042d330298), on the CPU. Each assert prints
# the value it checks, so the output is PyTorch 1.13's answer: test_broadcasting / test_broadcast_python_scalar /
# test_not_broadcastable over 24 binary ufuncs, test_add_broadcast_empty, the comparison tests (bool results,
# in-place dtype rule, scalar and 0-d overflow), test_bitwise_ops, test_div_rounding_modes, _nonfinite,
# test_divide_by_zero_rounding, the pow tests (_test_pow's value, dtype, in-place and error rules over
# test_int_and_float_pow, test_pow_inplace_resizing_exception, test_int_tensor_pow_neg_ints,
# test_long_tensor_pow_floats, test_float_scalar_pow_float_tensor, test_tensor_pow_tensor), the division-vs-Python
# tests, test_binary_ops_with_scalars, the maximum / minimum type promotion, int / bool and nan / inf tests, and
# the result dtype of add over every pair of the ten real dtypes (tensor, 0-d tensor, Python int / float / bool).
# Stand-ins: make_tensor / torch.randn / numpy's generator draw from detrand; a raised error prints "raises"
# (tensorgrad's errors are TypeError / RangeError where PyTorch's are RuntimeError); out= forms, complex,
# CUDA and TorchScript cases are left out; NumPy references are replaced by printing the value itself.
# Run: /usr/bin/python3 examples/ports/test_binary_ufuncs.py > examples/ports/test_binary_ufuncs.expected.txt
import math
from itertools import product

import torch
from torch import inf, nan

import detrand
from pyport import attempt

detrand.seed(17)

DTYPES = [torch.bool, torch.uint8, torch.int8, torch.int16, torch.int32, torch.int64,
          torch.float16, torch.bfloat16, torch.float32, torch.float64]


def make_tensor(shape, dtype=torch.float32, low=-9, high=9, noncontiguous=False):
    if noncontiguous and len(shape) > 0:
        t = make_tensor(shape[:-1] + (2 * shape[-1],), dtype, low, high)
        return t[..., ::2]
    t = detrand.rand(*shape, dtype=torch.float64) * (high - low) + low
    if dtype == torch.bool:
        return t > (low + high) / 2
    return t.to(dtype) if dtype.is_floating_point else t.floor().to(dtype)


# binary ufuncs: name, op, lhs / rhs bounds (positive where the op needs it), dtype
BINARY = [
    ('add', torch.add), ('sub', torch.sub), ('mul', torch.mul), ('div', torch.div),
    ('true_divide', torch.true_divide), ('floor_divide', torch.floor_divide), ('remainder', torch.remainder),
    ('fmod', torch.fmod), ('pow', torch.pow), ('atan2', torch.atan2), ('hypot', torch.hypot),
    ('maximum', torch.maximum), ('minimum', torch.minimum), ('fmax', torch.fmax), ('fmin', torch.fmin),
    ('eq', torch.eq), ('ne', torch.ne), ('lt', torch.lt), ('ge', torch.ge), ('logical_and', torch.logical_and),
    ('logical_xor', torch.logical_xor), ('copysign', torch.copysign), ('xlogy', torch.xlogy),
    ('logaddexp', torch.logaddexp),
]

# the ops whose PyTorch 1.13 signatures take no Python scalar operand (their OpInfos skip the scalar test)
NO_SCALAR = {'atan2', 'hypot', 'maximum', 'minimum', 'fmax', 'fmin', 'logical_and', 'logical_xor', 'logaddexp'}

# test_broadcasting, test_broadcast_python_scalar, test_not_broadcastable
for name, op in BINARY:
    shapes = []
    for shape_lhs, shape_rhs in (((1,), ()), ((2,), ()), ((1,), (2,)), ((2,), (2,)), ((2, 1), (2,)), ((1, 2), (2,)),
                                 ((3, 2), (2,)), ((3, 2), (3, 2)), ((1, 3, 2), (2,)), ((1, 3, 2), (3, 2)),
                                 ((3, 1, 2), (3, 2)), ((1, 3, 2), (1, 3, 2)), ((2, 3, 2), ()), ((2, 3, 2), (2, 3, 2)),
                                 ((3, 1, 2), (1, 3, 2))):
        lhs = make_tensor(shape_lhs, low=1, high=3)
        rhs = make_tensor(shape_rhs, low=1, high=3)
        shapes.append(list(op(lhs, rhs).shape) == list(torch.broadcast_shapes(shape_lhs, shape_rhs)))
    print('broadcasting', name, all(shapes))
    same = []
    for shape_lhs in (() if name in NO_SCALAR else ((), (1,), (2,), (1, 2, 3))):
        lhs = make_tensor(shape_lhs, low=1, high=3)
        rhs_tensor = make_tensor((), low=1, high=3)
        r1, r2 = op(lhs, rhs_tensor.item()), op(lhs, rhs_tensor)
        same.append((list(r1.shape), torch.allclose(r1.double(), r2.double(), equal_nan=True)))
    if same:
        print('python scalar', name, same)
    for shape_lhs, shape_rhs in (((2,), (3,)), ((3, 1), (2, 1)), ((1, 3, 2), (3,)), ((3, 1, 2), (2, 1, 2))):
        attempt(f'not broadcastable {name} {shape_lhs} {shape_rhs}',
                lambda: list(op(make_tensor(shape_lhs), make_tensor(shape_rhs)).shape))

# test_add_broadcast_empty
attempt('empty + empty', lambda: list((torch.zeros(5, 0) + torch.zeros(0, 5)).shape))
print('empty broadcast', list((torch.zeros(0) + torch.zeros(5, 0)).shape), list((torch.zeros(0) + torch.zeros(5, 0, 1)).shape),
      list((torch.zeros(()) + torch.zeros(5, 0, 6)).shape), list((torch.zeros(0) + torch.zeros(1)).shape),
      list((torch.zeros(0, 7, 0, 6, 5, 0, 1) + torch.zeros(1, 1, 5, 1, 7)).shape))
attempt('empty + (2, 1)', lambda: list((torch.zeros(7, 0) + torch.zeros(2, 1)).shape))

# test_addcmul_scalars_as_floats
y = torch.tensor(3.)
print('addcmul 0-d value', y.addcmul(y, y, value=2))

# test_comparison_ops
x = detrand.randn(5, 5)
y = detrand.randn(5, 5)
x[1, 2] = y[1, 2]
print('comparison', x == y, x < y, x >= y, x != y, sep='\n')

# test_comparison_ops_must_take_bool_output
for op in (torch.lt, torch.le, torch.gt, torch.ge, torch.eq, torch.ne, torch.logical_and, torch.logical_or,
           torch.logical_xor):
    print('bool output', op.__name__, op(torch.tensor([True]), torch.tensor([False])))

# test_inplace_comparison_ops_require_inputs_have_same_dtype
for op in ['lt_', 'le_', 'gt_', 'ge_', 'eq_', 'ne_', 'logical_xor_', 'logical_and_', 'logical_or_']:
    x = torch.tensor([1], dtype=torch.int)
    y = torch.tensor([2], dtype=torch.long)
    attempt(f'in-place {op} int32 int64', lambda: getattr(x, op)(y))

# test_comparison_ops_check_for_scalar_overflow, test_comparison_ops_check_for_zerodim_tensor_overflow
s = 1 << 20
t = torch.tensor([1 << 5], dtype=torch.uint8)
for name, op in (('lt', torch.lt), ('le', torch.le), ('gt', torch.gt), ('ge', torch.ge), ('eq', torch.eq), ('ne', torch.ne)):
    attempt(f'scalar overflow {name}', lambda: op(t, s))
    attempt(f'zero-dim overflow {name}', lambda: op(t, torch.tensor(1 << 20, dtype=torch.int32)))
    attempt(f'zero-dim overflow int64 {name}', lambda: op(torch.tensor(1 << 40, dtype=torch.int64), torch.tensor([1 << 30], dtype=torch.int32)))

# test_bitwise_ops
for dtype in (torch.bool, torch.uint8, torch.int8, torch.int16, torch.int32, torch.int64):
    for name, op in (('and', torch.bitwise_and), ('or', torch.bitwise_or), ('xor', torch.bitwise_xor)):
        a = make_tensor((5,), dtype=dtype, low=-50, high=50 if dtype != torch.uint8 else 50)
        a = a if dtype != torch.uint8 else make_tensor((5,), dtype=dtype, low=0, high=200)
        b = make_tensor((5,), dtype=dtype, low=-50, high=50) if dtype != torch.uint8 else make_tensor((5,), dtype=dtype, low=0, high=200)
        b_scalar = (True if dtype == torch.bool else 37)
        print('bitwise', dtype, name, op(a, b), op(a, b_scalar), op(b_scalar, a))
        a2 = a.clone()
        getattr(a2, 'bitwise_' + name + '_')(b)
        print('bitwise in-place', dtype, name, a2)

# test_inplace_division
t = detrand.rand(5, 5)
t2 = t.div_(2)
print('in-place division', t2 is t)

# test_div_rounding_modes
for dtype in (torch.uint8, torch.int8, torch.int16, torch.int32, torch.int64, torch.float32, torch.float64):
    if dtype.is_floating_point:
        low, high = -10.0, 10.0
    else:
        info = torch.iinfo(dtype)
        low, high = max(info.min, -1000), min(info.max, 1000)
    a = make_tensor((12,), dtype, low=low, high=high)
    b = make_tensor((12,), dtype, low=low, high=high)
    if dtype.is_floating_point:
        eps = 0.1
        b[(-eps < b) & (b < eps)] = eps
    else:
        b[b == 0] = 1
    if not dtype.is_floating_point:
        a = torch.where(a < 0, a + b, a)
    d_true = torch.divide(a, b, rounding_mode=None)
    print('div true', dtype, d_true)
    d_floor = torch.divide(a, b, rounding_mode='floor')
    print('div floor', dtype, d_floor, torch.allclose((d_floor * b + torch.remainder(a, b)).double(), a.double()))
    d_trunc = torch.divide(a, b, rounding_mode='trunc')
    print('div trunc', dtype, d_trunc, torch.equal(d_trunc, d_true.trunc().to(dtype)))

# test_div_rounding_nonfinite
for dtype in (torch.float32, torch.float64):
    num = torch.tensor([1.0, -1.0, 0, 0.1, -0.1, math.pi, -math.pi, inf, -inf, nan], dtype=dtype)
    denom = num[num != 0]
    a, b = num[None, :].clone(), denom[:, None].clone()
    for mode in (None, 'trunc', 'floor'):
        r = torch.divide(a, b, rounding_mode=mode)
        a_noncontig = torch.empty([2 * i for i in a.shape], dtype=dtype)[::2, ::2]
        a_noncontig[:] = a
        b_noncontig = torch.empty([2 * i for i in b.shape], dtype=dtype)[::2, ::2]
        b_noncontig[:] = b
        print('div nonfinite', dtype, mode, r.sum(), r.isnan().sum(), r.isinf().sum(), r[2:5],
              torch.allclose(r, torch.divide(a_noncontig, b_noncontig, rounding_mode=mode), equal_nan=True))

# test_divide_by_zero_rounding
for dtype in (torch.float32, torch.float64):
    a = torch.tensor([1.0, -1.0, 0, 0.1, -0.1, math.pi, -math.pi, inf, -inf, nan], dtype=dtype)
    zero = torch.zeros_like(a)
    for rounding_mode in (None, 'floor', 'trunc'):
        print('divide by zero', dtype, rounding_mode, torch.divide(a, 0, rounding_mode=rounding_mode),
              torch.divide(a, zero, rounding_mode=rounding_mode))


# _test_pow: the value (or the error), pow_'s rule, and the dtype
def _test_pow(label, base, exponent):
    try:
        actual = torch.pow(base, exponent)
    except RuntimeError:
        print('pow', label, 'raises')
        return
    if isinstance(base, torch.Tensor):
        inplace = base.clone()
        if torch.can_cast(torch.result_type(base, exponent), base.dtype):
            inplace.pow_(exponent)
            same = torch.equal(inplace, actual.to(inplace.dtype)) or torch.allclose(
                inplace.double(), actual.double(), equal_nan=True)
            ip = 'pow_ same' if same else 'pow_ differs'
        else:
            try:
                inplace.pow_(exponent)
                ip = 'pow_ no error'
            except RuntimeError:
                ip = 'pow_ raises'
    else:
        ip = '-'
    print('pow', label, actual.dtype, ip, actual if actual.numel() <= 16 else actual.double().sum())


# test_int_and_float_pow (small shapes)
for dt, low, high in ((torch.int8, -2, 2), (torch.uint8, 0, 3), (torch.int16, -5, 5), (torch.int64, -10, 10),
                      (torch.int32, -10, 10), (torch.float32, 0., 10.), (torch.float64, 0., 10.),
                      (torch.float32, -10., 10.), (torch.float64, -10., 10.)):
    for base_shape, exp_scalar, exp_shape in (((4, 4), 0, (4, 1)), ((3, 1), 4, (3, 1)), ((2,), 4, (1,)), ((1,), 2, ()),
                                              ((5, 5, 5), 5, (5,)), ((), 2, ())):
        for noncontiguous in (False, True):
            base_tensor = make_tensor(base_shape, dtype=dt, low=low, high=high, noncontiguous=noncontiguous)
            exp_tensor = make_tensor(exp_shape, dtype=dt, low=0 if not dt.is_floating_point else low, high=high,
                                     noncontiguous=noncontiguous)
            _test_pow(f'{dt} {base_shape} ** {exp_scalar}', base_tensor, exp_scalar)
            _test_pow(f'{dt} {base_shape} ** {dt} {exp_shape}', base_tensor, exp_tensor)

# test_pow_inplace_resizing_exception
for base_size, exp_size in (((), (3,)), ((2,), (2, 1)), ((2, 1), (2, 2)), ((2, 2), (2, 1, 1))):
    base = make_tensor(base_size, dtype=torch.float64, low=0., high=10.)
    exponent = make_tensor(exp_size, dtype=torch.float64, low=0., high=10.)
    attempt(f'pow_ resize {base_size} {exp_size}', lambda: base.pow_(exponent))

# test_int_tensor_pow_neg_ints
ints = [torch.iinfo(torch.int32).min, -3, -2, -1, 0, 1, 2, 3, torch.iinfo(torch.int32).max]
tensor = torch.tensor(ints, dtype=torch.int32)
for p in (torch.iinfo(torch.int32).min, -3, -2, -1):
    _test_pow(f'int32 ** {p}', tensor, p)
print('int ** -1 of ±1', torch.tensor([1, -1], dtype=torch.int64) ** 1, torch.tensor([2], dtype=torch.int64) ** 0)

# test_long_tensor_pow_floats
tensor = torch.tensor([0, 1, 23, 4567], dtype=torch.int64)
for p in (0.0, 1 / 3, 1 / 2, 1.0, 3 / 2, 2.0):
    _test_pow(f'int64 ** {p}', tensor, p)

# test_float_scalar_pow_float_tensor
for dtype in (torch.float32, torch.float64):
    floats = [2.0, -3 / 2, -1.0, -1 / 2, -1 / 3, 0.0, 1 / 3, 1 / 2, 1.0, 3 / 2, 2.0]
    tensors = [make_tensor(shape, dtype=dtype, low=0) for shape in ((1,), (2, 2), (2, 1), (2, 2, 2))]
    floats_tensor = torch.tensor(floats, dtype=dtype)
    for base in floats:
        _test_pow(f'{base} ** {dtype} floats', base, floats_tensor)
        for tensor in tensors:
            _test_pow(f'{base} ** {dtype} {tuple(tensor.shape)}', base, tensor)

# test_pow_scalar_type_promotion (the dtype, without out=)
for inp in (17, [17]):
    print('pow promotion', torch.pow(2, torch.tensor(inp, dtype=torch.uint8)), torch.pow(2, torch.tensor(inp, dtype=torch.int64)))


# test_tensor_pow_tensor
def rotate(l, n):
    return l[-n:] + l[:-n]


for values, torch_type in (([0, 1, 2, 3], torch.uint8), ([0, 1, 2, 3], torch.int8), ([0, 1, 2, 3], torch.int16),
                           ([0, 1, 2, 3], torch.int32), ([0, 1, 2, 3], torch.int64),
                           ([-3.0, -2.0, -1.0, -1 / 2, -1 / 3, 0.0, 1 / 3, 1 / 2, 1.0, 2.0, 3.0], torch.float32),
                           ([-3.0, -2.0, -1.0, -1 / 2, -1 / 3, 0.0, 1 / 3, 1 / 2, 1.0, 2.0, 3.0], torch.float64)):
    vals_tensor = torch.tensor(values, dtype=torch_type)
    for i in range(len(values)):
        _test_pow(f'{torch_type} rotate {i}', vals_tensor, torch.tensor(rotate(values, i), dtype=torch_type))

# test_div_and_floordiv_vs_python, test_idiv_and_ifloordiv_vs_python
rows = []
for a, b in product(range(-10, 10), range(-10, 10)):
    for op in (lambda x: x * .5, lambda x: math.floor(x)):
        a = op(a)
        b = op(b)
        if b == 0:
            continue
        a_t = torch.tensor(a)
        b_t = torch.tensor(b)
        r = [torch.true_divide(a_t, b_t).item() == a / b, torch.true_divide(a_t, b).item() == a / b,
             torch.true_divide(a, b_t).item() == a / b]
        r.append(torch.floor_divide(a_t, b_t).item() == a // b)
        r.append(torch.div(a_t, b_t, rounding_mode='trunc').item() == math.trunc(a / b))
        if a_t.is_floating_point():
            tmp = a_t.clone()
            tmp /= b_t
            r.append(tmp.item() == a / b)
        else:
            tmp = a_t.clone()
            try:
                tmp /= b_t
                r.append('no error')
            except RuntimeError:
                r.append('raises')
        if not a_t.is_floating_point() and b_t.is_floating_point():
            try:
                a_t.clone().floor_divide_(b_t)
                r.append('no error')
            except RuntimeError:
                r.append('raises')
        else:
            r.append(a_t.clone().floor_divide_(b_t).item() == a // b)
        rows.append(tuple(r))
print('div vs python', len(rows), sorted(set(rows), key=str))

# test_binary_ops_with_scalars
checks = []
for name, python_op, torch_op in (('add', lambda a, b: a + b, torch.add), ('sub', lambda a, b: a - b, torch.sub),
                                  ('mul', lambda a, b: a * b, torch.mul), ('div', lambda a, b: a / b, torch.div)):
    for a, b in product(range(-10, 10), range(-10, 10)):
        for op in (lambda x: x * .5, lambda x: math.floor(x)):
            a = op(a)
            b = op(b)
            if b == 0 or a == 0:
                continue
            a_tensor = torch.tensor(a)
            b_tensor = torch.tensor(b)
            for first, second in product((a, b, a_tensor, b_tensor), (a, b, a_tensor, b_tensor)):
                if not isinstance(first, torch.Tensor) and not isinstance(second, torch.Tensor):
                    continue
                fs = first if not isinstance(first, torch.Tensor) else first.item()
                ss = second if not isinstance(second, torch.Tensor) else second.item()
                expected = python_op(fs, ss)
                checks.append((name, math.isclose(torch_op(first, second).item(), expected, rel_tol=1e-6)))
print('ops with scalars', len(checks), sorted(set(checks)))

# test_maximum_minimum_type_promotion
for d0 in DTYPES:
    row = []
    for d1 in DTYPES:
        a = torch.tensor((0, 1), dtype=d0)
        b = torch.tensor((1, 0), dtype=d1)
        row.append(all(op(a, b).dtype == torch.result_type(a, b) for op in
                       (torch.maximum, torch.max, torch.fmax, torch.minimum, torch.min, torch.fmin)))
    print('max/min promotion', d0, row)

# test_maximum_minimum_int_and_bool
for dtype in (torch.uint8, torch.int8, torch.int16, torch.int32, torch.int64, torch.bool):
    a = make_tensor((10,), dtype=dtype, low=-100 if dtype not in (torch.uint8, torch.bool) else 0, high=100)
    b = make_tensor((10,), dtype=dtype, low=-100 if dtype not in (torch.uint8, torch.bool) else 0, high=100)
    for torch_op, alias in ((torch.maximum, torch.max), (torch.minimum, torch.min), (torch.fmax, None), (torch.fmin, None)):
        r = torch_op(a, b)
        print('max/min int', dtype, torch_op.__name__, r, alias is None or torch.equal(alias(a, b), r))

# test_maximum_minimum_float, test_maximum_minimum_float_nan_and_inf
for dtype in (torch.float16, torch.bfloat16, torch.float32, torch.float64):
    a = detrand.randn(6).to(dtype)
    b = detrand.randn(6).to(dtype)
    a_nan = torch.tensor((inf, -inf, nan, inf, nan, nan, 1, nan), dtype=dtype)
    b_nan = torch.tensor((-inf, inf, inf, nan, nan, 0, nan, -5), dtype=dtype)
    for torch_op in (torch.maximum, torch.minimum, torch.fmax, torch.fmin):
        print('max/min float', dtype, torch_op.__name__, torch_op(a, b), torch_op(a_nan, b_nan))

# Type promotion: the result dtype of add over every pair (tensor, 0-d tensor, Python scalars)
for d0 in DTYPES:
    t0 = torch.ones(2, dtype=d0)
    print('promotion', d0, [str(torch.add(t0, torch.ones(2, dtype=d1)).dtype)[6:] for d1 in DTYPES])
    print('promotion 0-d', d0, [str(torch.add(t0, torch.ones((), dtype=d1)).dtype)[6:] for d1 in DTYPES])
    print('promotion scalar', d0, [str((t0 + s).dtype)[6:] for s in (True, 2, 2.5)],
          [str(torch.mul(s, t0).dtype)[6:] for s in (True, 2, 2.5)])
    print('true divide', d0, str(torch.true_divide(t0, t0).dtype)[6:], str((t0 / 2).dtype)[6:])
