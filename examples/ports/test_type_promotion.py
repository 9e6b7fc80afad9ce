# PyTorch twin of test_type_promotion.mjs: a slice of PyTorch's own test/test_type_promotion.py
# (pytorch/pytorch commit 00fedc169cae9e968f22c7804d74452791a9d70d, TestTypePromotion, restricted to what
# PyTorch 1.13 has), on the CPU, each test run under float and then double as the default dtype
# (float_double_default_dtype): test_inplace, test_unsinged, test_int_promotion, test_float_promotion,
# test_add_wrapped, test_int_to_float, test_from_issue, test_half, test_mixed_type_backward, test_many_promotions,
# test_alpha_mismatch, test_booleans, test_result_type, test_can_cast,
# test_comparison_ops_with_type_promotion, test_lt_with_type_promotion, test_promote_types, test_promote_self,
# test_indexing, test_transpose, test_true_divide, test_true_divide_inplace. Each assert prints the value it
# checks (a dtype, a result, True/False), so the output is PyTorch 1.13's answer.
# Stand-ins: torch.rand / torch.randn / torch.randint draw from detrand; the out= forms are left out (tensorgrad
# has no out=); complex dtypes are left out; a Python float literal holding an integer (1., 5.0) has no
# JavaScript spelling, so those asserts are left out; test_create_bool_tensors is left out (a JavaScript boolean is
# not a number to arange / linspace: a TypeError); a raised error prints "raises".
# Run: /usr/bin/python3 examples/ports/test_type_promotion.py > examples/ports/test_type_promotion.expected.txt
import itertools

import torch

import detrand
from pyport import attempt

detrand.seed(29)

MATH = [torch.uint8, torch.int8, torch.int16, torch.int32, torch.int64, torch.float32, torch.float64, torch.float16,
        torch.bfloat16, torch.bool]


def checksum(t):
    t = t.double().flatten()
    w = torch.arange(1, t.numel() + 1, dtype=torch.double)
    return 'sum %.8g weighted %.8g' % (t.sum().item(), (t * w).sum().item())


def _get_test_tensor(dtype, remove_zeros=False):
    shape = [5, 5, 5]
    if dtype == torch.bool:
        tensor = detrand.randint(int(remove_zeros), 2, shape).to(dtype)
    elif dtype.is_floating_point:
        tensor = detrand.randn(*shape).to(dtype)
        if remove_zeros:
            tensor[torch.abs(tensor) < 0.05] = 5
    else:
        signed = dtype != torch.uint8
        tensor = detrand.randint(-5 if signed else 0, 10, shape).to(dtype)
        if remove_zeros:
            tensor[tensor == 0] = 5
    return tensor


