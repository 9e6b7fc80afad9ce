"""Exports the ONNX graphs the onnxruntime-node peer runs in `npm run bench` (bench/workers/onnxruntime.mjs).

    /usr/bin/python3 bench/torch/export_onnx.py [OUT_DIR]     (default: bench/onnx/, not committed)

bench/setup.sh runs it when PyTorch is importable and a graph is missing or older than this script. The graphs
are the forward-only rows' computations, exported from PyTorch 1.13 in eval mode so onnxruntime gets the same
model a user would export (its graph optimizer may then fuse, e.g. batch norm into the conv: that is its
strongest configuration, which the bench wants):
  W5.fwd    a @ b for both operands as inputs, float32 and float64, one graph per size (static shapes);
  W13.*F    conv2d(x, w, b) with w and b as initializers (CONV shapes of bench/lib/workloads.mjs);
  W21.mlp   the W6 MLP's forward, linear 784-512, relu, linear 512-10, batch 128 -> logits;
  W21.cnn   examples/mnist-cnn's LeNet-5 in eval mode, batch 128 -> logits.
Weights are seeded random values; the bench times the graphs, it does not compare their outputs with PyTorch's.
"""
import os
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "onnx")
os.makedirs(OUT, exist_ok=True)
torch.manual_seed(0)

W5_SIZES = [16, 64, 256, 512, 1024]
CONV = {  # name: (x shape, w shape, padding), as CONV_SHAPES in bench/lib/workloads.mjs
    "resnet": ([8, 64, 56, 56], [64, 64, 3, 3], 1),
    "lenet1": ([128, 1, 28, 28], [6, 1, 5, 5], 2),
    "lenet2": ([128, 6, 14, 14], [16, 6, 5, 5], 0),
}


class MatMul(nn.Module):
    def forward(self, a, b):
        return a @ b


class Conv(nn.Module):
    def __init__(self, ws, padding):
        super().__init__()
        self.w = nn.Parameter(torch.randn(*ws) * 0.1)
        self.b = nn.Parameter(torch.randn(ws[0]))
        self.padding = padding

    def forward(self, x):
        return F.conv2d(x, self.w, self.b, 1, self.padding)


def mlp():
    return nn.Sequential(nn.Linear(784, 512), nn.ReLU(), nn.Linear(512, 10))


def lenet():  # examples/mnist-cnn/model.mjs
    return nn.Sequential(
        nn.Conv2d(1, 6, 5, padding=2, bias=False), nn.BatchNorm2d(6), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(6, 16, 5, bias=False), nn.BatchNorm2d(16), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(400, 120), nn.ReLU(), nn.Dropout(0.1),
        nn.Linear(120, 84), nn.ReLU(), nn.Dropout(0.1), nn.Linear(84, 10))


def export(name, model, args, inputs):
    model.eval()
    path = os.path.join(OUT, name + ".onnx")
    with torch.no_grad():
        torch.onnx.export(model, args, path, input_names=inputs, output_names=["y"], opset_version=13)


for n in W5_SIZES:
    for dt, tag in ((torch.float32, "f32"), (torch.float64, "f64")):
        export(f"W5.fwd.{n}.{tag}", MatMul(), (torch.randn(n, n, dtype=dt), torch.randn(n, n, dtype=dt)), ["a", "b"])
for name, (xs, ws, padding) in CONV.items():
    export(f"W13.{name}F", Conv(ws, padding), (torch.randn(*xs),), ["x"])
export("W21.mlp", mlp(), (torch.randn(128, 784),), ["x"])
export("W21.cnn", lenet(), (torch.randn(128, 1, 28, 28),), ["x"])
print(f"export_onnx: {len(os.listdir(OUT))} graphs in {os.path.relpath(OUT)}")
