# PyTorch twin of test_indexing.mjs: a slice of PyTorch's own test/test_indexing.py (pytorch/pytorch commit
# 017943b70f6920c395e3b6dac100e2cd7ecfa92a; TestIndexing.test_index, test_advancedindex for float64,
# test_single_int ... test_multi_dimensional_bool_mask_assignment and test_index_put_accumulate_expanded_values),
# case by case, on the CPU. Each assertEqual(actual, expected) prints what `actual` is (its shape and values, or
# shape, sum and a position-weighted sum for a large result), so the output shows the PyTorch 1.13 answer itself;
# each assertRaises prints "raises". Stand-ins: random.randrange and torch.randn draw from detrand, the random
# indexer type (LongTensor / list / tuple) alternates tensor and list, get_set_tensor's torch.randperm values are
# 1000 + arange, tensor.set_(storage, offset, size, stride) is as_strided; the uint8-mask cases are left out
# (tensorgrad has no uint8 index dtype), as is test_list_indices (Python's rule that a list of fewer than 32
# sequences is a tuple of indices).
# Run: /usr/bin/python3 examples/ports/test_indexing.py > examples/ports/test_indexing.expected.txt
import operator
from functools import reduce

import torch

import detrand

detrand.seed(3)


def randrange(n):
    return int(detrand.uniform(1)[0] * n)


def show(label, x):
    """What assertEqual's first argument is."""
    if not isinstance(x, torch.Tensor):
        print(label, x)
        return
    v = x.detach().double().flatten()
    if x.numel() <= 16:
        print(label, list(x.shape), ' '.join(str(int(e)) for e in v.tolist()))
    else:
        w = (v * torch.arange(x.numel(), dtype=torch.float64)).sum()
        print(label, list(x.shape), 'sum', int(v.sum().item()), 'weighted', int(w.item()))


def attempt(label, f):
    """show(label, f()), or "raises" (the multi-dimensional mask cases: PyTorch 1.13 refuses some of them)"""
    try:
        r = f()
    except (IndexError, TypeError, ValueError, RuntimeError):
        print(label, 'raises')
        return
    show(label, r)


def raises(label, f):
    try:
        f()
        print(label, 'no error')
    except (IndexError, TypeError, ValueError, RuntimeError):
        print(label, 'raises')


# ---------------------------------------------------------------------------- test_index
def consec(size, start=1):
    sequence = torch.ones(torch.tensor(size).prod(0)).cumsum(0)
    sequence.add_(start - 1)
    return sequence.view(*size)

reference = consec((3, 3, 3))

# empty tensor indexing
show('empty', reference[torch.LongTensor()])

show('[0]', reference[0])
show('[1]', reference[1])
show('[2]', reference[2])
show('[0, 1]', reference[0, 1])
show('[0:2]', reference[0:2])
show('[2, 2, 2]', reference[2, 2, 2])
show('[:]', reference[:])

# indexing with Ellipsis
show('[..., 2]', reference[..., 2])
show('[0, ..., 2]', reference[0, ..., 2])
show('[0, 2, ...]', reference[0, 2, ...])
show('[..., 2, 2, 2]', reference[..., 2, 2, 2])
show('[2, ..., 2, 2]', reference[2, ..., 2, 2])
show('[2, 2, ..., 2]', reference[2, 2, ..., 2])
show('[2, 2, 2, ...]', reference[2, 2, 2, ...])
show('[...]', reference[...])

reference_5d = consec((3, 3, 3, 3, 3))
show('5d [..., 1, 0]', reference_5d[..., 1, 0])
show('5d [2, ..., 1, 0]', reference_5d[2, ..., 1, 0])
show('5d [2, 1, 0, ..., 1]', reference_5d[2, 1, 0, ..., 1])
show('5d [...]', reference_5d[...])

# LongTensor indexing
reference = consec((5, 5, 5))
idx = torch.LongTensor([2, 4])
show('[idx]', reference[idx])

# None indexing
show('[2, None]', reference[2, None])
show('[2, None, None]', reference[2, None, None])
show('[2:4, None]', reference[2:4, None])
show('[None, 2, None, None]', reference[None, 2, None, None])
show('[None, 2:5, None, None]', reference[None, 2:5, None, None])