def run(default):
    torch.set_default_dtype(default)
    p = lambda *a: print(str(default), *a)

    # test_inplace
    int_tensor = torch.ones([4, 4, 4], dtype=torch.int32)
    attempt('%s inplace add_(1.5)' % default, lambda: int_tensor.add_(1.5))
    expected = torch.ones([4, 4, 4], dtype=torch.int32)
    long_tensor = torch.ones([4, 4, 4], dtype=torch.int64)
    int_tensor.add_(long_tensor)
    int_tensor.add_(1)
    three = expected + 2
    p('inplace', bool(torch.equal(int_tensor, three)), int_tensor.dtype)
    bool_tensor = torch.tensor([1, 1, 1], dtype=torch.bool)
    uint8_tensor = torch.tensor([1, 1, 1], dtype=torch.uint8)
    attempt('%s inplace bool add_ uint8' % default, lambda: bool_tensor.add_(uint8_tensor))
    int16_tensor = torch.tensor([1, 1, 1], dtype=torch.int16)
    uint8_tensor *= int16_tensor
    p('inplace uint8 *= int16', uint8_tensor)

    # test_unsinged
    dont_promote = torch.ones(3, dtype=torch.uint8) + 5
    p('unsigned', dont_promote.dtype)

    # test_int_promotion
    a = torch.ones([4, 4, 4], dtype=torch.int32)
    b = torch.ones([4, 4, 4], dtype=torch.int64)
    c = a + b
    p('int promotion', bool(torch.equal(c, b + b)), c.dtype)

    # test_float_promotion
    a = torch.ones([4, 4, 4], dtype=torch.float)
    b = torch.ones([4, 4, 4], dtype=torch.double)
    p('float promotion', (a + b).dtype, (b + a).dtype, bool(torch.equal(a + b, b + b)))

    # test_add_wrapped
    a = torch.ones([4, 4, 4], dtype=torch.int)
    c = a + 1
    p('add wrapped', bool(torch.equal(c, a + a)), c.dtype)

    # test_int_to_float
    a = torch.ones([4, 4, 4], dtype=torch.int32)
    b = torch.ones([4, 4, 4], dtype=torch.float)
    p('int to float', (a + b).dtype)

    # test_from_issue
    a = detrand.rand(3)
    u = torch.tensor([0, 0, 1], dtype=torch.uint8)
    p('from issue', (a * 5).dtype, (u + 1).dtype, (u + 1000).dtype, u + 1000)
    other = torch.tensor(5.5, dtype=torch.double)
    p('from issue', (u + 5.5).dtype, (u + other).dtype, (a + other).dtype)

    # test_half
    half = torch.tensor(5.5, dtype=torch.float16)
    p('half', (half + 2.2).dtype, half + 2.2, (half + 100000).dtype, half + 100000)
    default_tensor = torch.tensor(100000.5)
    p('half', (half + default_tensor).dtype)

    # test_mixed_type_backward
    f = torch.ones([3, 3], dtype=torch.float, requires_grad=True)
    ten = torch.tensor([10.5], dtype=torch.double)
    tens = f * ten
    s = (tens + 2).sum()
    s.backward()
    p('mixed backward', f.grad.dtype, bool(torch.equal(f.grad, tens.float())), tens.dtype)
    for func in [torch.add, torch.sub, torch.rsub, torch.mul, torch.div]:
        for dtype1, dtype2 in itertools.product([torch.float, torch.double], [torch.float, torch.double, torch.int, torch.long]):
            x = torch.ones(10, requires_grad=True, dtype=dtype1)
            y = torch.ones(10, dtype=dtype2) * 3
            func(x, y).sum().backward()
            p('mixed backward', func.__name__, dtype1, dtype2, x.grad.dtype, x.grad[0].item())

    # test_many_promotions
    ops = [torch.add, torch.sub, torch.mul, torch.div, torch.rsub]
    for dt1, dt2 in itertools.product(MATH, MATH):
        for op, non_contiguous in itertools.product(ops, [True, False]):
            common_dtype = torch.promote_types(dt1, dt2)
            if op == torch.sub and common_dtype != torch.bool:
                continue
            first = _get_test_tensor(dt1)
            second = _get_test_tensor(dt2, op == torch.div)
            if non_contiguous:
                first = first.transpose(0, 2)
                second = second.transpose(2, 1)
            label = '%s many %s %s %s %s' % (default, op.__name__, dt1, dt2, non_contiguous)
            try:
                result = op(first, second)
            except Exception:
                print(label, 'raises')
                continue
            expected = op(first.to(common_dtype), second.to(common_dtype))
            print(label, result.dtype, bool(torch.equal(result, expected)), checksum(result))

    # test_alpha_mismatch
    x = torch.ones(4, dtype=torch.int)
    attempt('%s alpha int 1.1' % default, lambda: torch.add(x, x, alpha=1.1))
    x = x.to(torch.bool)
    attempt('%s alpha bool 1.1' % default, lambda: torch.add(x, x, alpha=1.1))
    p('alpha bool True', bool(torch.equal(x + x, torch.add(x, x, alpha=True))))

    # test_booleans
    onedim = torch.tensor([True])
    p('booleans', onedim + onedim, onedim + True)
    attempt('%s booleans add(1, 1, alpha=True)' % default, lambda: torch.add(torch.tensor(1), 1, alpha=True))
    p('booleans', torch.add(torch.tensor(True), torch.tensor(True), alpha=True))

    # test_result_type
    p('result_type', torch.result_type(torch.tensor(1, dtype=torch.int), 1), torch.result_type(1, torch.tensor(1, dtype=torch.int)))
    p('result_type', torch.result_type(torch.tensor(1), 1.5))
    p('result_type', torch.result_type(torch.tensor(1, dtype=torch.long), torch.tensor([1, 1], dtype=torch.int)))
    p('result_type', torch.result_type(torch.tensor([1., 1.], dtype=torch.float), 1.5))
    p('result_type', torch.result_type(torch.tensor(1., dtype=torch.float), torch.tensor(1, dtype=torch.double)))

    # test_can_cast
    p('can_cast', torch.can_cast(torch.double, torch.float), torch.can_cast(torch.float, torch.int))

    # test_comparison_ops_with_type_promotion
    value_for_type = {torch.uint8: (1 << 5), torch.int8: (1 << 5), torch.int16: (1 << 10), torch.int32: (1 << 20),
                      torch.int64: (1 << 35), torch.float16: (1 << 10), torch.float32: (1 << 20), torch.float64: (1 << 35)}
    for name in ['lt', 'le', 'gt', 'ge', 'eq', 'ne']:
        op = getattr(torch, name)
        for dt1 in value_for_type:
            row = []
            for dt2 in value_for_type:
                val1, val2 = value_for_type[dt1], value_for_type[dt2]
                r1 = op(torch.tensor([val1], dtype=dt1), torch.tensor([val2], dtype=dt2))
                r0 = op(torch.tensor(val1, dtype=dt1), torch.tensor(val2, dtype=dt2))
                row.append('%d%d' % (r1.item(), r0.item()))
            p('compare', name, dt1, ' '.join(row))

    # test_lt_with_type_promotion
    for dt in MATH[:-1]:
        x = torch.tensor([0], dtype=dt)
        p('lt', dt, x < 0.5, (x < 0.5).dtype, x < torch.tensor(0.5), torch.tensor(0, dtype=dt) < 0.5)

    # test_promote_types / test_promote_self
    p('promote_types', torch.promote_types(torch.float, torch.int), torch.promote_types(torch.float, torch.double),
      torch.promote_types(torch.int, torch.uint8))
    p('promote_self', all(torch.promote_types(d, d) == d for d in MATH))

    # test_indexing
    a = torch.ones(5, 2, dtype=torch.double)
    b = torch.zeros(5, dtype=torch.int)

    def f():
        a[:, [1]] = b.unsqueeze(-1)
        return a.sum().item()
    attempt('%s indexing a[:, [1]] = int' % default, f)
    tmp = torch.ones(9, 9, dtype=torch.float)
    mask = torch.ones(10, 10, dtype=torch.uint8)
    result = tmp + mask[1:, 1:]
    p('indexing', result.dtype, result.sum().item())

    # test_transpose
    a = torch.tensor([[True, True], [False, True]])
    p('transpose', a.t() == 0, bool(torch.equal(a.t() == 0, a.t() == False)))  # noqa: E712

    # test_true_divide / test_true_divide_inplace
    for dtype in [torch.bool, torch.uint8, torch.int8, torch.int16, torch.int32, torch.int64, torch.float, torch.double]:
        dividend = (detrand.randn(5) * 100).to(dtype)
        divisor = torch.arange(1, 6).to(dtype)
        p('true_divide', dtype, torch.true_divide(dividend, divisor), torch.true_divide(dividend, 2.5))
        attempt('%s true_divide_ %s' % (default, dtype), lambda: dividend.clone().true_divide_(divisor))
        attempt('%s true_divide_ 2 %s' % (default, dtype), lambda: dividend.clone().true_divide_(2))


for default in (torch.float, torch.double):
    run(default)
torch.set_default_dtype(torch.float)
