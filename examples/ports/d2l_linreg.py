# PyTorch twin of d2l_linreg.mjs: Dive into Deep Learning's "Linear Regression Implementation from Scratch"
# (chapter_linear-regression/linear-regression-scratch.md) and "Concise Implementation of Linear Regression"
# (linear-regression-concise.md), d2l-ai/d2l-en at commit 23d7a5aecceee57d1292c56e90cce307f183bb0a, with the
# parts of the d2l package they run (d2l/torch.py: HyperParameters, Module, DataModule, Trainer,
# SyntheticRegressionData) written out. Deterministic stand-ins: d2l.randn/normal and the shuffle draw from
# detrand (the stream both languages compute alike); the loss curve the ProgressBoard would draw (the mean of
# every n points) is printed instead. The concise model is nn.LazyLinear(1), as in the book.
# Run: /usr/bin/python3 examples/ports/d2l_linreg.py > examples/ports/d2l_linreg.expected.txt
import torch
from torch import nn
import detrand

detrand.seed(4)


class ProgressBoard:
    """d2l.ProgressBoard.draw without the plot: every n points, the mean is one point of the curve."""
    def __init__(self):
        self.raw, self.points = {}, []

    def draw(self, x, y, label, every_n=1):
        raw = self.raw.setdefault(label, [])
        raw.append((x, y))
        if len(raw) != every_n:
            return
        self.points.append((label, sum(p[0] for p in raw) / len(raw), sum(p[1] for p in raw) / len(raw)))
        raw.clear()

    def show(self):
        for label, x, y in self.points:
            print(f'{label} {x:.2f}: {y:.4f}')


class Module(nn.Module):
    """d2l.Module (d2l/torch.py), its plot() drawing on the board above."""
    def __init__(self, plot_train_per_epoch=2, plot_valid_per_epoch=1):
        super().__init__()
        self.plot_train_per_epoch, self.plot_valid_per_epoch = plot_train_per_epoch, plot_valid_per_epoch
        self.board = ProgressBoard()

    def forward(self, X):
        assert hasattr(self, 'net'), 'Neural network is defined'
        return self.net(X)

    def plot(self, key, value, train):
        assert hasattr(self, 'trainer'), 'Trainer is not inited'
        if train:
            x = self.trainer.train_batch_idx / self.trainer.num_train_batches
            n = self.trainer.num_train_batches / self.plot_train_per_epoch
        else:
            x = self.trainer.epoch + 1
            n = self.trainer.num_val_batches / self.plot_valid_per_epoch
        self.board.draw(x, value.detach().numpy().item(), ('train_' if train else 'val_') + key, every_n=int(n))

    def training_step(self, batch):
        l = self.loss(self(*batch[:-1]), batch[-1])
        self.plot('loss', l, train=True)
        return l

    def validation_step(self, batch):
        l = self.loss(self(*batch[:-1]), batch[-1])
        self.plot('loss', l, train=False)


class DataModule:
    def __init__(self, num_workers=4):
        self.num_workers = num_workers

    def train_dataloader(self):
        return self.get_dataloader(train=True)

    def val_dataloader(self):
        return self.get_dataloader(train=False)


class Trainer:
    def __init__(self, max_epochs, num_gpus=0, gradient_clip_val=0):
        self.max_epochs, self.gradient_clip_val = max_epochs, gradient_clip_val
        assert num_gpus == 0, 'No GPU support yet'

    def prepare_data(self, data):
        self.train_dataloader = data.train_dataloader()
        self.val_dataloader = data.val_dataloader()
        self.num_train_batches = len(self.train_dataloader)
        self.num_val_batches = (len(self.val_dataloader)
                                if self.val_dataloader is not None else 0)

    def prepare_model(self, model):
        model.trainer = self
        self.model = model

    def fit(self, model, data):
        self.prepare_data(data)
        self.prepare_model(model)
        self.optim = model.configure_optimizers()
        self.epoch = 0
        self.train_batch_idx = 0
        self.val_batch_idx = 0
        for self.epoch in range(self.max_epochs):
            self.fit_epoch()

    def prepare_batch(self, batch):
        return batch

    def fit_epoch(self):
        self.model.train()
        for batch in self.train_dataloader:
            loss = self.model.training_step(self.prepare_batch(batch))
            self.optim.zero_grad()
            with torch.no_grad():
                loss.backward()
                self.optim.step()
            self.train_batch_idx += 1
        if self.val_dataloader is None:
            return
        self.model.eval()
        for batch in self.val_dataloader:
            with torch.no_grad():
                self.model.validation_step(self.prepare_batch(batch))
            self.val_batch_idx += 1


