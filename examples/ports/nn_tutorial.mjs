// Port of the PyTorch tutorial "What is torch.nn really?": pytorch/tutorials beginner_source/nn_tutorial.py
// (commit 05e7ce2c19e72d482475d91d458db210cdacec38), statement by statement up to the GPU section;
// nn_tutorial.py is the PyTorch twin and nn_tutorial.expected.txt what it prints under PyTorch 1.13
// (test/ports/nn_tutorial.test.ts compares). Stand-ins, the same in the twin: MNIST is examples/mnist's split
// (every 8th training digit, every 4th test digit); torch.randn, the layers' init and the shuffling sampler
// draw from detrand; fit() prints its validation loss to 4 decimals; the pyplot image is left out.
// Run: node examples/ports/nn_tutorial.mjs
import { loadMnist } from '../mnist/data.mjs';
import * as detrand from './detrand.mjs';
import { pyBool, runIfMain, torchSize } from './py.mjs';

/** Every `step`-th row of a [rows, dim] Float32Array (NumPy's x[::step]). */
function everyNth(x, dim, step) {
  const rows = Math.ceil(x.length / dim / step), out = new Float32Array(rows * dim);
  for (let r = 0; r < rows; r++) out.set(x.subarray(r * step * dim, (r * step + 1) * dim), r * dim);
  return out;
}

