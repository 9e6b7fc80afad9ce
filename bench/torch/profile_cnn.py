#!/usr/bin/env python3
"""examples/mnist-cnn/profile.mjs in PyTorch 1.13: each layer of bench/torch/mnist_cnn.py's lenet() alone at
batch 128, forward (grad on, train mode) and backward (forward+backward minus forward, with a fixed random grad),
plus the loss, the shift, the batch gather and the Adam step; the fastest of REPS runs, in ms.
    /usr/bin/python3 bench/torch/profile_cnn.py [REPS] [THREADS]   (unset OPENBLAS_CORETYPE, OPENBLAS_L2_SIZE;
    GOMP_SPINCOUNT=5000 as bench/run.mjs)"""
import os
import sys
import time

import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import mnist  # noqa: E402
from mnist_cnn import lenet  # noqa: E402

REPS = int(sys.argv[1]) if len(sys.argv) > 1 else 30
torch.set_num_threads(int(sys.argv[2]) if len(sys.argv) > 2 else 2)
torch.manual_seed(0)
B = 128


def med(f):
    t = []
    for _ in range(REPS + 3):
        t0 = time.perf_counter()
        f()
        t.append((time.perf_counter() - t0) * 1000)
    return min(t[3:])


model = lenet()
rows = []
x = torch.randn(B, 1, 28, 28)
for i, layer in enumerate(model.children()):
    xin = x.detach().requires_grad_(i > 0)
    y0 = layer(xin)
    g = torch.randn_like(y0)
    fwd = med(lambda: layer(xin))
    both = med(lambda: layer(xin).backward(g))
    rows.append((f"{i} {type(layer).__name__} {'x'.join(map(str, xin.shape))}", fwd, max(0.0, both - fwd)))
    x = y0.detach()
    for p in layer.parameters():
        p.grad = None
logits = torch.randn(B, 10, requires_grad=True)
y = torch.randint(0, 10, (B,))
ce = med(lambda: F.cross_entropy(logits, y))
rows.append(("crossEntropy", ce, max(0.0, med(lambda: F.cross_entropy(logits, y).backward()) - ce)))
gen = torch.Generator().manual_seed(0)
mnist.SHIFT = 2
img = torch.randn(B, 1, 28, 28)
rows.append(("shift (12 ops)", med(lambda: mnist.shifted(img, gen)), 0.0))
data = torch.randn(8000, 1, 28, 28)
idx = torch.randint(0, 8000, (B,))
rows.append(("batch gather (data[idx])", med(lambda: data[idx]), 0.0))
for p in model.parameters():
    p.grad = torch.randn_like(p)
opt = torch.optim.Adam(model.parameters(), lr=1e-3)
rows.append(("Adam step", med(opt.step), 0.0))
rows.append(("zeroGrad", med(opt.zero_grad), 0.0))
m2 = lenet()
o2 = torch.optim.Adam(m2.parameters(), lr=1e-3)
xb = torch.randn(B, 1, 28, 28)


def step():
    loss = F.cross_entropy(m2(mnist.shifted(xb, gen)), y)
    o2.zero_grad()
    loss.backward()
    o2.step()
    loss.item()


full = med(step)
print(f"PyTorch {torch.__version__}, {torch.get_num_threads()} threads, batch {B}, best of {REPS} (ms)")
sf = sb = 0.0
for name, f, b in rows:
    sf += f
    sb += b
    print(f"{name:<36} fwd {f:8.3f}  bwd {b:8.3f}")
print(f"{'sum of the parts':<36} fwd {sf:8.3f}  bwd {sb:8.3f}  total {sf + sb:.3f}")
print(f"{'whole training step':<36} {full:.3f} ms  (x 63 batches = {full * 63 / 1000:.3f} s/epoch)")
