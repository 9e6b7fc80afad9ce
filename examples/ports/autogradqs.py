# PyTorch twin of autogradqs.mjs: pytorch/tutorials beginner_source/basics/autogradqs_tutorial.py
# (commit 1532c0de875b79f541371438d8d1d08be18f87de), statement by statement, with torch.randn drawn from
# detrand (the stream both languages compute alike).
# Run: /usr/bin/python3 examples/ports/autogradqs.py > examples/ports/autogradqs.expected.txt
import torch
import detrand

detrand.seed(1)

x = torch.ones(5)  # input tensor
y = torch.zeros(3)  # expected output
w = detrand.randn(5, 3).requires_grad_(True)  # torch.randn(5, 3, requires_grad=True)
b = detrand.randn(3).requires_grad_(True)  # torch.randn(3, requires_grad=True)
z = torch.matmul(x, w) + b
loss = torch.nn.functional.binary_cross_entropy_with_logits(z, y)

print(f"Gradient function for z = {z.grad_fn.name()}")  # the tutorial prints the node's repr (an address)
print(f"Gradient function for loss = {loss.grad_fn.name()}")

loss.backward()
print(w.grad)
print(b.grad)

z = torch.matmul(x, w)+b
print(z.requires_grad)

with torch.no_grad():
    z = torch.matmul(x, w)+b
print(z.requires_grad)

z = torch.matmul(x, w)+b
z_det = z.detach()
print(z_det.requires_grad)

inp = torch.eye(4, 5, requires_grad=True)
out = (inp+1).pow(2).t()
out.backward(torch.ones_like(out), retain_graph=True)
print(f"First call\n{inp.grad}")
out.backward(torch.ones_like(out), retain_graph=True)
print(f"\nSecond call\n{inp.grad}")
inp.grad.zero_()
out.backward(torch.ones_like(out), retain_graph=True)
print(f"\nCall after zeroing gradients\n{inp.grad}")

# Not in the tutorial: what it says in prose, printed.
print(z, loss, out.grad_fn.name(), out.grad_fn.next_functions[0][0].name())
print(w.is_leaf, z.is_leaf, z.grad_fn.next_functions[0][0].name(), b.grad_fn)
try:
    loss.backward()
    loss.backward()
except RuntimeError as e:
    print(str(e).split('.')[0])
try:
    out.backward()
except RuntimeError as e:
    print(e)
with torch.no_grad():
    w -= 0.1 * w.grad
print(w)
