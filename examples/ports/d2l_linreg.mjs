// Port of Dive into Deep Learning's "Linear Regression Implementation from Scratch"
// (chapter_linear-regression/linear-regression-scratch.md) and "Concise Implementation of Linear Regression"
// (linear-regression-concise.md), d2l-ai/d2l-en at commit 23d7a5aecceee57d1292c56e90cce307f183bb0a, with the
// parts of the d2l package they run (d2l/torch.py: Module, DataModule, Trainer, SyntheticRegressionData)
// written out; d2l_linreg.py is the PyTorch twin and d2l_linreg.expected.txt what it prints under PyTorch 1.13
// (test/ports/d2l_linreg.test.ts compares). d2l.randn/normal and the shuffle draw from detrand; the loss curve
// the ProgressBoard would draw is printed. tensorgrad has no nn.LazyLinear: the concise model is
// nn.Linear(2, 1), which is what LazyLinear(1) becomes at its first call (docs/porting.md).
// Run: node examples/ports/d2l_linreg.mjs
import * as detrand from './detrand.mjs';
import { runIfMain, torchSize } from './py.mjs';

export function main(tg, print) {
  const nn = tg.nn;
  detrand.seed(4);

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
      for (const [label, x, y] of this.points) print(`${label} ${x.toFixed(2)}: ${y.toFixed(4)}`);
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

  class SyntheticRegressionData extends DataModule {
    constructor(w, b, noise = 0.01, num_train = 1000, num_val = 1000, batch_size = 32) {
      super();
      Object.assign(this, { w, b, noise, num_train, num_val, batch_size });
      const n = num_train + num_val;
      this.X = detrand.randn(tg, [n, w.size(0)]); // d2l.randn(n, len(w))
      noise = detrand.randn(tg, [n, 1]).mul(noise); // d2l.randn(n, 1) * noise
      this.y = tg.matmul(this.X, tg.reshape(w, [-1, 1])).add(b).add(noise);
    }

    get_dataloader(train) {
      // linear-regression-scratch's loader (random.shuffle of the indices), as a list so len() works
      let indices;
      if (train) indices = shuffled(this.num_train);
      else indices = Array.from({ length: this.num_val }, (_, i) => this.num_train + i);
      const batches = [];
      for (let i = 0; i < indices.length; i += this.batch_size) {
        const batch_indices = tg.tensor(indices.slice(i, i + this.batch_size), { dtype: 'int64' });
        batches.push([this.X.index(batch_indices), this.y.index(batch_indices)]);
      }
      return batches;
    }
  }

  // ---- synthetic-regression-data.md ----
  let data = new SyntheticRegressionData(tg.tensor([2, -3.4]), 4.2);
  print('features:', data.X.index(0), '\nlabel:', data.y.index(0));
  const [X, y] = data.train_dataloader()[0]; // next(iter(data.train_dataloader()))
  print('X shape:', torchSize(X.shape), '\ny shape:', torchSize(y.shape));
  print(data.train_dataloader().length);

  // ---- linear-regression-scratch.md ----
  class LinearRegressionScratch extends Module {
    constructor(num_inputs, lr, sigma = 0.01) {
      super();
      Object.assign(this, { num_inputs, lr, sigma });
      this.w = detrand.randn(tg, [num_inputs, 1]).mul(sigma).requiresGrad_(true); // d2l.normal(0, sigma, ..., requires_grad=True)
      this.b = tg.zeros(1, { requiresGrad: true });
    }

    forward(X) {
      return tg.matmul(X, this.w).add(this.b);
    }

    loss(y_hat, y) {
      const l = y_hat.sub(y).pow(2).div(2);
      return l.mean();
    }

    configure_optimizers() {
      return new SGD([this.w, this.b], this.lr);
    }
  }

  class SGD {
    constructor(params, lr) {
      this.params = params;
      this.lr = lr;
    }

    step() {
      for (const param of this.params) param.sub_(param.grad.mul(this.lr)); // param -= self.lr * param.grad
    }

    zeroGrad() {
      for (const param of this.params) if (param.grad !== null) param.grad.zero_();
    }
  }

  let model = new LinearRegressionScratch(2, 0.03);
  let trainer = new Trainer(3);
  trainer.fit(model, data);
  model.board.show();
  tg.noGrad(() => {
    print(`error in estimating w: ${data.w.sub(tg.reshape(model.w, data.w.shape))}`);
    print(`error in estimating b: ${tg.rsub(model.b, data.b)}`); // data.b - model.b
  });

  // ---- linear-regression-concise.md ----
  class LinearRegression extends Module {
    constructor(lr) {
      super();
      this.lr = lr;
      this.net = new nn.Linear(2, 1); // nn.LazyLinear(1): no lazy modules (docs/porting.md)
      this.net.weight.data.copy_(detrand.randn(tg, [1, 2]).mul(0.01)); // self.net.weight.data.normal_(0, 0.01)
      this.net.bias.data.fill_(0);
    }

    forward(X) {
      return this.net(X);
    }

    loss(y_hat, y) {
      const fn = new nn.MSELoss();
      return fn(y_hat, y);
    }

    configure_optimizers() {
      return new tg.optim.SGD(this.parameters(), this.lr);
    }

    get_w_b() {
      return [this.net.weight.data, this.net.bias.data];
    }
  }

  model = new LinearRegression(0.03);
  data = new SyntheticRegressionData(tg.tensor([2, -3.4]), 4.2);
  trainer = new Trainer(3);
  trainer.fit(model, data);
  model.board.show();
  const [w, b] = model.get_w_b();
  print(`error in estimating w: ${data.w.sub(tg.reshape(w, data.w.shape))}`);
  print(`error in estimating b: ${tg.rsub(b, data.b)}`);
  print(model.net, `[${model.namedParameters().map(([name]) => `'${name}'`).join(', ')}]`);
}

await runIfMain(import.meta, main);
