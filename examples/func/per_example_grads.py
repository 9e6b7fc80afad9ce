# PyTorch twin of per-example-grads.mjs (functorch 1.13): per-example gradients of an MNIST MLP by
# vmap(grad(loss)) over functional_call, checked against a loop of ordinary backward passes and against the
# batch gradient. Reads the digits that `node examples/mnist/data.mjs --export FILE` writes.
# Run: /usr/bin/python3 examples/func/per_example_grads.py DIGITS > examples/func/per-example-grads.expected
import struct
import sys

import torch
from functorch import grad, vmap
from torch.nn.utils.stateless import functional_call

torch.set_printoptions(precision=6)
with open(sys.argv[1], "rb") as f:
    n_train, n_test, dim = struct.unpack("<3I", f.read(12))
    train_x = torch.frombuffer(bytearray(f.read(4 * n_train * dim)), dtype=torch.float32).reshape(n_train, dim)
    train_y = torch.frombuffer(bytearray(f.read(4 * n_train)), dtype=torch.int32)
B = 64
idx = torch.tensor([(i % 10) * 800 + i // 10 for i in range(B)])
x = train_x[idx].to(torch.float64)
y = train_y[idx].to(torch.int64)

model = torch.nn.Sequential(torch.nn.Linear(784, 32), torch.nn.Tanh(), torch.nn.Linear(32, 10)).double()
with torch.no_grad():
    for k, p in enumerate(model.parameters()):
        p.copy_(0.05 * torch.sin(0.37 * torch.arange(p.numel(), dtype=torch.float64) + k).reshape(p.shape))
params = {name: p.detach() for name, p in model.named_parameters()}


def loss_of_one(params, xi, yi):
    logits = functional_call(model, params, (xi.unsqueeze(0),))
    return torch.nn.functional.cross_entropy(logits, yi.unsqueeze(0))


per_example = vmap(grad(loss_of_one), in_dims=(None, 0, 0))(params, x, y)
for name, g in per_example.items():
    print(name, list(g.shape))
norms = torch.stack([g.flatten(1).norm(dim=1) for g in per_example.values()]).square().sum(0).sqrt()
print("per-example gradient norms (first 8):", norms[:8])
loop_max = 0.0
for i in range(B):
    model.zero_grad()
    torch.nn.functional.cross_entropy(model(x[i:i + 1]), y[i:i + 1]).backward()
    for name, p in model.named_parameters():
        loop_max = max(loop_max, (p.grad - per_example[name][i]).abs().max().item())
print("matches a loop of backward passes:", loop_max < 1e-12)
model.zero_grad()
torch.nn.functional.cross_entropy(model(x), y).backward()
mean_max = max((p.grad - per_example[name].mean(0)).abs().max().item() for name, p in model.named_parameters())
print("mean of per-example gradients is the batch gradient:", mean_max < 1e-12)
clipped = {k: g * (1.0 / norms.clamp(min=1.0)).reshape([-1] + [1] * (g.dim() - 1)) for k, g in per_example.items()}
print("DP-SGD step, clipped to norm 1, summed bias grad of layer 2:", clipped["2.bias"].sum(0))
