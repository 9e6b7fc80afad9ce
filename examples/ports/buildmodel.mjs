// Port of the PyTorch tutorial "Build the Neural Network": pytorch/tutorials
// beginner_source/basics/buildmodel_tutorial.py (commit 07a339ece661a2b304b8834780470f522eed1e02), statement
// by statement; buildmodel.py is its PyTorch twin and buildmodel.expected.txt what the twin prints under
// PyTorch 1.13 (test/ports/buildmodel.test.ts compares). torch.rand and the layers' default init draw from
// detrand (torch's and tensorgrad's streams differ). tensorgrad runs on the CPU only: `device` is 'cpu' and
// the `.to(device)` / `device=` of the tutorial are left out. Run: node examples/ports/buildmodel.mjs
import * as detrand from './detrand.mjs';
import { runIfMain, torchSize } from './py.mjs';

export function main(tg, print) {
  const nn = tg.nn;
  detrand.seed(2);

  const device = 'cpu'; // 'cuda' if torch.cuda.is_available() else 'cpu'
  print(`Using ${device} device`);

  class NeuralNetwork extends nn.Module {
    constructor() {
      super();
      this.flatten = new nn.Flatten();
      this.linear_relu_stack = new nn.Sequential(
        new nn.Linear(28 * 28, 512),
        new nn.ReLU(),
        new nn.Linear(512, 512),
        new nn.ReLU(),
        new nn.Linear(512, 10),
        new nn.ReLU(),
      );
    }

    forward(x) {
      x = this.flatten(x);
      const logits = this.linear_relu_stack(x);
      return logits;
    }
  }

  const model = detrand.init_(tg, new NeuralNetwork()); // NeuralNetwork().to(device)
  print(model);

  const X = detrand.rand(tg, [1, 28, 28]); // torch.rand(1, 28, 28, device=device)
  let logits = model(X);
  let pred_probab = new nn.Softmax({ dim: 1 })(logits);
  const y_pred = pred_probab.argmax(1);
  print(`Predicted class: ${y_pred}`);

  let input_image = detrand.rand(tg, [3, 28, 28]); // torch.rand(3,28,28)
  print(torchSize(input_image.size()));

  const flatten = new nn.Flatten();
  const flat_image = flatten(input_image);
  print(torchSize(flat_image.size()));

  const layer1 = detrand.init_(tg, new nn.Linear({ inFeatures: 28 * 28, outFeatures: 20 }));
  let hidden1 = layer1(flat_image);
  print(torchSize(hidden1.size()));

  print(`Before ReLU: ${hidden1}\n\n`);
  hidden1 = new nn.ReLU()(hidden1);
  print(`After ReLU: ${hidden1}`);

  const seq_modules = new nn.Sequential(
    flatten,
    layer1,
    new nn.ReLU(),
    detrand.init_(tg, new nn.Linear(20, 10)),
  );
  input_image = detrand.rand(tg, [3, 28, 28]); // torch.rand(3,28,28)
  logits = seq_modules(input_image);

  const softmax = new nn.Softmax({ dim: 1 });
  pred_probab = softmax(logits);

  print('Model structure: ', model, '\n\n');

  for (const [name, param] of model.namedParameters())
    print(`Layer: ${name} | Size: ${torchSize(param.size())} | Values : ${param.index(tg.slice(null, 2))} \n`);

  // Not in the tutorial: the probabilities it computes, the Sequential it builds and the top logits. (Not
  // pred_probab.sum(1): float32 sums may differ from PyTorch's in the last bit, docs/porting.md.)
  print(pred_probab);
  print(seq_modules);
  print(pred_probab.argmax(1), logits.max(1));
}

await runIfMain(import.meta, main);
