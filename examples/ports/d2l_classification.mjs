// Port of Dive into Deep Learning's "Softmax Regression Implementation from Scratch"
// (chapter_linear-classification/softmax-regression-scratch.md, d2l-ai/d2l-en at commit
// 09d0288f5bd63cce2c879032192c621610621e09) and "Implementation of Multilayer Perceptrons"
// (chapter_multilayer-perceptrons/mlp-implementation.md: from scratch and concise), with the parts of the d2l
// package they run (d2l/torch.py: Module, Classifier, DataModule, Trainer) written out; d2l_classification.py is the
// PyTorch twin (its header lists the stand-ins: a synthetic FashionMNIST, detrand draws) and
// d2l_classification.expected.txt what it prints under PyTorch 1.13 (test/ports/d2l_classification.test.ts
// compares). tensorgrad has no nn.LazyLinear: the concise MLP builds the nn.Linear layers they become.
// Run: node examples/ports/d2l_classification.mjs
import * as detrand from './detrand.mjs';
import { pyFixed, runIfMain, torchSize } from './py.mjs';

export function main(tg, print) {
  const nn = tg.nn;
  const F = tg.nn.functional;
  detrand.seed(6);

  /** d2l.ProgressBoard.draw without the plot: every n points, the mean is one point of the curve. */
  class ProgressBoard {
    constructor() {
      this.raw = new Map();
      this.points = [];
    }

    draw(x, y, label, every_n = 1) {
      if (!this.raw.has(label)) this.raw.set(label, []);
      const raw = this.raw.get(label);
      raw.push([x, y]);
      if (raw.length !== every_n) return;
      this.points.push([label, raw.reduce((s, p) => s + p[0], 0) / raw.length, raw.reduce((s, p) => s + p[1], 0) / raw.length]);
      raw.length = 0;
    }

    show() {
      for (const [label, x, y] of this.points) print(`${label} ${pyFixed(x, 2)}: ${pyFixed(y, 4)}`);
    }
  }

  /** d2l.Module (d2l/torch.py), its plot() drawing on the board above. */
  class Module extends nn.Module {
    constructor(plot_train_per_epoch = 2, plot_valid_per_epoch = 1) {
      super();
      this.plot_train_per_epoch = plot_train_per_epoch;
      this.plot_valid_per_epoch = plot_valid_per_epoch;
      this.board = new ProgressBoard();
    }

    forward(X) {
      if (this.net === undefined) throw new Error('Neural network is defined');
      return this.net(X);
    }

    plot(key, value, train) {
      if (this.trainer === undefined) throw new Error('Trainer is not inited');
      let x, n;
      if (train) {
        x = this.trainer.train_batch_idx / this.trainer.num_train_batches;
        n = this.trainer.num_train_batches / this.plot_train_per_epoch;
      } else {
        x = this.trainer.epoch + 1;
        n = this.trainer.num_val_batches / this.plot_valid_per_epoch;
      }
      this.board.draw(x, value.detach().item(), (train ? 'train_' : 'val_') + key, Math.trunc(n));
    }

    training_step(batch) {
      const l = this.loss(this(...batch.slice(0, -1)), batch.at(-1));
      this.plot('loss', l, true);
      return l;
    }

    validation_step(batch) {
      const l = this.loss(this(...batch.slice(0, -1)), batch.at(-1));
      this.plot('loss', l, false);
    }
  }

  class DataModule {
    train_dataloader() {
      return this.get_dataloader(true);
    }

    val_dataloader() {
      return this.get_dataloader(false);
    }
  }

  class Trainer {
    constructor(max_epochs, num_gpus = 0, gradient_clip_val = 0) {
      this.max_epochs = max_epochs;
      this.gradient_clip_val = gradient_clip_val;
      if (num_gpus !== 0) throw new Error('No GPU support yet');
    }

    prepare_data(data) {
      this.train_dataloader = data.train_dataloader();
      this.val_dataloader = data.val_dataloader();
      this.num_train_batches = this.train_dataloader.length;
      this.num_val_batches = this.val_dataloader !== null ? this.val_dataloader.length : 0;
    }

    prepare_model(model) {
      model.trainer = this;
      this.model = model;
    }

    fit(model, data) {
      this.prepare_data(data);
      this.prepare_model(model);
      this.optim = model.configure_optimizers();
      this.epoch = 0;
      this.train_batch_idx = 0;
      this.val_batch_idx = 0;
      for (this.epoch = 0; this.epoch < this.max_epochs; this.epoch++) this.fit_epoch();
      this.epoch = this.max_epochs - 1; // Python's for-loop variable keeps its last value
    }

    prepare_batch(batch) {
      return batch;
    }

    fit_epoch() {
      this.model.train();
      for (const batch of this.train_dataloader) {
        const loss = this.model.training_step(this.prepare_batch(batch));
        this.optim.zeroGrad();
        tg.noGrad(() => {
          loss.backward();
          this.optim.step();
        });
        this.train_batch_idx += 1;
      }
      if (this.val_dataloader === null) return;
      this.model.eval();
      for (const batch of this.val_dataloader) {
        tg.noGrad(() => this.model.validation_step(this.prepare_batch(batch)));
        this.val_batch_idx += 1;
      }
    }
  }

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


  class Classifier extends Module {
    /** d2l.Classifier (d2l/torch.py). */
    validation_step(batch) {
      const Y_hat = this(...batch.slice(0, -1));
      this.plot('loss', this.loss(Y_hat, batch.at(-1)), false);
      this.plot('acc', this.accuracy(Y_hat, batch.at(-1)), false);
    }

    accuracy(Y_hat, Y, averaged = true) {
      Y_hat = Y_hat.reshape([-1, Y_hat.shape.at(-1)]);
      const preds = Y_hat.argmax({ dim: 1 }).type(Y.dtype);
      const compare = preds.eq(Y.reshape(-1)).type(tg.float32);
      return averaged ? compare.mean() : compare;
    }

    loss(Y_hat, Y, averaged = true) {
      Y_hat = Y_hat.reshape([-1, Y_hat.shape.at(-1)]);
      Y = Y.reshape([-1]);
      return F.crossEntropy(Y_hat, Y, { reduction: averaged ? 'mean' : 'none' });
    }

    configure_optimizers() {
      return new tg.optim.SGD(this.parameters(), { lr: this.lr });
    }
  }

  /** The stand-in for d2l.FashionMNIST (no downloads): 10 classes of 28 x 28 images, each a class prototype plus
   *  noise, with the dataset's text labels; the train loader shuffles as DataLoader(shuffle=True) does. */
  class SyntheticFashionMNIST extends DataModule {
    constructor(batch_size = 64, num_train = 512, num_val = 256) {
      super();
      this.batch_size = batch_size;
      this.num_train = num_train;
      this.num_val = num_val;
      const protos = detrand.rand(tg, [10, 1, 28, 28]);
      const n = num_train + num_val;
      this.y = detrand.randint(tg, 0, 10, [n]);
      this.X = protos.index(this.y).add(detrand.randn(tg, [n, 1, 28, 28]).mul(0.6)).clamp(0, 1);
    }

    text_labels(indices) {
      const labels = ['t-shirt', 'trouser', 'pullover', 'dress', 'coat', 'sandal', 'shirt', 'sneaker', 'bag', 'ankle boot'];
      return [...indices.tolist()].map((i) => labels[Number(i)]);
    }

    get_dataloader(train) {
      const indices = train ? shuffled(this.num_train) : Array.from({ length: this.num_val }, (_, i) => this.num_train + i);
      const batches = [];
      for (let i = 0; i < indices.length; i += this.batch_size) {
        const batch_indices = tg.tensor(indices.slice(i, i + this.batch_size), { dtype: 'int64' });
        batches.push([this.X.index(batch_indices), this.y.index(batch_indices)]);
      }
      return batches;
    }
  }

  const pyList = (a) => `[${a.map((s) => `'${s.replace(/\n/g, '\\n')}'`).join(', ')}]`;

  // ---- softmax-regression-scratch.md ----
  let X = tg.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]);
  print(X.sum(0, { keepdim: true }), X.sum(1, { keepdim: true }));

  function softmax(X) {
    const X_exp = tg.exp(X);
    const partition = X_exp.sum(1, { keepdim: true });
    return X_exp.div(partition); // The broadcasting mechanism is applied here
  }

  X = detrand.rand(tg, [2, 5]);
  const X_prob = softmax(X);
  print(X_prob, X_prob.sum(1));

  function cross_entropy(y_hat, y) {
    return tg.log(y_hat.index([tg.arange(y_hat.shape[0], { dtype: 'int64' }), y])).mean().neg();
  }

  class SoftmaxRegressionScratch extends Classifier {
    constructor(num_inputs, num_outputs, lr, sigma = 0.01) {
      super();
      Object.assign(this, { num_inputs, num_outputs, lr, sigma });
      this.W = detrand.randn(tg, [num_inputs, num_outputs]).mul(sigma).requiresGrad_(true); // torch.normal(0, sigma, ...)
      this.b = tg.zeros([num_outputs], { requiresGrad: true });
    }

    parameters() {
      return [this.W, this.b];
    }

    forward(X) {
      X = X.reshape([-1, this.W.shape[0]]);
      return softmax(tg.matmul(X, this.W).add(this.b));
    }

    loss(y_hat, y) {
      return cross_entropy(y_hat, y);
    }
  }

  let y = tg.tensor([0, 2], { dtype: 'int64' });
  const y_hat = tg.tensor([[0.1, 0.3, 0.6], [0.3, 0.2, 0.5]]);
  print(y_hat.index([tg.tensor([0, 1], { dtype: 'int64' }), y]));
  print(cross_entropy(y_hat, y));

  const data = new SyntheticFashionMNIST(128);
  let model = new SoftmaxRegressionScratch(784, 10, 0.1);
  let trainer = new Trainer(5);
  trainer.fit(model, data);
  model.board.show();

  [X, y] = data.val_dataloader()[0];
  let preds = model.forward(X).argmax({ dim: 1 });
  print(torchSize(preds.shape));
  const wrong = preds.type(y.dtype).ne(y);
  [X, y, preds] = [X.index(wrong), y.index(wrong), preds.index(wrong)];
  const labels = data.text_labels(y).map((a, i) => a + '\n' + data.text_labels(preds)[i]);
  print(labels.length, pyList(labels.slice(0, 4)));

  // ---- mlp-implementation.md (from scratch) ----
  function relu(X) {
    const a = tg.zerosLike(X);
    return tg.max(X, a);
  }

  class MLPScratch extends Classifier {
    constructor(num_inputs, num_outputs, num_hiddens, lr, sigma = 0.01) {
      super();
      Object.assign(this, { num_inputs, num_outputs, num_hiddens, lr, sigma });
      this.W1 = new nn.Parameter(detrand.randn(tg, [num_inputs, num_hiddens]).mul(sigma));
      this.b1 = new nn.Parameter(tg.zeros([num_hiddens]));
      this.W2 = new nn.Parameter(detrand.randn(tg, [num_hiddens, num_outputs]).mul(sigma));
      this.b2 = new nn.Parameter(tg.zeros([num_outputs]));
    }

    forward(X) {
      X = X.reshape([-1, this.num_inputs]);
      const H = relu(tg.matmul(X, this.W1).add(this.b1));
      return tg.matmul(H, this.W2).add(this.b2);
    }
  }

  model = new MLPScratch(784, 10, 256, 0.1);
  print(`[${[...model.namedParameters()].map(([name]) => `'${name}'`).join(', ')}]`);
  trainer = new Trainer(5);
  trainer.fit(model, data);
  model.board.show();

  // ---- mlp-implementation.md (concise) ----
  class MLP extends Classifier {
    constructor(num_outputs, num_hiddens, lr) {
      super();
      Object.assign(this, { num_outputs, num_hiddens, lr });
      this.net = new nn.Sequential(new nn.Flatten(), new nn.Linear(784, num_hiddens), new nn.ReLU(), new nn.Linear(num_hiddens, num_outputs));
      detrand.init_(tg, this.net);
    }
  }

  model = new MLP(10, 256, 0.1);
  print(model.net);
  trainer = new Trainer(5);
  trainer.fit(model, data);
  model.board.show();
  tg.noGrad(() => {
    [X, y] = data.val_dataloader()[1];
    print(model.accuracy(model.forward(X), y), model.loss(model.forward(X), y, false).index([tg.slice(null, 5)]));
  });
}

await runIfMain(import.meta, main);