def shuffled(n):
    """random.shuffle(list(range(n))) from detrand: Fisher-Yates, j = floor(u * (i + 1))."""
    idx = list(range(n))
    u = detrand.uniform(n)
    for i in range(n - 1, 0, -1):
        j = int(u[i] * (i + 1))
        idx[i], idx[j] = idx[j], idx[i]
    return idx


class SyntheticRegressionData(DataModule):
    """Synthetic data for linear regression."""
    def __init__(self, w, b, noise=0.01, num_train=1000, num_val=1000, batch_size=32):
        super().__init__()
        self.w, self.b, self.noise, self.num_train, self.num_val, self.batch_size = w, b, noise, num_train, num_val, batch_size
        n = num_train + num_val
        self.X = detrand.randn(n, len(w))  # d2l.randn(n, len(w))
        noise = detrand.randn(n, 1) * noise  # d2l.randn(n, 1) * noise
        self.y = torch.matmul(self.X, torch.reshape(w, (-1, 1))) + b + noise

    def get_dataloader(self, train):
        # linear-regression-scratch's loader (random.shuffle of the indices), as a list so len() works
        if train:
            indices = shuffled(self.num_train)
        else:
            indices = list(range(self.num_train, self.num_train+self.num_val))
        batches = []
        for i in range(0, len(indices), self.batch_size):
            batch_indices = torch.tensor(indices[i: i+self.batch_size])
            batches.append((self.X[batch_indices], self.y[batch_indices]))
        return batches


# ---- synthetic-regression-data.md ----
data = SyntheticRegressionData(w=torch.tensor([2, -3.4]), b=4.2)
print('features:', data.X[0],'\nlabel:', data.y[0])
X, y = next(iter(data.train_dataloader()))
print('X shape:', X.shape, '\ny shape:', y.shape)
print(len(data.train_dataloader()))

# ---- linear-regression-scratch.md ----
class LinearRegressionScratch(Module):
    """The linear regression model implemented from scratch."""
    def __init__(self, num_inputs, lr, sigma=0.01):
        super().__init__()
        self.num_inputs, self.lr, self.sigma = num_inputs, lr, sigma
        self.w = (detrand.randn(num_inputs, 1) * sigma).requires_grad_(True)  # d2l.normal(0, sigma, ..., requires_grad=True)
        self.b = torch.zeros(1, requires_grad=True)

    def forward(self, X):
        return torch.matmul(X, self.w) + self.b

    def loss(self, y_hat, y):
        l = (y_hat - y) ** 2 / 2
        return l.mean()

    def configure_optimizers(self):
        return SGD([self.w, self.b], self.lr)


class SGD:
    """Minibatch stochastic gradient descent."""
    def __init__(self, params, lr):
        self.params, self.lr = params, lr

    def step(self):
        for param in self.params:
            param -= self.lr * param.grad

    def zero_grad(self):
        for param in self.params:
            if param.grad is not None:
                param.grad.zero_()


model = LinearRegressionScratch(2, lr=0.03)
trainer = Trainer(max_epochs=3)
trainer.fit(model, data)
model.board.show()
with torch.no_grad():
    print(f'error in estimating w: {data.w - torch.reshape(model.w, data.w.shape)}')
    print(f'error in estimating b: {data.b - model.b}')

# ---- linear-regression-concise.md ----
class LinearRegression(Module):
    """The linear regression model implemented with high-level APIs."""
    def __init__(self, lr):
        super().__init__()
        self.lr = lr
        self.net = nn.LazyLinear(1)
        self.net(torch.zeros(1, 2))  # materialize now, so the init below draws here as in the port
        self.net.weight.data.copy_(detrand.randn(1, 2) * 0.01)  # self.net.weight.data.normal_(0, 0.01)
        self.net.bias.data.fill_(0)

    def forward(self, X):
        return self.net(X)

    def loss(self, y_hat, y):
        fn = nn.MSELoss()
        return fn(y_hat, y)

    def configure_optimizers(self):
        return torch.optim.SGD(self.parameters(), self.lr)

    def get_w_b(self):
        return (self.net.weight.data, self.net.bias.data)


model = LinearRegression(lr=0.03)
data = SyntheticRegressionData(w=torch.tensor([2, -3.4]), b=4.2)
trainer = Trainer(max_epochs=3)
trainer.fit(model, data)
model.board.show()
w, b = model.get_w_b()
print(f'error in estimating w: {data.w - torch.reshape(w, data.w.shape)}')
print(f'error in estimating b: {data.b - b}')
print(model.net, [name for name, _ in model.named_parameters()])
