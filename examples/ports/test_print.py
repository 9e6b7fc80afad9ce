# PyTorch twin of test_print.mjs: a slice of PyTorch's own test/test_torch.py (pytorch/pytorch commit
# e121c6ea4c91fb2e6c506175cf9d87e512211afb): TestTorch.test_print (every case on real CPU tensors: big integers,
# scientific notation with and without set_printoptions(sci_mode=...), leading spaces, inf and nan, float64
# subnormals and overflow, summaries, requires_grad, a non-contiguous summarized view, 0-dim, bool, NumPy's
# sci-mode and int-mode rules, half and bfloat16) with test_type_conversion_via_dtype_name, test_allclose and
# test_is_nonzero, then torch.set_printoptions's docstring example. Each assertExpectedInline(str(x), ...) prints
# str(x) and whether repr(x) equals it; each assertTrue/assertFalse/assertEqual prints its value. Left out: the
# complex and complex-half cases (tensorgrad has no complex dtype), CUDA devices, storages,
# torch._tensor_str.get_summarized_data (internal), and the `with set_default_dtype(torch.float64)` case
# (tensorgrad has no default-dtype switch). The loop over torch._tensor_classes prints 100 x 100 tensors of ones
# for the dtypes both have.
# Run: /usr/bin/python3 examples/ports/test_print.py > examples/ports/test_print.expected.txt
import math

import torch

import detrand

detrand.seed(21)
inf, nan = math.inf, math.nan


def expect(x):
    """assertEqual(x.__repr__(), str(x)); assertExpectedInline(str(x), ...)"""
    print(str(x))
    print('repr == str', x.__repr__() == str(x))


# test_print
for dtype in (torch.float64, torch.float32, torch.int64, torch.int32, torch.int16, torch.int8, torch.uint8, torch.bool):
    obj = torch.ones(100, 100, dtype=dtype)  # t(100, 100).fill_(1) for t in torch._tensor_classes
    expect(obj)
obj = detrand.rand(100, 100).half()  # test half tensor
expect(obj)

# test big integer
expect(torch.tensor(2341234123412341))
# test scientific notation
expect(torch.tensor([1e28, 1e-28]))
# test scientific notation using set_printoptions
x = torch.tensor([1e2, 1e-2])
torch.set_printoptions(sci_mode=True)
expect(x)
torch.set_printoptions(sci_mode=False)
expect(x)
torch.set_printoptions(sci_mode=None)  # reset to the default value
# test no leading space if all elements positive
expect(torch.tensor([1, 2]))
# test for leading space if there are negative elements
expect(torch.tensor([1, -2]))
# test inf and nan
expect(torch.tensor([4, inf, 1.5, -inf, 0, nan, 1]))
# test dtype
x = torch.tensor([1e-324, 1e-323, 1e-322, 1e307, 1e308, 1e309], dtype=torch.float64)
expect(x)
# test summary
expect(torch.zeros(10000))
# test integral floats and requires_grad
expect(torch.tensor([123.], requires_grad=True))
# test non-contiguous print
x = torch.ones(100, 2, 2, 10)
y = x.as_strided(size=(100, 2, 10), stride=(2 * 2 * 10, 2 * 10, 1))
expect(y)
# test print 0-dim tensor
expect(torch.tensor(0.00002))
# test print boolean tensor
expect(torch.tensor([True]))
expect(torch.tensor(True))
# [Numpy] test print float in sci_mode when min < 0.0001.
expect(torch.tensor([0.00002]))
# [Numpy] test print float in sci_mode when max > 1e8.
expect(torch.tensor([123456789.]))
# [Numpy] test print float in sci_mode when max / min > 1000.
expect(torch.tensor([0.01, 11]))
# [Numpy] test print int max / min > 1000, no sci_mode
expect(torch.tensor([1, 1010]))
# [Numpy] test print int > 1e8, no sci_mode
expect(torch.tensor([1000000000]))
# [Numpy] test printing float in int_mode
expect(torch.tensor([1., 1000.]))
# [Numpy] test printing float in int_mode in sci format when max / min > 1000.
expect(torch.tensor([1., 1010.]))

# test_type_conversion_via_dtype_name
x = torch.tensor([1])
print('dtype names', x.byte().dtype, x.bool().dtype, x.char().dtype, x.double().dtype, x.float().dtype,
      x.half().dtype, x.int().dtype, x.bfloat16().dtype)

# test_allclose
x = torch.tensor([1.0, 2.0, 3.0])
y = torch.tensor([1.01, 2.01, 3.01])
print('allclose', torch.allclose(x, y, rtol=0, atol=0.02), torch.allclose(x, y, rtol=0.01, atol=0.0),
      torch.allclose(x, y), torch.allclose(torch.tensor([0.0]), torch.tensor([1e-8])))
x = torch.tensor([2.0, 3.0, nan])
y = torch.tensor([2.01, 3.01, nan])
print('allclose nan', torch.allclose(x, y, rtol=1e-2), torch.allclose(x, y, rtol=1e-2, equal_nan=True),
      torch.allclose(x, y, rtol=1e-3, equal_nan=True))
inf_t = torch.tensor([inf])
print('allclose inf', torch.allclose(inf_t, inf_t), torch.allclose(-inf_t, -inf_t), torch.allclose(inf_t, -inf_t),
      torch.allclose(inf_t, torch.tensor([1e20])), torch.allclose(-inf_t, torch.tensor([-1e20])))

# test_is_nonzero
for t in (torch.tensor([]), torch.tensor([0, 0])):
    try:
        t.is_nonzero()
        print('is_nonzero no error')
    except RuntimeError as e:
        print('is_nonzero raises', str(e).split('\n')[0])
print('is_nonzero', torch.tensor(0).is_nonzero(), torch.tensor(1).is_nonzero(), torch.tensor([0]).is_nonzero(),
      torch.tensor([1]).is_nonzero(), torch.tensor([[0]]).is_nonzero(), torch.tensor([[1]]).is_nonzero(),
      torch.tensor(0.1).is_nonzero(), torch.tensor(-0.1).is_nonzero(), torch.tensor(0.0).is_nonzero(),
      torch.tensor(True).is_nonzero(), torch.tensor(False).is_nonzero())

# torch.set_printoptions's docstring example
torch.set_printoptions(precision=2)
print(torch.tensor([1.12345]))
torch.set_printoptions(threshold=5)
print(torch.arange(10))
torch.set_printoptions(profile='default')
print(torch.tensor([1.12345]))
print(torch.arange(10))
