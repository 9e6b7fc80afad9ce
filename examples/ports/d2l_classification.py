# PyTorch twin of d2l_classification.mjs: Dive into Deep Learning's "Softmax Regression Implementation from
# Scratch" (chapter_linear-classification/softmax-regression-scratch.md, d2l-ai/d2l-en at commit
# 09d0288f5bd63cce2c879032192c621610621e09) and "Implementation of Multilayer Perceptrons"
# (chapter_multilayer-perceptrons/mlp-implementation.md: from scratch and concise), with the parts of the d2l
# package they run (d2l/torch.py: Module, Classifier, DataModule, Trainer) written out. Stand-ins: FashionMNIST is a
# synthetic 10-class set of 28 x 28 images (no downloads), 512 training and 256 validation images, 5 epochs;
# torch.randn / normal, the parameter init and the shuffle draw from detrand; the curves the ProgressBoard would
# draw are printed; d2l.Trainer's loop is linear-regression-scratch's. The concise MLP's LazyLinear layers are
# materialized at once (tensorgrad's port builds nn.Linear(784, 256) and nn.Linear(256, 10), what they become).
# Run: /usr/bin/python3 examples/ports/d2l_classification.py > examples/ports/d2l_classification.expected.txt
import torch
from torch import nn
from torch.nn import functional as F
import detrand

detrand.seed(6)


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




class Classifier(Module):
    """d2l.Classifier (d2l/torch.py)."""
    def validation_step(self, batch):
        Y_hat = self(*batch[:-1])
        self.plot('loss', self.loss(Y_hat, batch[-1]), train=False)
        self.plot('acc', self.accuracy(Y_hat, batch[-1]), train=False)

    def accuracy(self, Y_hat, Y, averaged=True):
        Y_hat = Y_hat.reshape((-1, Y_hat.shape[-1]))
        preds = Y_hat.argmax(axis=1).type(Y.dtype)
        compare = (preds == Y.reshape(-1)).type(torch.float32)
        return compare.mean() if averaged else compare

    def loss(self, Y_hat, Y, averaged=True):
        Y_hat = Y_hat.reshape((-1, Y_hat.shape[-1]))
        Y = Y.reshape((-1,))
        return F.cross_entropy(Y_hat, Y, reduction='mean' if averaged else 'none')

    def configure_optimizers(self):
        return torch.optim.SGD(self.parameters(), lr=self.lr)


class SyntheticFashionMNIST(DataModule):
    """The stand-in for d2l.FashionMNIST (no downloads): 10 classes of 28 x 28 images, each a class prototype
    plus noise, with the dataset's text labels; the train loader shuffles as DataLoader(shuffle=True) does."""
    def __init__(self, batch_size=64, num_train=512, num_val=256):
        super().__init__()
        self.batch_size, self.num_train, self.num_val = batch_size, num_train, num_val
        protos = detrand.rand(10, 1, 28, 28)
        n = num_train + num_val
        self.y = detrand.randint(0, 10, (n,))
        self.X = (protos[self.y] + detrand.randn(n, 1, 28, 28) * 0.6).clamp(0, 1)

    def text_labels(self, indices):
        labels = ['t-shirt', 'trouser', 'pullover', 'dress', 'coat', 'sandal', 'shirt', 'sneaker', 'bag', 'ankle boot']
        return [labels[int(i)] for i in indices]

    def get_dataloader(self, train):
        indices = shuffled(self.num_train) if train else list(range(self.num_train, self.num_train + self.num_val))
        batches = []
        for i in range(0, len(indices), self.batch_size):
            batch_indices = torch.tensor(indices[i: i + self.batch_size])
            batches.append((self.X[batch_indices], self.y[batch_indices]))
        return batches


# ---- softmax-regression-scratch.md ----
X = torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
print(X.sum(0, keepdims=True), X.sum(1, keepdims=True))


def softmax(X):
    X_exp = torch.exp(X)
    partition = X_exp.sum(1, keepdims=True)
    return X_exp / partition  # The broadcasting mechanism is applied here