# indexing 0-length slice
show('[slice(0)]', reference[slice(0)])
show('[slice(0), 2]', reference[slice(0), 2])
show('[2, slice(0)]', reference[2, slice(0)])
show('[2, 1:1, 2]', reference[2, 1:1, 2])

# indexing with step
reference = consec((10, 10, 10))
show('[1:5:2]', reference[1:5:2])
show('[1:6:2]', reference[1:6:2])
show('[1:9:4]', reference[1:9:4])
show('[2:4, 1:5:2]', reference[2:4, 1:5:2])
show('[3, 1:6:2]', reference[3, 1:6:2])
show('[None, 2, 1:9:4]', reference[None, 2, 1:9:4])
show('[:, 2, 1:6:2]', reference[:, 2, 1:6:2])

lst = [list(range(i, i + 10)) for i in range(0, 100, 10)]
tensor = torch.DoubleTensor(lst)
for _ in range(100):
    idx1_start = randrange(10)
    idx1_end = idx1_start + randrange(10 - idx1_start + 1 - 1) + 1
    idx1_step = randrange(7) + 1
    idx1 = slice(idx1_start, idx1_end, idx1_step)
    if randrange(2) == 0:
        idx2_start = randrange(10)
        idx2_end = idx2_start + randrange(10 - idx2_start + 1 - 1) + 1
        idx2_step = randrange(7) + 1
        idx2 = slice(idx2_start, idx2_end, idx2_step)
        lst_indexed = [l[idx2] for l in lst[idx1]]
        tensor_indexed = tensor[idx1, idx2]
    else:
        lst_indexed = lst[idx1]
        tensor_indexed = tensor[idx1]
    if tensor_indexed.tolist() != lst_indexed:
        print('slice case differs', idx1, idx1_step)
print('100 random slices checked')

raises('[1:9:0]', lambda: reference[1:9:0])
raises('[1:9:-1]', lambda: reference[1:9:-1])
raises('[1, 1, 1, 1]', lambda: reference[1, 1, 1, 1])
raises('[1, 1, 1, 1:1]', lambda: reference[1, 1, 1, 1:1])
raises('[3, 3, 3, 3, 3, 3, 3, 3]', lambda: reference[3, 3, 3, 3, 3, 3, 3, 3])
raises('[0.0]', lambda: reference[0.0])
raises('[0.0, :, 0.0]', lambda: reference[0.0, :, 0.0])

# ---------------------------------------------------------------------------- test_advancedindex (float64)
dtype = torch.float64


def consec(size, start=1):
    numel = reduce(operator.mul, size, 1)
    sequence = torch.ones(numel, dtype=torch.float).cumsum(0)
    sequence.add_(start - 1)
    return sequence.view(*size).to(dtype=dtype)


_choice = [0]


def ri(indices):
    """a LongTensor and a list in turn (the test draws LongTensor, list or tuple at random)"""
    _choice[0] += 1
    if _choice[0] % 2 == 0:
        return torch.LongTensor(indices)
    return list(indices)


def validate_indexing(x):
    show('x[[0]]', x[[0]])
    show('x[ri([0]),]', x[ri([0]),])
    show('x[ri([3]),]', x[ri([3]),])
    show('x[[2, 3, 4]]', x[[2, 3, 4]])
    show('x[ri([2, 3, 4]),]', x[ri([2, 3, 4]),])
    show('x[ri([0, 2, 4]),]', x[ri([0, 2, 4]),])


def validate_setting(x):
    x[[0]] = -2
    show('set x[[0]]', x[[0]])
    x[[0]] = -1
    show('set x[ri([0]),]', x[ri([0]),])
    x[[2, 3, 4]] = 4
    show('set x[[2, 3, 4]]', x[[2, 3, 4]])
    x[ri([2, 3, 4]),] = 3
    show('set x[ri([2, 3, 4]),]', x[ri([2, 3, 4]),])
    x[ri([0, 2, 4]),] = torch.tensor([5, 4, 3], dtype=dtype)
    show('set x[ri([0, 2, 4]),]', x[ri([0, 2, 4]),])


# Case 1: Purely Integer Array Indexing
reference = consec((10,))
validate_indexing(reference)
validate_setting(reference)

