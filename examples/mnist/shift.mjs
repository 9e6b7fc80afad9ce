// The random-shift augmentation of the MNIST examples, with tensor ops, so that the PyTorch twins
// (shifted() in bench/torch/mnist.py and bench/torch/mnist_cnn.py) do the same work per batch: each digit's
// rows are moved by dy and its columns by dx, both in -shift..shift, as a product with 0/1 shift matrices,
// out[b] = Sy[b] @ img[b] @ Tx[b], where Sy[b][r][k] = (k == r - dy[b]) and Tx[b][k][c] = (k == c - dx[b]):
// out[b][r][c] = img[b][r - dy][c - dx], zero where that falls outside the image. Twelve ops per batch.
/**
 * A function of a batch of 28x28 digits (any shape [n, ...] of n*784 values) to shifted copies of that shape.
 * `tg` is the library (the examples pass `tensorgrad`, the tests its TypeScript sources).
 */
export function makeShifter(tg, shift) {
  const rowIdx = tg.arange(28, { dtype: 'int32' }).view([1, 28, 1]);
  const colIdx = tg.arange(28, { dtype: 'int32' }).view([1, 1, 28]);
  return (x) => {
    const n = x.shape[0];
    const dy = tg.randint(-shift, shift + 1, [n, 1, 1]), dx = tg.randint(-shift, shift + 1, [n, 1, 1]);
    const Sy = colIdx.eq(rowIdx.sub(dy)).to('float32'), Tx = rowIdx.eq(colIdx.sub(dx)).to('float32');
    return tg.bmm(tg.bmm(Sy, x.view([n, 28, 28])), Tx).view(x.shape);
  };
}