X = detrand.rand(2, 5)
X_prob = softmax(X)
print(X_prob, X_prob.sum(1))


class SoftmaxRegressionScratch(Classifier):
    def __init__(self, num_inputs, num_outputs, lr, sigma=0.01):
        super().__init__()
        self.num_inputs, self.num_outputs, self.lr, self.sigma = num_inputs, num_outputs, lr, sigma
        self.W = (detrand.randn(num_inputs, num_outputs) * sigma).requires_grad_(True)  # torch.normal(0, sigma, ...)
        self.b = torch.zeros(num_outputs, requires_grad=True)

    def parameters(self):
        return [self.W, self.b]

    def forward(self, X):
        X = X.reshape((-1, self.W.shape[0]))
        return softmax(torch.matmul(X, self.W) + self.b)

    def loss(self, y_hat, y):
        return cross_entropy(y_hat, y)


y = torch.tensor([0, 2])
y_hat = torch.tensor([[0.1, 0.3, 0.6], [0.3, 0.2, 0.5]])
print(y_hat[[0, 1], y])


def cross_entropy(y_hat, y):
    return -torch.log(y_hat[list(range(len(y_hat))), y]).mean()


print(cross_entropy(y_hat, y))

data = SyntheticFashionMNIST(batch_size=128)
model = SoftmaxRegressionScratch(num_inputs=784, num_outputs=10, lr=0.1)
trainer = Trainer(max_epochs=5)
trainer.fit(model, data)
model.board.show()

X, y = next(iter(data.val_dataloader()))
preds = model(X).argmax(axis=1)
print(preds.shape)
wrong = preds.type(y.dtype) != y
X, y, preds = X[wrong], y[wrong], preds[wrong]
labels = [a + '\n' + b for a, b in zip(data.text_labels(y), data.text_labels(preds))]
print(len(labels), labels[:4])

# ---- mlp-implementation.md (from scratch) ----


class MLPScratch(Classifier):
    def __init__(self, num_inputs, num_outputs, num_hiddens, lr, sigma=0.01):
        super().__init__()
        self.num_inputs, self.num_outputs, self.num_hiddens, self.lr, self.sigma = num_inputs, num_outputs, num_hiddens, lr, sigma
        self.W1 = nn.Parameter(detrand.randn(num_inputs, num_hiddens) * sigma)
        self.b1 = nn.Parameter(torch.zeros(num_hiddens))
        self.W2 = nn.Parameter(detrand.randn(num_hiddens, num_outputs) * sigma)
        self.b2 = nn.Parameter(torch.zeros(num_outputs))

    def forward(self, X):
        X = X.reshape((-1, self.num_inputs))
        H = relu(torch.matmul(X, self.W1) + self.b1)
        return torch.matmul(H, self.W2) + self.b2


def relu(X):
    a = torch.zeros_like(X)
    return torch.max(X, a)


model = MLPScratch(num_inputs=784, num_outputs=10, num_hiddens=256, lr=0.1)
print([name for name, _ in model.named_parameters()])
trainer = Trainer(max_epochs=5)
trainer.fit(model, data)
model.board.show()

# ---- mlp-implementation.md (concise) ----


class MLP(Classifier):
    def __init__(self, num_outputs, num_hiddens, lr):
        super().__init__()
        self.num_outputs, self.num_hiddens, self.lr = num_outputs, num_hiddens, lr
        self.net = nn.Sequential(nn.Flatten(), nn.LazyLinear(num_hiddens), nn.ReLU(), nn.LazyLinear(num_outputs))
        self.net(torch.zeros(1, 1, 28, 28))  # materialize now, so the init below draws here as in the port
        detrand.init_(self.net)


model = MLP(num_outputs=10, num_hiddens=256, lr=0.1)
print(model.net)
trainer = Trainer(max_epochs=5)
trainer.fit(model, data)
model.board.show()
with torch.no_grad():
    X, y = data.val_dataloader()[1]
    print(model.accuracy(model(X), y), model.loss(model(X), y, averaged=False)[:5])
