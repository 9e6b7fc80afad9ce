# PyTorch twin of d2l_lenet.mjs: Dive into Deep Learning's "Convolutional Neural Networks (LeNet)"
# (chapter_convolutional-neural-networks/lenet.md, d2l-ai/d2l-en at commit 02c2e54a4fd2fda1f58a2a660b5eb89005b217bf),
# with the parts of the d2l package it runs (Accumulator, accuracy, evaluate_accuracy_gpu, train_ch6) written out.
# Stand-ins: load_data_fashion_mnist is a synthetic 10-class set of 28 x 28 images (no downloads; 512 training and
# 256 test images), torch.randn, xavier_uniform_ and the shuffle draw from detrand; the Animator's points are
# printed (every 2 batches instead of 50, and each epoch's test accuracy); the examples/sec line (a timing) is
# left out.
# Run: /usr/bin/python3 examples/ports/d2l_lenet.py > examples/ports/d2l_lenet.expected.txt
import math

import torch
from torch import nn

import detrand

detrand.seed(8)


def shuffled(n):
    """random.shuffle(list(range(n))) from detrand: Fisher-Yates, j = floor(u * (i + 1))."""
    idx = list(range(n))
    u = detrand.uniform(n)
    for i in range(n - 1, 0, -1):
        j = int(u[i] * (i + 1))
        idx[i], idx[j] = idx[j], idx[i]
    return idx


class Loader:
    """A DataLoader over (X, y): shuffled each epoch when shuffle is set, as DataLoader(shuffle=True)."""
    def __init__(self, X, y, batch_size, shuffle):
        self.X, self.y, self.batch_size, self.shuffle = X, y, batch_size, shuffle

    def __len__(self):
        return (len(self.y) + self.batch_size - 1) // self.batch_size

    def __iter__(self):
        n = len(self.y)
        indices = shuffled(n) if self.shuffle else list(range(n))
        for i in range(0, n, self.batch_size):
            batch_indices = torch.tensor(indices[i: i + self.batch_size])
            yield self.X[batch_indices], self.y[batch_indices]


def load_data_fashion_mnist(batch_size, num_train=512, num_test=256):
    """The stand-in for d2l.load_data_fashion_mnist: each image a class prototype plus noise."""
    protos = detrand.rand(10, 1, 28, 28)
    n = num_train + num_test
    y = detrand.randint(0, 10, (n,))
    X = (protos[y] + detrand.randn(n, 1, 28, 28) * 0.6).clamp(0, 1)
    return (Loader(X[:num_train], y[:num_train], batch_size, True),
            Loader(X[num_train:], y[num_train:], batch_size, False))


class Accumulator:
    """For accumulating sums over `n` variables."""
    def __init__(self, n):
        self.data = [0.0] * n

    def add(self, *args):
        self.data = [a + float(b) for a, b in zip(self.data, args)]

    def reset(self):
        self.data = [0.0] * len(self.data)

    def __getitem__(self, idx):
        return self.data[idx]


def accuracy(y_hat, y):
    """Compute the number of correct predictions."""
    if len(y_hat.shape) > 1 and y_hat.shape[1] > 1:
        y_hat = y_hat.argmax(axis=1)
    cmp = y_hat.type(y.dtype) == y
    return float(cmp.type(y.dtype).sum())


class Reshape(torch.nn.Module):
    def forward(self, x):
        return x.view(-1, 1, 28, 28)


net = torch.nn.Sequential(
    Reshape(),
    nn.Conv2d(1, 6, kernel_size=5, padding=2), nn.Sigmoid(),
    nn.AvgPool2d(kernel_size=2, stride=2),
    nn.Conv2d(6, 16, kernel_size=5), nn.Sigmoid(),
    nn.AvgPool2d(kernel_size=2, stride=2),
    nn.Flatten(),
    nn.Linear(16 * 5 * 5, 120), nn.Sigmoid(),
    nn.Linear(120, 84), nn.Sigmoid(),
    nn.Linear(84, 10))
print(net)

X = detrand.randn(1, 1, 28, 28)
for layer in net:
    X = layer(X)
    print(layer.__class__.__name__, 'output shape: \t', X.shape)

batch_size = 128
train_iter, test_iter = load_data_fashion_mnist(batch_size=batch_size)


def evaluate_accuracy_gpu(net, data_iter, device=None):
    if not device:
        device = next(iter(net.parameters())).device
    metric = Accumulator(2)  # num_corrected_examples, num_examples
    for X, y in data_iter:
        X, y = X.to(device), y.to(device)
        metric.add(accuracy(net(X), y), sum(y.shape))
    return metric[0] / metric[1]


def xavier_uniform_(w):
    """torch.nn.init.xavier_uniform_ in distribution, from detrand."""
    receptive = w[0][0].numel() if w.dim() > 2 else 1
    fan_in, fan_out = w.shape[1] * receptive, w.shape[0] * receptive
    a = math.sqrt(6.0 / (fan_in + fan_out))
    with torch.no_grad():
        w.copy_((detrand.rand(*w.shape) * 2 - 1) * a)


def train_ch6(net, train_iter, test_iter, num_epochs, lr, device='cpu'):
    """Train and evaluate a model with CPU or GPU."""
    def init_weights(m):
        if type(m) == nn.Linear or type(m) == nn.Conv2d:
            xavier_uniform_(m.weight)
            with torch.no_grad():
                m.bias.zero_()
    net.apply(init_weights)
    print('training on', device)
    net.to(device)
    optimizer = torch.optim.SGD(net.parameters(), lr=lr)
    loss = nn.CrossEntropyLoss()
    for epoch in range(num_epochs):
        metric = Accumulator(3)  # train_loss, train_acc, num_examples
        for i, (X, y) in enumerate(train_iter):
            net.train()
            optimizer.zero_grad()
            X, y = X.to(device), y.to(device)
            y_hat = net(X)
            l = loss(y_hat, y)
            l.backward()
            optimizer.step()
            with torch.no_grad():
                metric.add(l * X.shape[0], accuracy(y_hat, y), X.shape[0])
            train_loss, train_acc = metric[0] / metric[2], metric[1] / metric[2]
            if (i + 1) % 2 == 0:
                print('animator %.2f: train loss %.4f, train acc %.3f' % (epoch + i / len(train_iter), train_loss, train_acc))
        test_acc = evaluate_accuracy_gpu(net, test_iter)
        print('animator %d: test acc %.3f' % (epoch + 1, test_acc))
    print('loss %.3f, train acc %.3f, test acc %.3f' % (
        train_loss, train_acc, test_acc))


lr, num_epochs = 0.9, 6
train_ch6(net, train_iter, test_iter, num_epochs, lr)
