// Port of the PyTorch tutorial "Neural Networks" (60-minute blitz): pytorch/tutorials
// beginner_source/blitz/neural_networks_tutorial.py (commit 06dc97785c47755b8d5bca167ad3cfc2ee8a04c1), statement
// by statement; neural_networks.py is its PyTorch twin and neural_networks.expected.txt what it prints under
// PyTorch 1.13 (test/ports/neural_networks.test.ts compares). torch.randn and the layers' init draw from detrand;
// the tutorial prints grad_fn objects (their addresses), the twin and the port their names.
// Run: node examples/ports/neural_networks.mjs
import * as detrand from './detrand.mjs';
import { runIfMain, torchSize } from './py.mjs';

export function main(tg, print) {
  const nn = tg.nn, F = tg.nn.functional;
  detrand.seed(5);

  class Net extends nn.Module {
    constructor() {
      super();
      // 1 input image channel, 6 output channels, 5x5 square convolution
      // kernel
      this.conv1 = new nn.Conv2d(1, 6, 5);
      this.conv2 = new nn.Conv2d(6, 16, 5);
      // an affine operation: y = Wx + b
      this.fc1 = new nn.Linear(16 * 5 * 5, 120);
      this.fc2 = new nn.Linear(120, 84);
      this.fc3 = new nn.Linear(84, 10);
    }

    forward(x) {
      // Max pooling over a (2, 2) window
      x = F.maxPool2d(F.relu(this.conv1(x)), [2, 2]);
      // If the size is a square you can only specify a single number
      x = F.maxPool2d(F.relu(this.conv2(x)), 2);
      x = x.view(-1, this.num_flat_features(x));
      x = F.relu(this.fc1(x));
      x = F.relu(this.fc2(x));
      x = this.fc3(x);
      return x;
    }

    num_flat_features(x) {
      const size = x.size().slice(1); // all dimensions except the batch dimension
      let num_features = 1;
      for (const s of size) num_features *= s;
      return num_features;
    }
  }

  const net = detrand.init_(tg, new Net());
  print(net);

  const params = [...net.parameters()];
  print(params.length);
  print(torchSize(params[0].size())); // conv1's .weight

  const input = detrand.randn(tg, [1, 1, 32, 32]); // torch.randn(1, 1, 32, 32)
  let out = net(input);
  print(out);

  net.zeroGrad();
  out.backward(detrand.randn(tg, [1, 10])); // torch.randn(1, 10)

  let output = net(input);
  let target = tg.arange(1, 11, { dtype: 'int64' }); // a dummy target, for example (Python ints: int64)
  target = target.view(1, -1); // make it the same shape as output
  const criterion = new nn.MSELoss();

  let loss = criterion(output, target);
  print(loss);

  print(loss.gradFn.name); // MSELoss
  print(loss.gradFn.nextFunctions[0][0].name); // Linear
  print(loss.gradFn.nextFunctions[0][0].nextFunctions[0][0].name); // ReLU

  net.zeroGrad(); // zeroes the gradient buffers of all parameters

  print('conv1.bias.grad before backward');
  print(net.conv1.bias.grad);

  try {
    loss.backward();
    print('backward ran');
  } catch (e) {
    print(e.message); // PyTorch 1.13: "Found dtype Long but expected Float" (tensorgrad runs it: docs/porting.md)
  }

  print('conv1.bias.grad after backward');
  print(net.conv1.bias.grad);

  // The tutorial's later versions: a float target.
  net.zeroGrad();
  target = target.float();
  loss = criterion(net(input), target);
  loss.backward();
  print(net.conv1.bias.grad);

  const optim = tg.optim;

  // create your optimizer
  const optimizer = new optim.SGD(net.parameters(), { lr: 0.01 });

  // in your training loop:
  optimizer.zeroGrad(); // zero the gradient buffers
  output = net(input);
  loss = criterion(output, target);
  loss.backward();
  optimizer.step(); // Does the update

  // Not in the tutorial: the update's effect.
  print(loss, criterion(net(input), target));
  print(net.conv1.bias);
}

await runIfMain(import.meta, main);