# Tensor with stride != 1: strided is [1, 3, 5, 7]
reference = consec((10,))
strided = reference.as_strided((4,), (2,), 0)
show('strided[[0]]', strided[[0]])
show('strided[ri([3]),]', strided[ri([3]),])
show('strided[[1, 2]]', strided[[1, 2]])
show('strided[ri([[2, 1], [0, 3]]),]', strided[ri([[2, 1], [0, 3]]),])

# stride is [4, 8]
strided = reference.as_strided((2,), (4,), 4)
show('strided[ri([1]),]', strided[ri([1]),])
show('strided[ri([[0, 1], [1, 0]]),]', strided[ri([[0, 1], [1, 0]]),])

# reference is 1 2 / 3 4 / 5 6
reference = consec((3, 2))
show('[ri([0, 1, 2]), ri([0])]', reference[ri([0, 1, 2]), ri([0])])
show('[ri([0, 1, 2]), ri([1])]', reference[ri([0, 1, 2]), ri([1])])
show('[ri([2]), ri([1])]', reference[ri([2]), ri([1])])
show('[(ri([0, 1, 1, 0, 2]), ri([1]))]', reference[(ri([0, 1, 1, 0, 2]), ri([1]))])
show('[(ri([0, 0, 1, 1]), ri([0, 1, 0, 0]))]', reference[(ri([0, 0, 1, 1]), ri([0, 1, 0, 0]))])
rows = ri([[0, 0], [1, 2]])
columns = ([0],)
show('[rows, ([0],)]', reference[rows, columns])
rows = ri([[0, 0], [1, 2]])
columns = ri([[0, 1], [1, 0]])
show('[rows, columns]', reference[rows, columns])

# setting values
reference[ri([0]), ri([1])] = -1
show('set [ri([0]), ri([1])]', reference[ri([0]), ri([1])])
reference[ri([0, 1, 2]), ri([0])] = torch.tensor([-1, 2, -4], dtype=dtype)
show('set [ri([0, 1, 2]), ri([0])]', reference[ri([0, 1, 2]), ri([0])])
reference[rows, columns] = torch.tensor([[4, 6], [2, 3]], dtype=dtype)
show('set [rows, columns]', reference[rows, columns])
show('reference', reference)

# Verify still works with Transposed (i.e. non-contiguous) Tensors
reference = torch.tensor([[0, 1, 2, 3], [4, 5, 6, 7], [8, 9, 10, 11]], dtype=dtype).t_()
show('t [ri([0, 1, 2]), ri([1])]', reference[ri([0, 1, 2]), ri([1])])
show('t [(ri([0, 1, 1, 0, 3]), ri([1]))]', reference[(ri([0, 1, 1, 0, 3]), ri([1]))])
rows = ri([[0, 0], [1, 3]])
columns = ri([[0, 1], [1, 2]])
show('t [rows, columns]', reference[rows, columns])
reference[ri([0, 1, 2]), ri([0])] = torch.tensor([-1, 2, -4], dtype=dtype)
reference[rows, columns] = torch.tensor([[4, 6], [2, 3]], dtype=dtype)
show('t set reference', reference)

# stride != 1: strided is [[1 3 5 7], [9 11 13 15]]
reference = torch.arange(0.0, 24, dtype=dtype).view(3, 8)
strided = reference.as_strided((2, 4), (8, 2), 1)
show('s [(ri([1]), ri([0, 1, 1, 0, 3]))]', strided[(ri([1]), ri([0, 1, 1, 0, 3]))])
rows = ri([[0, 1], [1, 0]])
columns = ri([1, 2])
show('s [rows, columns]', strided[rows, columns])

# setting values: strided is [[10, 11], [17, 18]]
reference = torch.arange(0.0, 24, dtype=dtype).view(3, 8)
strided = reference.as_strided((2, 2), (7, 1), 10)
strided[ri([0]), ri([1])] = -1
show('s set [ri([0]), ri([1])]', strided[ri([0]), ri([1])])
strided[ri([0, 1]), ri([1, 0])] = torch.tensor([-1, 2], dtype=dtype)
show('s set [ri([0, 1]), ri([1, 0])]', strided[ri([0, 1]), ri([1, 0])])
rows = ri([[0], [1]])
columns = ri([[0, 1], [0, 1]])
strided[rows, columns] = torch.tensor([[4, 6], [2, 3]], dtype=dtype)
show('s set [rows, columns]', strided[rows, columns])
show('s set reference', reference)

