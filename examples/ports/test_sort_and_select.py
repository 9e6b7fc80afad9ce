# PyTorch twin of test_sort_and_select.mjs: a slice of PyTorch's own test/test_sort_and_select.py (pytorch/pytorch,
# TestSortAndSelect as stored at commit 00cfef9fbf481d330ae7f65829935a934b69d114), on the CPU. Each assert prints
# the value it checks, so the output is PyTorch 1.13's answer: test_sort (assertIsOrdered's verdicts, random keys,
# duplicate keys, NaNs, descending), test_stable_sort over the real dtypes, _test_sort_discontiguous on small
# shapes, test_stable_sort_against_numpy's extremal fills (the stable indices printed), test_msort, test_topk
# (against sort, over transposes), test_topk_arguments, test_unique_dim, test_topk_integral, _nonfinite, _4d,
# _zero, test_unique and test_unique_consecutive (sorted and unsorted, scalar and empty), test_kthvalue (with NaN,
# non-contiguous) and test_kthvalue_scalar.
# Stand-ins: torch.rand / randn / randint / random.randint draw from detrand; sizes are small (SIZE 4 and 33 for
# 2049, 30 for 50); a raised error prints "raises"; out= forms and CUDA cases are left out.
# Run: /usr/bin/python3 examples/ports/test_sort_and_select.py > examples/ports/test_sort_and_select.expected.txt
from itertools import permutations, chain, combinations

import torch
from torch import nan

import detrand
from pyport import attempt

detrand.seed(23)


def randint(lo, hi):
    # random.randint(lo, hi), inclusive
    return lo + int(detrand.uniform(1)[0] * (hi - lo + 1))


def is_ordered(order, x, mxx, ixx):
    size = x.size(1)
    if order == 'descending':
        def check_order(a, b):
            return ((a != a) | (a >= b)).all().item()
    else:
        def check_order(a, b):
            return ((b != b) | (a <= b)).all().item()
    ordered = all(check_order(mxx[:, k - 1], mxx[:, k]) for k in range(1, size))
    xl, ml, il = x.tolist(), mxx.tolist(), ixx.tolist()
    indices = True
    for k in range(x.size(0)):
        seen = set()
        for j in range(size):
            same = xl[k][il[k][j]] == ml[k][j] or (xl[k][il[k][j]] != xl[k][il[k][j]] and ml[k][j] != ml[k][j])
            indices = indices and same
            seen.add(il[k][j])
        indices = indices and len(seen) == size
    return ordered, indices


# test_sort
for SIZE in (4, 33):
    x = detrand.rand(4, SIZE)
    res1val, res1ind = torch.sort(x)
    print('sort', SIZE, torch.equal(torch.argsort(x), res1ind), torch.equal(x.argsort(), res1ind), is_ordered('ascending', x, res1val, res1ind))
    if SIZE == 4:
        print(res1val, res1ind)
    print('sort simple', torch.sort(torch.tensor((50, 40, 30, 20, 10)))[0])
    x = torch.floor(detrand.rand(4, SIZE) * 10)
    res2val, res2ind = torch.sort(x, stable=True)
    print('sort duplicates', is_ordered('ascending', x, res2val, res2ind), res2ind[0])
    x = detrand.rand(4, SIZE)
    res1val, res1ind = torch.sort(x, x.dim() - 1, True)
    print('sort descending', torch.equal(torch.argsort(x, x.dim() - 1, True), res1ind), torch.equal(x.argsort(x.dim() - 1, True), res1ind),
          is_ordered('descending', x, res1val, res1ind))
    print('sort simple descending', torch.sort(torch.tensor((10, 20, 30, 40, 50)), 0, True)[0])
    x = detrand.rand(4, SIZE)
    x[1][2] = float('NaN')
    x[3][0] = float('NaN')
    res2val, res2ind = torch.sort(x)
    print('sort nan', is_ordered('ascending', x, res2val, res2ind), res2val[1][-2:], res2ind[1][-1], res2ind[3][-1])
    res2val, res2ind = torch.sort(x, descending=True)
    print('sort nan descending', is_ordered('descending', x, res2val, res2ind), res2val[3][:2], res2ind[1][0], res2ind[3][0])

