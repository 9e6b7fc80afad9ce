// Port of the PyTorch tutorial "Tensors": pytorch/tutorials beginner_source/basics/tensorqs_tutorial.py
// (commit 0dea8a155bb46fd384abe428afcbb65e0a391739), statement by statement; tensorqs.py is its PyTorch twin
// and tensorqs.expected.txt what the twin prints under PyTorch 1.13 (test/ports/tensorqs.test.ts compares).
// The random calls draw from detrand (torch's and tensorgrad's streams differ); the CUDA move is left out;
// NumPy's arrays are the tensor's own storage as a typed array (asTypedArray), printed as NumPy prints them.
// Run: node examples/ports/tensorqs.mjs
import * as detrand from './detrand.mjs';
import { npStr, pyFloat, runIfMain, torchSize } from './py.mjs';

export function main(tg, print) {
  detrand.seed(0);

  // data = [[1, 2],[3, 4]]; x_data = torch.tensor(data)     (Python ints make int64; JS numbers float32)
  const data = [[1, 2], [3, 4]];
  const x_data = tg.tensor(data, { dtype: 'int64' });

  // np_array = np.array(data); x_np = torch.from_numpy(np_array)
  const x_np = tg.tensor(data, { dtype: 'int64' });

  const x_ones = tg.onesLike(x_data); // retains the properties of x_data
  print(`Ones Tensor: \n ${x_ones} \n`);

  const x_rand = detrand.rand(tg, x_data.shape, { dtype: 'float32' }); // torch.rand_like(x_data, dtype=torch.float)
  print(`Random Tensor: \n ${x_rand} \n`);

  const shape = [2, 3];
  const rand_tensor = detrand.rand(tg, shape); // torch.rand(shape)
  const ones_tensor = tg.ones(shape);
  const zeros_tensor = tg.zeros(shape);

  print(`Random Tensor: \n ${rand_tensor} \n`);
  print(`Ones Tensor: \n ${ones_tensor} \n`);
  print(`Zeros Tensor: \n ${zeros_tensor}`);

  let tensor = detrand.rand(tg, [3, 4]); // torch.rand(3,4)

  print(`Shape of tensor: ${torchSize(tensor.shape)}`);
  print(`Datatype of tensor: torch.${tensor.dtype}`);
  print(`Device tensor is stored on: ${tensor.device}`);

  tensor = tg.ones(4, 4);
  print('First row: ', tensor.index(0));
  print('First column: ', tensor.index([tg.slice(), 0]));
  print('Last column:', tensor.index(['...', -1]));
  tensor.indexPut_([tg.slice(), 1], 0); // tensor[:,1] = 0
  print(tensor);

  const t1 = tg.cat([tensor, tensor, tensor], { dim: 1 });
  print(t1);

  const y1 = tensor.matmul(tensor.T); // tensor @ tensor.T
  const y2 = tensor.matmul(tensor.T);

  const y3 = detrand.rand(tg, tensor.shape); // torch.rand_like(tensor)
  y3.copy_(tg.matmul(tensor, tensor.T)); // torch.matmul(tensor, tensor.T, out=y3): no out= (docs/porting.md)

  const z1 = tensor.mul(tensor); // tensor * tensor
  const z2 = tensor.mul(tensor);

  const z3 = detrand.rand(tg, tensor.shape); // torch.rand_like(tensor)
  z3.copy_(tg.mul(tensor, tensor)); // torch.mul(tensor, tensor, out=z3)

  const agg = tensor.sum();
  const agg_item = agg.item();
  print(pyFloat(agg_item), "<class 'float'>"); // print(agg_item, type(agg_item))

  print(tensor, '\n');
  tensor.add_(5);
  print(tensor);

  let t = tg.ones(5);
  print(`t: ${t}`);
  let n = t.asTypedArray(); // t.numpy()
  print(`n: ${npStr(n)}`);

  t.add_(1);
  print(`t: ${t}`);
  print(`n: ${npStr(n)}`);

  // n = np.ones(5); t = torch.from_numpy(n): the other way round, a float64 tensor's storage as the array
  t = tg.ones(5, { dtype: 'float64' });
  n = t.asTypedArray();

  n.forEach((v, i) => { n[i] = v + 1; }); // np.add(n, 1, out=n)
  print(`t: ${t}`);
  print(`n: ${npStr(n)}`);

  // Not in the tutorial: the three products it says are equal, checked.
  print(...[tg.equal(y1, y2), tg.equal(y1, y3), tg.equal(z1, z2), tg.equal(z1, z3)].map((b) => (b ? 'True' : 'False')));
}

await runIfMain(import.meta, main);