# Tests using less than the number of dims, and ellipsis
reference = consec((3, 2))
show('[ri([0, 2]),]', reference[ri([0, 2]),])
show('[ri([1]), ...]', reference[ri([1]), ...])
show('[..., ri([1])]', reference[..., ri([1])])

# verify too many indices fails
raises('too many indices', lambda: reference[ri([1]), ri([0, 2]), ri([3])])

# test invalid index fails
reference = torch.empty(10, dtype=dtype)
for err_idx in (10, -11):
    raises(f'[{err_idx}]', lambda: reference[err_idx])
    raises(f'[LongTensor([{err_idx}])]', lambda: reference[torch.LongTensor([err_idx])])
    raises(f'[[{err_idx}]]', lambda: reference[[err_idx]])


def get_set_tensor(indexed, indexer):
    set_size = indexed[indexer].size()
    set_count = indexed[indexer].numel()
    return (torch.arange(set_count).view(set_size) + 1000).double()  # torch.randperm(set_count)


def assert_get_eq(tensor, indexer):
    show('get', tensor[indexer])


def assert_set_eq(tensor, indexer, val):
    pyt = tensor.clone()
    pyt[indexer] = val
    show('set', pyt)


reference = torch.arange(0.0, 20, dtype=dtype).view(4, 5)
indices_to_test = [
    (slice(None), [1, 3]),
    ([0, 2], slice(None)),
    (slice(None), [[0, 1], [2, 3]]),
    ([-1], [0]),
    ([0, 2], [-1]),
    (slice(None), [-1]),
]
get_indices_to_test = indices_to_test + [(slice(None), [0, 1, 1, 2, 2])]
for indexer in get_indices_to_test:
    assert_get_eq(reference, indexer)
for indexer in indices_to_test:
    assert_set_eq(reference, indexer, 44)
    assert_set_eq(reference, indexer, get_set_tensor(reference, indexer))

S = slice(None)
E = Ellipsis
reference = torch.arange(0.0, 160, dtype=dtype).view(4, 8, 5)
indices_to_test = [
    (S, S, (0, 3, 4)), (S, (2, 4, 5, 7), S), ((2, 3), S, S), (S, (0, 2, 3), (1, 3, 4)), (S, (0,), (1, 2, 4)),
    (S, (0, 1, 3), (4,)), (S, ((0, 1), (1, 0)), ((2, 3),)), (S, ((0, 1), (2, 3)), ((0,),)),
    (S, ((5, 6),), ((0, 3), (4, 4))), ((0, 2, 3), (1, 3, 4), S), ((0,), (1, 2, 4), S), ((0, 1, 3), (4,), S),
    (((0, 1), (1, 0)), ((2, 1), (3, 5)), S), (((0, 1), (1, 0)), ((2, 3),), S), (((0, 1), (2, 3)), ((0,),), S),
    (((2, 1),), ((0, 3), (4, 4)), S), (((2,),), ((0, 3), (4, 1)), S),
    # non-contiguous indexing subspace
    ((0, 2, 3), S, (1, 3, 4)),
    # less dim, ellipsis
    ((0, 2),), ((0, 2), S), ((0, 2), E), ((0, 2), S, E), ((0, 2), E, S), ((0, 2), (1, 3)), ((0, 2), (1, 3), E),
    (E, (1, 3), (2, 3)), (E, (2, 3, 4)), (E, S, (2, 3, 4)), (S, E, (2, 3, 4)),
    # ellipsis counts for nothing
    (E, S, S, (0, 3, 4)), (S, E, S, (0, 3, 4)), (S, S, E, (0, 3, 4)), (S, S, (0, 3, 4), E),
    (E, ((0, 1), (1, 0)), ((2, 1), (3, 5)), S), (((0, 1), (1, 0)), ((2, 1), (3, 5)), E, S),
    (((0, 1), (1, 0)), ((2, 1), (3, 5)), S, E),
]
for indexer in indices_to_test:
    assert_get_eq(reference, indexer)
    assert_set_eq(reference, indexer, 212)
    assert_set_eq(reference, indexer, get_set_tensor(reference, indexer))