# test_stable_sort
for dtype in (torch.uint8, torch.int8, torch.int16, torch.int32, torch.int64, torch.float16, torch.bfloat16, torch.float32, torch.float64):
    for ncopies in (100, 1000):
        x = torch.tensor([0, 1] * ncopies, dtype=dtype)
        _, idx = x.sort(stable=True)
        print('stable sort', dtype, ncopies, torch.equal(idx[:ncopies], torch.arange(start=0, end=2 * ncopies, step=2)),
              torch.equal(idx[ncopies:], torch.arange(start=1, end=2 * ncopies, step=2)))

# _test_sort_discontiguous (small sizes)
sizes = (5, 7, 9)
oks = []
for shape in permutations(sizes):
    for perm in permutations((0, 1, 2)):
        for dim in range(3):
            t = detrand.randn(*shape).permute(perm)
            r1 = t.sort(dim=dim)
            r2 = t.contiguous().sort(dim=dim)
            n = t.size(dim)
            oks.append((torch.equal(r1.values, r2.values), torch.equal(r1.indices, r2.indices),
                        bool((r1.values.narrow(dim, 1, n - 1) >= r1.values.narrow(dim, 0, n - 1)).all()),
                        bool((t.unsqueeze(-1).transpose(dim, -1) == r1.values.unsqueeze(-1)).any(dim=dim).any(dim=-1).all())))
print('sort discontiguous', len(oks), sorted(set(oks)))

