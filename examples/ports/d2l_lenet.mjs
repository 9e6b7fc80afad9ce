// Port of Dive into Deep Learning's "Convolutional Neural Networks (LeNet)"
// (chapter_convolutional-neural-networks/lenet.md, d2l-ai/d2l-en at commit 02c2e54a4fd2fda1f58a2a660b5eb89005b217bf),
// with the parts of the d2l package it runs (Accumulator, accuracy, evaluate_accuracy_gpu, train_ch6) written out;
// d2l_lenet.py is the PyTorch twin (its header lists the stand-ins: a synthetic FashionMNIST, detrand draws, the
// Animator's points printed) and d2l_lenet.expected.txt what it prints under PyTorch 1.13
// (test/ports/d2l_lenet.test.ts compares). Python's '%.3f' % x is pyFixed(x, 3).
// Run: node examples/ports/d2l_lenet.mjs
import * as detrand from './detrand.mjs';
import { pyFixed, runIfMain, torchSize } from './py.mjs';

export function main(tg, print) {
  const nn = tg.nn;
  detrand.seed(8);

  /** random.shuffle(list(range(n))) from detrand: Fisher-Yates, j = floor(u * (i + 1)). */
  function shuffled(n) {
    const idx = Array.from({ length: n }, (_, i) => i);
    const u = detrand.uniform(n);
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(u[i] * (i + 1));
      [idx[i], idx[j]] = [idx[j], idx[i]];
    }
    return idx;
  }

  /** A DataLoader over (X, y): shuffled each epoch when shuffle is set, as DataLoader(shuffle=True). */
  class Loader {
    constructor(X, y, batch_size, shuffle) {
      Object.assign(this, { X, y, batch_size, shuffle });
    }

    get length() {
      return Math.ceil(this.y.shape[0] / this.batch_size);
    }

    *[Symbol.iterator]() {
      const n = this.y.shape[0];
      const indices = this.shuffle ? shuffled(n) : Array.from({ length: n }, (_, i) => i);
      for (let i = 0; i < n; i += this.batch_size) {
        const batch_indices = tg.tensor(indices.slice(i, i + this.batch_size), { dtype: 'int64' });
        yield [this.X.index(batch_indices), this.y.index(batch_indices)];
      }
    }
  }

  /** The stand-in for d2l.load_data_fashion_mnist: each image a class prototype plus noise. */
  function load_data_fashion_mnist(batch_size, num_train = 512, num_test = 256) {
    const protos = detrand.rand(tg, [10, 1, 28, 28]);
    const n = num_train + num_test;
    const y = detrand.randint(tg, 0, 10, [n]);
    const X = protos.index(y).add(detrand.randn(tg, [n, 1, 28, 28]).mul(0.6)).clamp(0, 1);
    const head = tg.slice(null, num_train), tail = tg.slice(num_train);
    return [new Loader(X.index(head), y.index(head), batch_size, true), new Loader(X.index(tail), y.index(tail), batch_size, false)];
  }

  /** For accumulating sums over `n` variables. */
  class Accumulator {
    constructor(n) {
      this.data = new Array(n).fill(0);
    }

    add(...args) {
      this.data = this.data.map((a, i) => a + Number(args[i] instanceof tg.Tensor ? args[i].item() : args[i]));
    }
  }

  /** Compute the number of correct predictions. */
  function accuracy(y_hat, y) {
    if (y_hat.shape.length > 1 && y_hat.shape[1] > 1) y_hat = y_hat.argmax({ dim: 1 });
    const cmp = y_hat.type(y.dtype).eq(y);
    return Number(cmp.type(y.dtype).sum().item());
  }

  class Reshape extends nn.Module {
    forward(x) {
      return x.view(-1, 1, 28, 28);
    }
  }

  const net = new nn.Sequential(
    new Reshape(),
    new nn.Conv2d(1, 6, { kernelSize: 5, padding: 2 }), new nn.Sigmoid(),
    new nn.AvgPool2d({ kernelSize: 2, stride: 2 }),
    new nn.Conv2d(6, 16, { kernelSize: 5 }), new nn.Sigmoid(),
    new nn.AvgPool2d({ kernelSize: 2, stride: 2 }),
    new nn.Flatten(),
    new nn.Linear(16 * 5 * 5, 120), new nn.Sigmoid(),
    new nn.Linear(120, 84), new nn.Sigmoid(),
    new nn.Linear(84, 10));
  print(net);

  let X = detrand.randn(tg, [1, 1, 28, 28]);
  for (const layer of net) {
    X = layer(X);
    print(layer.constructor.name, 'output shape: \t', torchSize(X.shape));
  }

  const batch_size = 128;
  const [train_iter, test_iter] = load_data_fashion_mnist(batch_size);

  function evaluate_accuracy_gpu(net, data_iter) {
    const metric = new Accumulator(2); // num_corrected_examples, num_examples
    for (const [X, y] of data_iter) metric.add(accuracy(net(X), y), y.shape.reduce((a, b) => a + b, 0));
    return metric.data[0] / metric.data[1];
  }

  /** torch.nn.init.xavier_uniform_ in distribution, from detrand. */
  function xavier_uniform_(w) {
    const receptive = w.dim() > 2 ? w.shape.slice(2).reduce((a, b) => a * b, 1) : 1;
    const fan_in = w.shape[1] * receptive, fan_out = w.shape[0] * receptive;
    const a = Math.sqrt(6.0 / (fan_in + fan_out));
    tg.noGrad(() => w.copy_(detrand.rand(tg, w.shape).mul(2).sub(1).mul(a)));
  }

  function train_ch6(net, train_iter, test_iter, num_epochs, lr, device = 'cpu') {
    const init_weights = (m) => {
      if (m instanceof nn.Linear || m instanceof nn.Conv2d) {
        xavier_uniform_(m.weight);
        tg.noGrad(() => m.bias.zero_());
      }
    };
    net.apply(init_weights);
    print('training on', device);
    const optimizer = new tg.optim.SGD(net.parameters(), { lr });
    const loss = new nn.CrossEntropyLoss();
    let train_loss, train_acc, test_acc;
    for (let epoch = 0; epoch < num_epochs; epoch++) {
      const metric = new Accumulator(3); // train_loss, train_acc, num_examples
      let i = 0;
      for (let [X, y] of train_iter) {
        net.train();
        optimizer.zeroGrad();
        const y_hat = net(X);
        const l = loss(y_hat, y);
        l.backward();
        optimizer.step();
        tg.noGrad(() => metric.add(l.mul(X.shape[0]), accuracy(y_hat, y), X.shape[0]));
        [train_loss, train_acc] = [metric.data[0] / metric.data[2], metric.data[1] / metric.data[2]];
        if ((i + 1) % 2 === 0) {
          print(`animator ${pyFixed(epoch + i / train_iter.length, 2)}: train loss ${pyFixed(train_loss, 4)}, train acc ${pyFixed(train_acc, 3)}`);
        }
        i++;
      }
      test_acc = evaluate_accuracy_gpu(net, test_iter);
      print(`animator ${epoch + 1}: test acc ${pyFixed(test_acc, 3)}`);
    }
    print(`loss ${pyFixed(train_loss, 3)}, train acc ${pyFixed(train_acc, 3)}, test acc ${pyFixed(test_acc, 3)}`);
  }

  const [lr, num_epochs] = [0.9, 6];
  train_ch6(net, train_iter, test_iter, num_epochs, lr);
}

await runIfMain(import.meta, main);
