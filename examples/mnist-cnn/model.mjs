// The LeNet-5-style CNN of the MNIST CNN example, shared by train.mjs (which bench/run.mjs runs for row W10)
// and test/examples/mnist_cnn.test.ts: the same layers as lenet() in bench/torch/mnist_cnn.py, in the same
// order, so the two reprs and state dicts match key for key. It takes the library as an argument (train.mjs
// passes `tensorgrad`, the test the TypeScript sources).

/**
 * [n, 1, 28, 28] digits -> [n, 10] logits. Two conv blocks (5x5 conv, batch norm, ReLU, 2x2 max pool):
 * 1->6 channels at 28x28 (padding 2 keeps the size), then 6->16 at 14x14 (no padding: 10x10), pooled to
 * 16x5x5 = 400 features; then LeNet's 400-120-84-10 classifier with dropout after each hidden layer.
 * The convolutions have no bias: the batch norm after each one subtracts the channel mean, so a bias would be
 * a parameter with zero gradient.
 */
export function lenet(tg, { dropout = 0.1 } = {}) {
  const { nn } = tg;
  return new nn.Sequential(
    new nn.Conv2d(1, 6, 5, { padding: 2, bias: false }),
    new nn.BatchNorm2d(6),
    new nn.ReLU(),
    new nn.MaxPool2d(2),
    new nn.Conv2d(6, 16, 5, { bias: false }),
    new nn.BatchNorm2d(16),
    new nn.ReLU(),
    new nn.MaxPool2d(2),
    new nn.Flatten(),
    new nn.Linear(400, 120),
    new nn.ReLU(),
    new nn.Dropout(dropout),
    new nn.Linear(120, 84),
    new nn.ReLU(),
    new nn.Dropout(dropout),
    new nn.Linear(84, 10),
  );
}
