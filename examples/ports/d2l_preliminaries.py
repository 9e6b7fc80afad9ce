# PyTorch twin of d2l_preliminaries.mjs: the PyTorch cells of Dive into Deep Learning's "Data Manipulation"
# (chapter_preliminaries/ndarray.md) and "Linear Algebra" (chapter_preliminaries/linear-algebra.md) from
# d2l-ai/d2l-en at commit 23d7a5aecceee57d1292c56e90cce307f183bb0a, cell by cell. A notebook displays the repr
# of a cell's last expression; here show() prints it. torch.randn draws from detrand (the stream both
# languages compute alike); id() comparisons print their result, not the addresses.
# Run: /usr/bin/python3 examples/ports/d2l_preliminaries.py > examples/ports/d2l_preliminaries.expected.txt
import torch
import detrand


def show(v):
    print(repr(v))


detrand.seed(3)

# ---- ndarray.md ----
x = torch.arange(12, dtype=torch.float32)
show(x)
show(x.numel())
show(x.shape)
X = x.reshape(3, 4)
show(X)
show(torch.zeros((2, 3, 4)))
show(torch.ones((2, 3, 4)))
show(detrand.randn(3, 4))  # torch.randn(3, 4)
show(torch.tensor([[2, 1, 4, 3], [1, 2, 3, 4], [4, 3, 2, 1]]))
show((X[-1], X[1:3]))
X[1, 2] = 17
show(X)
X[:2, :] = 12
show(X)
show(torch.exp(x))
x = torch.tensor([1.0, 2, 4, 8])
y = torch.tensor([2, 2, 2, 2])
show((x + y, x - y, x * y, x / y, x ** y))
X = torch.arange(12, dtype=torch.float32).reshape((3,4))
Y = torch.tensor([[2.0, 1, 4, 3], [1, 2, 3, 4], [4, 3, 2, 1]])
show((torch.cat((X, Y), dim=0), torch.cat((X, Y), dim=1)))
show(X == Y)
show(X.sum())
a = torch.arange(3).reshape((3, 1))
b = torch.arange(2).reshape((1, 2))
show((a, b))
show(a + b)
before = id(Y)
Y = Y + X
show(id(Y) == before)
Z = torch.zeros_like(Y)
before = id(Z)
Z[:] = X + Y
print('id(Z) unchanged:', id(Z) == before)
before = id(X)
X += Y
show(id(X) == before)
a = torch.tensor([3.5])
show((a, a.item(), float(a), int(a)))

# ---- linear-algebra.md ----
x = torch.tensor(3.0)
y = torch.tensor(2.0)
show((x + y, x * y, x / y, x**y))
x = torch.arange(3)
show(x)
show(x[2])
show(len(x))
show(x.shape)
A = torch.arange(6).reshape(3, 2)
show(A)
show(A.T)
A = torch.tensor([[1, 2, 3], [2, 0, 4], [3, 4, 5]])
show(A == A.T)
show(torch.arange(24).reshape(2, 3, 4))
A = torch.arange(6, dtype=torch.float32).reshape(2, 3)
B = A.clone()  # Assign a copy of A to B by allocating new memory
show((A, A + B))
show(A * B)
a = 2
X = torch.arange(24).reshape(2, 3, 4)
show((a + X, (a * X).shape))
x = torch.arange(3, dtype=torch.float32)
show((x, x.sum()))
show((A.shape, A.sum()))
show((A.shape, A.sum(axis=0).shape))
show((A.shape, A.sum(axis=1).shape))
show(A.sum(axis=[0, 1]) == A.sum())  # Same as A.sum()
show((A.mean(), A.sum() / A.numel()))
show((A.mean(axis=0), A.sum(axis=0) / A.shape[0]))
sum_A = A.sum(axis=1, keepdims=True)
show((sum_A, sum_A.shape))
show(A / sum_A)
show(A.cumsum(axis=0))
y = torch.ones(3, dtype = torch.float32)
show((x, y, torch.dot(x, y)))
show(torch.sum(x * y))
show((A.shape, x.shape, torch.mv(A, x), A@x))
B = torch.ones(3, 4)
show((torch.mm(A, B), A@B))
u = torch.tensor([3.0, -4.0])
show(torch.norm(u))
show(torch.abs(u).sum())
show(torch.norm(torch.ones((4, 9))))