# test_stable_sort_against_numpy (the stable indices)
for dtype in (torch.int8, torch.int32, torch.int64, torch.float32, torch.float64):
    if dtype.is_floating_point:
        inf, neg_inf, nan_ = float('inf'), -float('inf'), float('nan')
    else:
        inf, neg_inf = torch.iinfo(dtype).max, torch.iinfo(dtype).min
        nan_ = inf
    for sizes in [(1, 10), (10, 1), (10, 10)]:
        size = min(*sizes)
        x = (detrand.randn(*sizes) * size).to(dtype)
        _, idx = x.sort(dim=0, stable=True)
        print('stable', dtype, sizes, idx.flatten().tolist())
        for dim in range(len(sizes)):
            idxs = [detrand.randint(0, size, (max(size // 10, 1),)) for i in range(3)]
            vals = (inf, neg_inf, nan_)
            subsets = chain.from_iterable(combinations(list(zip(idxs, vals)), r) for r in range(1, 4))
            for subset in subsets:
                res = x
                for i, v in subset:
                    res = res.index_fill(dim, i, v)
                _, idx = res.sort(dim=dim, stable=True)
                print('stable fill', dtype, sizes, dim, idx.flatten().tolist())

# test_msort
for dtype in (torch.int16, torch.int32, torch.int64, torch.float32, torch.float64):
    for shape in ([], [0], [20], [1, 20], [5, 4]):
        tensor = (detrand.rand(*shape, dtype=torch.float64) * 18 - 9).to(dtype) if shape != [] else torch.tensor(3, dtype=dtype)
        print('msort', dtype, shape, torch.msort(tensor))

# test_topk


def topk_via_sort(t, k, dim, dir):
    sorted_, indices = t.sort(dim, dir)
    return sorted_.narrow(dim, 0, k), indices.narrow(dim, 0, k)


t = detrand.rand(randint(1, 12), randint(1, 12), randint(1, 12))
for _kTries in range(3):
    for _dimTries in range(3):
        for transpose in (True, False):
            for dir in (True, False):
                testTensor = t
                if transpose:
                    dim1 = randint(0, t.ndimension() - 1)
                    dim2 = dim1
                    while dim1 == dim2:
                        dim2 = randint(0, t.ndimension() - 1)
                    testTensor = t.transpose(dim1, dim2)
                dim = randint(0, testTensor.ndimension() - 1)
                k = randint(1, testTensor.size(dim))
                topKVal, topKInd = testTensor.topk(k, dim, dir, True)
                sortKVal, sortKInd = topk_via_sort(testTensor, k, dim, dir)
                print('topk', list(testTensor.shape), k, dim, dir, torch.equal(topKVal, sortKVal),
                      torch.equal(testTensor.gather(dim, topKInd), sortKVal), topKVal.sum())

# test_topk_arguments
q = detrand.randn(10, 2, 10)
attempt('topk(4, True)', lambda: list(q.topk(4, True)[0].shape))

# test_unique_dim
for dtype in (torch.float32, torch.float64, torch.int64, torch.uint8, torch.bool):
    x = torch.tensor([[[1., 1.], [0., 1.], [2., 1.], [0., 1.]], [[1., 1.], [0., 1.], [2., 1.], [0., 1.]]], dtype=dtype)
    for dim in (0, 1, 2):
        print('unique dim', dtype, dim, torch.unique(x, dim=dim))
        print('unique dim inverse counts', dtype, dim, torch.unique(x, return_inverse=True, return_counts=True, dim=dim)[1:])
        print('unique dim counts', dtype, dim, torch.unique(x, return_inverse=False, return_counts=True, dim=dim)[1])
    print('unique dim empty', dtype, torch.unique(torch.empty(5, 0, dtype=dtype), return_inverse=True, return_counts=True, dim=1))
    attempt(f'unique dim ill-formed {dtype}', lambda: torch.unique(torch.empty(5, 0, 0, dtype=dtype), return_inverse=True, return_counts=True, dim=1))
    attempt(f'unique dim ill-formed 2 {dtype}', lambda: torch.unique(torch.empty(5, 0, 5, dtype=dtype), return_inverse=True, return_counts=True, dim=2))
    y = torch.tensor([[0, 1], [0, 1], [0, 1], [1, 2], [1, 2], [3, 4], [0, 1], [0, 1], [3, 4], [1, 2]], dtype=dtype)
    print('unique_consecutive dim', dtype, torch.unique_consecutive(y, return_inverse=True, return_counts=True, dim=0))

# test_topk_integral
for dtype, lo, hi in ((torch.int8, -128, 127), (torch.uint8, 0, 255), (torch.int16, -32768, 32767),
                      (torch.int32, -2 ** 31, 2 ** 31 - 1), (torch.int64, -2 ** 40, 2 ** 40)):
    a = (detrand.rand(10, dtype=torch.float64) * (hi - lo) + lo).floor().to(dtype)
    sort_topk = a.sort()[0][-5:].flip(0)
    topk = a.topk(5)
    print('topk integral', dtype, topk[0], torch.equal(sort_topk, topk[0]), torch.equal(sort_topk, a[topk[1]]))

# test_topk_nonfinite
for dtype in (torch.float32, torch.float64):
    x = torch.tensor([float('nan'), float('inf'), 1e4, 0, -1e4, -float('inf')], dtype=dtype)
    print('topk nonfinite', x.topk(4), x.topk(4, largest=False))

# test_topk_4d
x = torch.ones(2, 3072, 2, 2)
x[:, 1, :, :] *= 2.
x[:, 10, :, :] *= 1.5
val, ind = torch.topk(x, k=2, dim=1)
print('topk 4d', val.flatten().tolist(), ind.flatten().tolist())

# test_topk_zero
for dtype in (torch.uint8, torch.int8, torch.int16, torch.int32, torch.int64, torch.float32, torch.float64):
    t = detrand.rand(2, 2).to(dtype=dtype)
    val, idx = torch.topk(t, k=0, largest=False)
    print('topk zero', dtype, list(val.size()), list(idx.size()), val.dtype, idx.dtype)


# test_unique, test_unique_consecutive
def unique_scalar_empty(label, f, dtype):
    x = torch.tensor(0, dtype=dtype)
    print(label, 'scalar', f(x, return_inverse=True, return_counts=True))
    x = torch.zeros((0, 0, 3), dtype=dtype)
    u, i, c = f(x, return_inverse=True, return_counts=True)
    print(label, 'empty', u, list(i.shape), i.dtype, c)


for dtype in (torch.bool, torch.uint8, torch.int8, torch.int16, torch.int32, torch.int64, torch.float32, torch.float64):
    if dtype is torch.bool:
        x = torch.tensor([True, False, False, False, True, False, True, False], dtype=torch.bool)
        xc = torch.tensor([True, False, False, False, True, True, False, False, False], dtype=torch.bool)
    else:
        x = torch.tensor([1, 2, 3, 2, 8, 5, 2, 3], dtype=dtype)
        xc = torch.tensor([1, 2, 2, 2, 5, 5, 2, 2, 3], dtype=dtype)
    for name, f, xx, shape in (('unique', lambda x, **kw: torch.unique(x, sorted=True, **kw), x, (2, 2, 2)),
                               ('unique method', lambda x, **kw: x.unique(sorted=True, **kw), x, (2, 2, 2)),
                               ('unique_consecutive', torch.unique_consecutive, xc, (3, 3)),
                               ('unique_consecutive method', lambda x, **kw: x.unique_consecutive(**kw), xc, (3, 3))):
        for return_inverse in (True, False):
            for return_counts in (True, False):
                print(name, dtype, return_inverse, return_counts, f(xx, return_inverse=return_inverse, return_counts=return_counts))
        print(name, dtype, 'view', f(xx.view(shape), return_inverse=True, return_counts=True))
        unique_scalar_empty(name, f, dtype)
    # unsorted unique: the set of values, and each inverse and count consistent
    for return_inverse in (True, False):
        for return_counts in (True, False):
            ret = torch.unique(x, sorted=False, return_inverse=return_inverse, return_counts=return_counts)
            ret = (ret,) if isinstance(ret, torch.Tensor) else ret
            x_list, u_list = x.tolist(), ret[0].tolist()
            ok = sorted(u_list) == sorted(set(x_list))
            if return_inverse:
                ok = ok and all(x_list[i] == u_list[j] for i, j in enumerate(ret[1].tolist()))
            if return_counts:
                ok = ok and all(x_list.count(i) == j for i, j in zip(u_list, ret[1 + int(return_inverse)].tolist()))
            print('unique unsorted', dtype, return_inverse, return_counts, len(ret), ok)

# test_kthvalue
SIZE = 30
x = detrand.rand(SIZE, SIZE, SIZE, dtype=torch.float64)
x0 = x.clone()
k = randint(1, SIZE)
res1val, res1ind = torch.kthvalue(x, k, keepdim=False)
res2val, res2ind = torch.sort(x)
print('kthvalue', k, torch.equal(res1val, res2val[:, :, k - 1]), torch.equal(res1ind, res2ind[:, :, k - 1]), res1val.sum())
k = randint(1, SIZE)
res1val, res1ind = torch.kthvalue(x, k, 0, keepdim=False)
res2val, res2ind = torch.sort(x, 0)
print('kthvalue dim 0', k, torch.equal(res1val, res2val[k - 1]), torch.equal(res1ind, res2ind[k - 1]))
y = x.narrow(1, 0, 1)
k = randint(1, SIZE)
print('kthvalue noncontiguous', k, torch.equal(torch.kthvalue(y, k)[0], torch.kthvalue(y.contiguous(), k)[0]),
      torch.equal(torch.kthvalue(y, k)[1], torch.kthvalue(y.contiguous(), k)[1]))
non_contig_t = torch.tensor([0, -1, 1, -2, 2], dtype=torch.float64)[::2]
print('kthvalue strided', non_contig_t.kthvalue(2), non_contig_t.contiguous().kthvalue(2))
print('kthvalue unchanged', torch.equal(x, x0))
y = torch.tensor((3., 5, 4, 1, 1, 5), dtype=torch.float64)
print('kthvalue repeats', torch.kthvalue(y, 3)[0], torch.kthvalue(y, 2)[0])
x = detrand.rand(SIZE, SIZE, SIZE, dtype=torch.float64)
x[torch.arange(SIZE), :, detrand.randint(0, SIZE, (SIZE,))] = nan
ks = [randint(1, SIZE), 1, SIZE, SIZE - 1]
res2val, res2ind = torch.sort(x)
for k in ks:
    res1val, res1ind = torch.kthvalue(x, k, keepdim=False)
    print('kthvalue nan', k, torch.allclose(res1val, res2val[:, :, k - 1], equal_nan=True), torch.equal(res1ind, res2ind[:, :, k - 1]),
          res1val.isnan().sum())

# test_kthvalue_scalar
res = torch.tensor(2.).kthvalue(1)
ref = torch.tensor([2.]).kthvalue(1)
print('kthvalue scalar', res, torch.equal(res[0], ref[0].squeeze()), torch.equal(res[1], ref[1].squeeze()))
