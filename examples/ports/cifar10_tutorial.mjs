// Port of the PyTorch tutorial "Training a Classifier": pytorch/tutorials beginner_source/blitz/cifar10_tutorial.py
// (commit c53e7d4efc0e39e455c531d21ec7db28ba220214), statement by statement: a Dataset subclass behind a
// DataLoader (default collate of [image, int label] pairs), the LeNet-style CNN (Conv2d, MaxPool2d, flatten),
// CrossEntropyLoss with SGD and momentum, saving and reloading the state dict, torch.max(outputs, 1) and the
// per-class accuracy. cifar10_tutorial.py is the PyTorch twin (its header lists the stand-ins: a synthetic
// CIFAR10 from detrand, 500 + 100 images) and cifar10_tutorial.expected.txt what it prints under PyTorch 1.13
// (test/ports/cifar10_tutorial.test.ts compares). torch.save/torch.load write and read safetensors; a tensor is
// not iterable, so `zip(labels, predictions)` zips their unbind() (docs/porting.md).
// Run: node examples/ports/cifar10_tutorial.mjs
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as detrand from './detrand.mjs';
import { runIfMain } from './py.mjs';

export function main(tg, print) {
  const nn = tg.nn, F = tg.nn.functional;

  class Compose {
    // torchvision.transforms.Compose
    constructor(transforms) {
      this.transforms = transforms;
    }

    call(img) {
      for (const t of this.transforms) img = t.call(img);
      return img;
    }
  }

  class ToTensor {
    // torchvision.transforms.ToTensor on an HWC uint8 array
    call(pic) {
      const img = tg.tensor(pic, { dtype: tg.int32 }).reshape(32, 32, 3).permute(2, 0, 1).contiguous();
      return img.to(tg.float32).div(255);
    }
  }

  class Normalize {
    // torchvision.transforms.Normalize (torchvision.transforms.functional.normalize)
    constructor(mean, std) {
      this.mean = mean;
      this.std = std;
    }

    call(tensor) {
      tensor = tensor.clone();
      const mean = tg.tensor(this.mean, { dtype: tensor.dtype });
      const std = tg.tensor(this.std, { dtype: tensor.dtype });
      return tensor.sub_(mean.view(-1, 1, 1)).div_(std.view(-1, 1, 1));
    }
  }

  let patterns = null;
  class SyntheticCIFAR10 extends tg.utils.data.Dataset {
    // torchvision.datasets.CIFAR10's interface: data holds N 32x32x3 uint8 images, targets a list of ints
    constructor({ train = true, transform = null } = {}) {
      super();
      if (patterns === null) patterns = detrand.uniform(10 * 32 * 32 * 3);
      const n = train ? 500 : 100;
      this.targets = detrand.uniform(n).map((v) => Math.floor(v * 10));
      const noise = detrand.uniform(n * 32 * 32 * 3);
      this.data = Array.from({ length: n }, (_, k) => Uint8Array.from({ length: 3072 },
        (_, j) => Math.floor(255 * (0.6 * patterns[3072 * this.targets[k] + j] + 0.4 * noise[3072 * k + j]))));
      this.transform = transform;
    }

    get(index) {
      let img = this.data[index];
      const target = this.targets[index];
      if (this.transform !== null) img = this.transform.call(img);
      return [img, target];
    }

    get length() {
      return this.data.length;
    }
  }

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

  detrand.seed(10);

  // The output of torchvision datasets are PILImage images of range [0, 1].
  // We transform them to Tensors of normalized range [-1, 1].

  const transform = new Compose([new ToTensor(), new Normalize([0.5, 0.5, 0.5], [0.5, 0.5, 0.5])]);

  const batch_size = 4;

  const trainset = new SyntheticCIFAR10({ train: true, transform });
  const trainloader = new tg.utils.data.DataLoader(trainset, { batchSize: batch_size,
    sampler: new Shuffled(trainset.length) }); // shuffle=True, num_workers=2

  const testset = new SyntheticCIFAR10({ train: false, transform });
  const testloader = new tg.utils.data.DataLoader(testset, { batchSize: batch_size,
    shuffle: false }); // num_workers=2

  const classes = ['plane', 'car', 'bird', 'cat',
    'deer', 'dog', 'frog', 'horse', 'ship', 'truck'];

  // get some random training images
  let dataiter = trainloader[Symbol.iterator]();
  let [images, labels] = dataiter.next().value;

  // print labels
  print(Array.from({ length: batch_size }, (_, j) => classes[labels.index(j).item()].padEnd(5)).join(' '));

  // 2. Define a Convolutional Neural Network

  class Net extends nn.Module {
    constructor() {
      super();
      this.conv1 = new nn.Conv2d(3, 6, 5);
      this.pool = new nn.MaxPool2d(2, 2);
      this.conv2 = new nn.Conv2d(6, 16, 5);
      this.fc1 = new nn.Linear(16 * 5 * 5, 120);
      this.fc2 = new nn.Linear(120, 84);
      this.fc3 = new nn.Linear(84, 10);
      detrand.init_(tg, this); // the default init, from detrand
    }

    forward(x) {
      x = this.pool(F.relu(this.conv1(x)));
      x = this.pool(F.relu(this.conv2(x)));
      x = tg.flatten(x, 1); // flatten all dimensions except batch
      x = F.relu(this.fc1(x));
      x = F.relu(this.fc2(x));
      x = this.fc3(x);
      return x;
    }
  }

  let net = new Net();

  // 3. Define a Loss function and optimizer

  const optim = tg.optim;

  const criterion = new nn.CrossEntropyLoss();
  const optimizer = new optim.SGD(net.parameters(), { lr: 0.01, momentum: 0.9 }); // lr=0.001 (the small data set needs a faster rate)

  // 4. Train the network

  for (let epoch = 0; epoch < 2; epoch++) { // loop over the dataset multiple times
    let running_loss = 0.0;
    let i = 0;
    for (const data of trainloader) {
      // get the inputs; data is a list of [inputs, labels]
      const [inputs, labels] = data;

      // zero the parameter gradients
      optimizer.zeroGrad();

      // forward + backward + optimize
      const outputs = net(inputs);
      const loss = criterion(outputs, labels);
      loss.backward();
      optimizer.step();

      // print statistics
      running_loss += loss.item();
      if (i % 25 === 24) { // print every 25 mini-batches
        print(`[${epoch + 1}, ${String(i + 1).padStart(5)}] loss: ${(running_loss / 25).toFixed(3)}`);
        running_loss = 0.0;
      }
      i++;
    }
  }

  print('Finished Training');

  // Let's quickly save our trained model:

  const PATH = join(tmpdir(), 'cifar_net.safetensors');
  tg.save(net.stateDict(), PATH);

  // 5. Test the network on the test data

  dataiter = testloader[Symbol.iterator]();
  [images, labels] = dataiter.next().value;

  // print images
  print('GroundTruth: ', Array.from({ length: 4 }, (_, j) => classes[labels.index(j).item()].padEnd(5)).join(' '));

  // Next, let's load back in our saved model

  net = new Net();
  net.loadStateDict(tg.load(PATH));

  let outputs = net(images);

  let [, predicted] = tg.max(outputs, 1);

  print('Predicted: ', Array.from({ length: 4 }, (_, j) => classes[predicted.index(j).item()].padEnd(5)).join(' '));

  let correct = 0;
  let total = 0;
  // since we're not training, we don't need to calculate the gradients for our outputs
  tg.noGrad(() => {
    for (const data of testloader) {
      [images, labels] = data;
      // calculate outputs by running images through the network
      outputs = net(images);
      // the class with the highest energy is what we choose as prediction
      [, predicted] = tg.max(outputs.data, 1);
      total += labels.size(0);
      correct += predicted.eq(labels).sum().item();
    }
  });

  print(`Accuracy of the network on the 10000 test images: ${Math.floor(100 * correct / total)} %`);

  // prepare to count predictions for each class
  const correct_pred = new Map(classes.map((classname) => [classname, 0]));
  const total_pred = new Map(classes.map((classname) => [classname, 0]));

  // again no gradients needed
  tg.noGrad(() => {
    for (const data of testloader) {
      [images, labels] = data;
      outputs = net(images);
      const [, predictions] = tg.max(outputs, 1);
      // collect the correct predictions for each class
      const p = predictions.unbind();
      labels.unbind().forEach((label, k) => { // for label, prediction in zip(labels, predictions)
        const prediction = p[k];
        if (label.eq(prediction).item()) correct_pred.set(classes[label.item()], correct_pred.get(classes[label.item()]) + 1);
        total_pred.set(classes[label.item()], total_pred.get(classes[label.item()]) + 1);
      });
    }
  });

  // print accuracy for each class
  for (const [classname, correct_count] of correct_pred) {
    const accuracy = 100 * correct_count / total_pred.get(classname);
    print(`Accuracy for class: ${classname.padEnd(5)} is ${accuracy.toFixed(1)} %`);
  }

  const device = 'cpu'; // torch.device('cuda:0' if torch.cuda.is_available() else 'cpu'): tensorgrad is CPU only

  // Assuming that we are on a CUDA machine, this should print a CUDA device:

  print(device);
}

await runIfMain(import.meta, main);