export function main(tg, print) {
  const { nn, optim } = tg;
  const { TensorDataset, DataLoader } = tg.utils.data;
  detrand.seed(6);

  const mn = loadMnist();
  const dim = 784;
  const xs = [everyNth(mn.trainX, dim, 8), everyNth(mn.testX, dim, 4)];
  const ys = [mn.trainY.filter((_, i) => i % 8 === 0), mn.testY.filter((_, i) => i % 4 === 0)];

  print(`(${ys[0].length}, ${dim})`); // print(x_train.shape) of the NumPy array

  // x_train, y_train, x_valid, y_valid = map(torch.tensor, (x_train, y_train, x_valid, y_valid))
  const x_train = tg.tensor(xs[0]).view(-1, dim), y_train = tg.tensor(ys[0], { dtype: 'int64' });
  const x_valid = tg.tensor(xs[1]).view(-1, dim), y_valid = tg.tensor(ys[1], { dtype: 'int64' });
  const [n] = x_train.shape;
  print(x_train, y_train);
  print(torchSize(x_train.shape));
  print(y_train.min(), y_train.max());

  const weights = detrand.randn(tg, [784, 10]).div(Math.sqrt(784)); // torch.randn(784, 10) / math.sqrt(784)
  weights.requiresGrad_();
  const bias = tg.zeros(10, { requiresGrad: true });

  const log_softmax = (x) => x.sub(x.exp().sum(-1).log().unsqueeze(-1));

  let model = (xb) => log_softmax(xb.matmul(weights).add(bias));

  const bs = 64; // batch size

  let xb = x_train.index(tg.slice(0, bs)); // a mini-batch from x
  const preds = model(xb); // predictions
  print(preds.index(0), torchSize(preds.shape));

  // -input[range(target.shape[0]), target].mean()
  const nll = (input, target) => input.index([tg.arange(target.shape[0], { dtype: 'int64' }), target]).mean().neg();

  let loss_func = nll;

  let yb = y_train.index(tg.slice(0, bs));
  print(loss_func(preds, yb));

  function accuracy(out, yb) {
    const preds = tg.argmax(out, { dim: 1 });
    return preds.eq(yb).float().mean();
  }

  print(accuracy(preds, yb));

  let lr = 0.5; // learning rate
  const epochs = 2; // how many epochs to train for

  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let i = 0; i < Math.floor((n - 1) / bs) + 1; i++) {
      const start_i = i * bs;
      const end_i = start_i + bs;
      xb = x_train.index(tg.slice(start_i, end_i));
      yb = y_train.index(tg.slice(start_i, end_i));
      const pred = model(xb);
      const loss = loss_func(pred, yb);

      loss.backward();
      tg.noGrad(() => {
        weights.sub_(weights.grad.mul(lr));
        bias.sub_(bias.grad.mul(lr));
        weights.grad.zero_();
        bias.grad.zero_();
      });
    }
  }

  print(loss_func(model(xb), yb), accuracy(model(xb), yb));

  const F = tg.nn.functional;

  loss_func = F.crossEntropy;

  model = (xb) => xb.matmul(weights).add(bias);

  print(loss_func(model(xb), yb), accuracy(model(xb), yb));

  class Mnist_Logistic extends nn.Module {
    constructor() {
      super();
      this.weights = new nn.Parameter(detrand.randn(tg, [784, 10]).div(Math.sqrt(784)));
      this.bias = new nn.Parameter(tg.zeros(10));
    }

    forward(xb) {
      return xb.matmul(this.weights).add(this.bias);
    }
  }

  model = new Mnist_Logistic();
  print(loss_func(model(xb), yb));

  function fit0() {
    for (let epoch = 0; epoch < epochs; epoch++) {
      for (let i = 0; i < Math.floor((n - 1) / bs) + 1; i++) {
        const start_i = i * bs;
        const end_i = start_i + bs;
        const xb = x_train.index(tg.slice(start_i, end_i));
        const yb = y_train.index(tg.slice(start_i, end_i));
        const pred = model(xb);
        const loss = loss_func(pred, yb);

        loss.backward();
        tg.noGrad(() => {
          for (const p of model.parameters()) p.sub_(p.grad.mul(lr));
          model.zeroGrad();
        });
      }
    }
  }

  fit0();
  print(loss_func(model(xb), yb));

  class Mnist_Logistic2 extends nn.Module { // the tutorial redefines Mnist_Logistic
    constructor() {
      super();
      this.lin = new nn.Linear(784, 10);
    }

    forward(xb) {
      return this.lin(xb);
    }
  }

  model = detrand.init_(tg, new Mnist_Logistic2());
  print(loss_func(model(xb), yb));
  fit0();
  print(loss_func(model(xb), yb));

  function get_model() {
    const model = detrand.init_(tg, new Mnist_Logistic2());
    return [model, new optim.SGD(model.parameters(), { lr })];
  }

  let opt;
  [model, opt] = get_model();
  print(loss_func(model(xb), yb));

  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let i = 0; i < Math.floor((n - 1) / bs) + 1; i++) {
      const start_i = i * bs;
      const end_i = start_i + bs;
      xb = x_train.index(tg.slice(start_i, end_i));
      yb = y_train.index(tg.slice(start_i, end_i));
      const pred = model(xb);
      const loss = loss_func(pred, yb);

      loss.backward();
      opt.step();
      opt.zeroGrad();
    }
  }

  print(loss_func(model(xb), yb));

  let train_ds = new TensorDataset(x_train, y_train);

  [model, opt] = get_model();

  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let i = 0; i < Math.floor((n - 1) / bs) + 1; i++) {
      [xb, yb] = train_ds.get(tg.slice(i * bs, i * bs + bs)); // train_ds[i * bs: i * bs + bs]
      const pred = model(xb);
      const loss = loss_func(pred, yb);

      loss.backward();
      opt.step();
      opt.zeroGrad();
    }
  }

  print(loss_func(model(xb), yb));

  train_ds = new TensorDataset(x_train, y_train);
  let train_dl = new DataLoader(train_ds, { batchSize: bs });

  [model, opt] = get_model();

  for (let epoch = 0; epoch < epochs; epoch++) {
    for ([xb, yb] of train_dl) {
      const pred = model(xb);
      const loss = loss_func(pred, yb);

      loss.backward();
      opt.step();
      opt.zeroGrad();
    }
  }

  print(loss_func(model(xb), yb));

  /** shuffle=True's RandomSampler, drawing from detrand: a fresh Fisher-Yates permutation per epoch. */
  class Shuffled {
    constructor(n) {
      this.n = n;
    }

    get length() {
      return this.n;
    }

    [Symbol.iterator]() {
      const idx = Array.from({ length: this.n }, (_, i) => i);
      const u = detrand.uniform(this.n);
      for (let i = this.n - 1; i > 0; i--) {
        const j = Math.floor(u[i] * (i + 1));
        [idx[i], idx[j]] = [idx[j], idx[i]];
      }
      return idx[Symbol.iterator]();
    }
  }

  train_ds = new TensorDataset(x_train, y_train);
  train_dl = new DataLoader(train_ds, { batchSize: bs, sampler: new Shuffled(train_ds.length) }); // shuffle=True

  const valid_ds = new TensorDataset(x_valid, y_valid);
  let valid_dl = new DataLoader(valid_ds, { batchSize: bs * 2 });

  [model, opt] = get_model();

  for (let epoch = 0; epoch < epochs; epoch++) {
    model.train();
    for ([xb, yb] of train_dl) {
      const pred = model(xb);
      const loss = loss_func(pred, yb);

      loss.backward();
      opt.step();
      opt.zeroGrad();
    }

    model.eval();
    // sum(loss_func(model(xb), yb) for xb, yb in valid_dl): Python's sum starts from the int 0
    const valid_loss = tg.noGrad(() => [...valid_dl].reduce((s, [xb, yb]) => loss_func(model(xb), yb).add(s), 0));

    print(epoch, valid_loss.div(valid_dl.length));
  }

  function loss_batch(model, loss_func, xb, yb, opt = null) {
    const loss = loss_func(model(xb), yb);

    if (opt !== null) {
      loss.backward();
      opt.step();
      opt.zeroGrad();
    }

    return [loss.item(), xb.size(0)];
  }

  function fit(epochs, model, loss_func, opt, train_dl, valid_dl) {
    for (let epoch = 0; epoch < epochs; epoch++) {
      model.train();
      for (const [xb, yb] of train_dl) loss_batch(model, loss_func, xb, yb, opt);

      model.eval();
      const pairs = tg.noGrad(() => [...valid_dl].map(([xb, yb]) => loss_batch(model, loss_func, xb, yb)));
      // np.sum(np.multiply(losses, nums)) / np.sum(nums), in float64 as NumPy does
      const val_loss = pairs.reduce((s, [l, k]) => s + l * k, 0) / pairs.reduce((s, [, k]) => s + k, 0);

      print(epoch, val_loss.toFixed(4)); // print(epoch, val_loss)
    }
  }

  function get_data(train_ds, valid_ds, bs) {
    return [
      new DataLoader(train_ds, { batchSize: bs, sampler: new Shuffled(train_ds.length) }), // shuffle=True
      new DataLoader(valid_ds, { batchSize: bs * 2 }),
    ];
  }

  [train_dl, valid_dl] = get_data(train_ds, valid_ds, bs);
  [model, opt] = get_model();
  fit(epochs, model, loss_func, opt, train_dl, valid_dl);

  class Mnist_CNN extends nn.Module {
    constructor() {
      super();
      this.conv1 = new nn.Conv2d(1, 16, { kernelSize: 3, stride: 2, padding: 1 });
      this.conv2 = new nn.Conv2d(16, 16, { kernelSize: 3, stride: 2, padding: 1 });
      this.conv3 = new nn.Conv2d(16, 10, { kernelSize: 3, stride: 2, padding: 1 });
    }

    forward(xb) {
      xb = xb.view(-1, 1, 28, 28);
      xb = F.relu(this.conv1(xb));
      xb = F.relu(this.conv2(xb));
      xb = F.relu(this.conv3(xb));
      xb = F.avgPool2d(xb, 4);
      return xb.view(-1, xb.size(1));
    }
  }

  lr = 0.1;

  model = detrand.init_(tg, new Mnist_CNN());
  opt = new optim.SGD(model.parameters(), { lr, momentum: 0.9 });

  fit(epochs, model, loss_func, opt, train_dl, valid_dl);

  class Lambda extends nn.Module {
    constructor(func) {
      super();
      this.func = func;
    }

    forward(x) {
      return this.func(x);
    }
  }

  let preprocess = (x) => x.view(-1, 1, 28, 28);

  model = detrand.init_(tg, new nn.Sequential(
    new Lambda(preprocess),
    new nn.Conv2d(1, 16, { kernelSize: 3, stride: 2, padding: 1 }),
    new nn.ReLU(),
    new nn.Conv2d(16, 16, { kernelSize: 3, stride: 2, padding: 1 }),
    new nn.ReLU(),
    new nn.Conv2d(16, 10, { kernelSize: 3, stride: 2, padding: 1 }),
    new nn.ReLU(),
    new nn.AvgPool2d(4),
    new Lambda((x) => x.view(x.size(0), -1)),
  ));

  opt = new optim.SGD(model.parameters(), { lr, momentum: 0.9 });

  fit(epochs, model, loss_func, opt, train_dl, valid_dl);

  preprocess = (x, y) => [x.view(-1, 1, 28, 28), y];

  class WrappedDataLoader {
    constructor(dl, func) {
      this.dl = dl;
      this.func = func;
    }

    get length() {
      return this.dl.length;
    }

    *[Symbol.iterator]() {
      for (const b of this.dl) yield this.func(...b);
    }
  }

  [train_dl, valid_dl] = get_data(train_ds, valid_ds, bs);
  train_dl = new WrappedDataLoader(train_dl, preprocess);
  valid_dl = new WrappedDataLoader(valid_dl, preprocess);

  model = detrand.init_(tg, new nn.Sequential(
    new nn.Conv2d(1, 16, { kernelSize: 3, stride: 2, padding: 1 }),
    new nn.ReLU(),
    new nn.Conv2d(16, 16, { kernelSize: 3, stride: 2, padding: 1 }),
    new nn.ReLU(),
    new nn.Conv2d(16, 10, { kernelSize: 3, stride: 2, padding: 1 }),
    new nn.ReLU(),
    new nn.AdaptiveAvgPool2d(1),
    new Lambda((x) => x.view(x.size(0), -1)),
  ));

  opt = new optim.SGD(model.parameters(), { lr, momentum: 0.9 });

  fit(epochs, model, loss_func, opt, train_dl, valid_dl);

  print(pyBool(false)); // torch.cuda.is_available(): CPU only

  // Not in the tutorial: the last model.
  print(model);
}

await runIfMain(import.meta, main);