reference = torch.arange(0.0, 1296, dtype=dtype).view(3, 9, 8, 6)
indices_to_test = [
    (S, S, S, (0, 3, 4)), (S, S, (2, 4, 5, 7), S), (S, (2, 3), S, S), ((1, 2), S, S, S), (S, S, (0, 2, 3), (1, 3, 4)),
    (S, S, (0,), (1, 2, 4)), (S, S, (0, 1, 3), (4,)), (S, S, ((0, 1), (1, 0)), ((2, 3),)),
    (S, S, ((0, 1), (2, 3)), ((0,),)), (S, S, ((5, 6),), ((0, 3), (4, 4))), (S, (0, 2, 3), (1, 3, 4), S),
    (S, (0,), (1, 2, 4), S), (S, (0, 1, 3), (4,), S), (S, ((0, 1), (3, 4)), ((2, 3), (0, 1)), S),
    (S, ((0, 1), (3, 4)), ((2, 3),), S), (S, ((0, 1), (3, 2)), ((0,),), S), (S, ((2, 1),), ((0, 3), (6, 4)), S),
    (S, ((2,),), ((0, 3), (4, 2)), S), ((0, 1, 2), (1, 3, 4), S, S), ((0,), (1, 2, 4), S, S), ((0, 1, 2), (4,), S, S),
    (((0, 1), (0, 2)), ((2, 4), (1, 5)), S, S), (((0, 1), (1, 2)), ((2, 0),), S, S), (((2, 2),), ((0, 3), (4, 5)), S, S),
    (((2,),), ((0, 3), (4, 5)), S, S), (S, (3, 4, 6), (0, 2, 3), (1, 3, 4)), (S, (2, 3, 4), (1, 3, 4), (4,)),
    (S, (0, 1, 3), (4,), (1, 3, 4)), (S, (6,), (0, 2, 3), (1, 3, 4)), (S, (2, 3, 5), (3,), (4,)),
    (S, (0,), (4,), (1, 3, 4)), (S, (6,), (0, 2, 3), (1,)), (S, ((0, 3), (3, 6)), ((0, 1), (1, 3)), ((5, 3), (1, 2))),
    ((2, 2, 1), (0, 2, 3), (1, 3, 4), S), ((2, 0, 1), (1, 2, 3), (4,), S), ((0, 1, 2), (4,), (1, 3, 4), S),
    ((0,), (0, 2, 3), (1, 3, 4), S), ((0, 2, 1), (3,), (4,), S), ((0,), (4,), (1, 3, 4), S), ((1,), (0, 2, 3), (1,), S),
    (((1, 2), (1, 2)), ((0, 1), (2, 3)), ((2, 3), (3, 5)), S),
    # less dim, ellipsis
    (E, (0, 3, 4)), (E, S, (0, 3, 4)), (E, S, S, (0, 3, 4)), (S, E, (0, 3, 4)), (S, S, E, (0, 3, 4)),
    (S, (0, 2, 3), (1, 3, 4)), (S, (0, 2, 3), (1, 3, 4), E), (E, (0, 2, 3), (1, 3, 4), S), ((0,), (1, 2, 4)),
    ((0,), (1, 2, 4), S), ((0,), (1, 2, 4), E), ((0,), (1, 2, 4), E, S), ((1,),), ((0, 2, 1), (3,), (4,)),
    ((0, 2, 1), (3,), (4,), S), ((0, 2, 1), (3,), (4,), E), (E, (0, 2, 1), (3,), (4,)),
]
for indexer in indices_to_test:
    assert_get_eq(reference, indexer)
    assert_set_eq(reference, indexer, 1333)
    assert_set_eq(reference, indexer, get_set_tensor(reference, indexer))
indices_to_test += [
    (S, S, [[0, 1], [1, 0]], [[2, 3], [3, 0]]),
    (S, S, [[2]], [[0, 3], [4, 4]]),
]
for indexer in indices_to_test:
    assert_get_eq(reference, indexer)
    assert_set_eq(reference, indexer, 1333)

# ---------------------------------------------------------------------------- test_single_int ... masks
reference = torch.arange(0, 123344, dtype=torch.int)
show('big', reference[[0, 123, 44488, 68807, 123343],])

z = detrand.randn(4, 3)
w = torch.tensor(1.0, requires_grad=True)
z[:, 0] = w
z.sum().backward()
show('w.grad', w.grad)

v = detrand.randn(5, 7, 3)
show('v[4].shape', tuple(v[4].shape))
show('v[4, :, 1].shape', tuple(v[4, :, 1].shape))
show('v[None].shape', tuple(v[None].shape))
show('v[:, None].shape', tuple(v[:, None].shape))
show('v[:, None, None].shape', tuple(v[:, None, None].shape))
show('v[..., None].shape', tuple(v[..., None].shape))

v = torch.arange(10)
show('v[::1]', v[::1])
show('v[::2]', v[::2])
show('v[::3]', v[::3])
show('v[::11]', v[::11])
show('v[1:6:2]', v[1:6:2])

v = torch.zeros(4, 4)
v[0, 1::2] = torch.tensor([3.0, 4.0])
show('step assignment', v)

v = torch.arange(105.0).view(5, 7, 3)
boolIndices = torch.tensor([True, False, True, True, False], dtype=torch.bool)
show('v[boolIndices]', v[boolIndices])
v = torch.tensor([True, False, True], dtype=torch.bool)
boolIndices = torch.tensor([True, False, False], dtype=torch.bool)
show('bool v[boolIndices]', v[boolIndices])

mask = torch.zeros(size=(10,), dtype=torch.bool)
y = torch.ones(size=(10, 10))
y.index_put_((mask,), y[mask], accumulate=True)
show('bool accumulate', y)

v = torch.arange(105.0).view(5, 7, 3)
mask1 = torch.tensor([1, 0, 1, 1, 0], dtype=torch.bool)
mask2 = torch.tensor([1, 1, 1], dtype=torch.bool)
show('v[mask1, :, mask2]', v[mask1, :, mask2])

x = torch.arange(12.0).view(2, 2, 3)
b = ((True, False), (False, False))
m = torch.tensor(b, dtype=torch.bool)
z = torch.tensor(0)
t = torch.tensor(True)
f = torch.tensor(False)
attempt('x[m]', lambda: x[m])
attempt('x[m, ::2]', lambda: x[m, ::2])
attempt('x[m, None]', lambda: x[m, None])
attempt('x[m, 0]', lambda: x[m, 0])
attempt('x[m, z]', lambda: x[m, z])
attempt('x[m, True]', lambda: x[m, True])
attempt('x[m, True, True, True, True]', lambda: x[m, True, True, True, True])
attempt('x[m, False]', lambda: x[m, False])
attempt('x[m, True, True, False, True]', lambda: x[m, True, True, False, True])
attempt('x[m, t]', lambda: x[m, t])
attempt('x[m, f]', lambda: x[m, f])

x = torch.arange(60.0).view(3, 2, 2, 5)
attempt('x[:, m, :]', lambda: x[:, m, :])
attempt('x[0, m, ::2]', lambda: x[0, m, ::2])
attempt('x[..., m, ::2]', lambda: x[..., m, ::2])
attempt('x[None, ..., m, ::2]', lambda: x[None, ..., m, ::2])

v = torch.tensor([[1, 2], [3, 4]])
mask = torch.tensor([1, 0], dtype=torch.bool)
v[mask, :] = 0
show('v[mask, :] = 0', v)
v = torch.tensor([[1, 2], [3, 4]])
v[:, mask] = 0
show('v[:, mask] = 0', v)

v = torch.tensor([[[[1], [2]], [[3], [4]]]])
mask = torch.tensor([[1, 0], [0, 1]], dtype=torch.bool)
v[:, mask, :] = 0
show('v[:, mask, :] = 0', v)

v = torch.tensor([1.0])
show('v[v == 0]', v[v == 0])

# test_index_put_accumulate_expanded_values
t = torch.zeros((5, 2))
indices = [torch.tensor([0, 1, 2, 3]), torch.tensor([1])]
values0d = torch.tensor(1.0)
values1d = torch.tensor([1.0])
show('accumulate 0-d', t.index_put_(indices, values0d, accumulate=True))
show('accumulate 1-d', t.index_put_(indices, values1d, accumulate=True))
t = torch.zeros(4, 3, 2)
indices = [
    torch.tensor([0]),
    torch.arange(3)[:, None],
    torch.arange(2)[None, :],
]
values1d = torch.tensor([-1.0, -2.0])
values2d = torch.tensor([[-1.0, -2.0]])
show('accumulate broadcast 1-d', t.index_put_(indices, values1d, accumulate=True))
show('accumulate broadcast 2-d', t.index_put_(indices, values2d, accumulate=True))
