// Port of the PyTorch tutorial "Automatic Differentiation with torch.autograd": pytorch/tutorials
// beginner_source/basics/autogradqs_tutorial.py (commit 1532c0de875b79f541371438d8d1d08be18f87de), statement
// by statement; autogradqs.py is its PyTorch twin and autogradqs.expected.txt what the twin prints under
// PyTorch 1.13 (test/ports/autogradqs.test.ts compares). torch.randn draws from detrand (torch's and
// tensorgrad's streams differ). Run: node examples/ports/autogradqs.mjs
import * as detrand from './detrand.mjs';
import { pyBool, runIfMain } from './py.mjs';

export function main(tg, print) {
  detrand.seed(1);

  const x = tg.ones(5); // input tensor
  const y = tg.zeros(3); // expected output
  const w = detrand.randn(tg, [5, 3]).requiresGrad_(true); // torch.randn(5, 3, requires_grad=True)
  const b = detrand.randn(tg, [3]).requiresGrad_(true); // torch.randn(3, requires_grad=True)
  let z = tg.matmul(x, w).add(b);
  const loss = tg.nn.functional.binaryCrossEntropyWithLogits(z, y);

  print(`Gradient function for z = ${z.gradFn.name}`);
  print(`Gradient function for loss = ${loss.gradFn.name}`);

  loss.backward();
  print(w.grad);
  print(b.grad);

  z = tg.matmul(x, w).add(b);
  print(pyBool(z.requiresGrad));

  z = tg.noGrad(() => tg.matmul(x, w).add(b)); // with torch.no_grad():
  print(pyBool(z.requiresGrad));

  z = tg.matmul(x, w).add(b);
  const z_det = z.detach();
  print(pyBool(z_det.requiresGrad));

  const inp = tg.eye(4, 5, { requiresGrad: true });
  const out = inp.add(1).pow(2).t();
  out.backward(tg.onesLike(out), { retainGraph: true });
  print(`First call\n${inp.grad}`);
  out.backward(tg.onesLike(out), { retainGraph: true });
  print(`\nSecond call\n${inp.grad}`);
  inp.grad.zero_();
  out.backward(tg.onesLike(out), { retainGraph: true });
  print(`\nCall after zeroing gradients\n${inp.grad}`);

  // Not in the tutorial: what it says in prose, printed.
  print(z, loss, out.gradFn.name, out.gradFn.nextFunctions[0][0].name);
  print(pyBool(w.isLeaf), pyBool(z.isLeaf), z.gradFn.nextFunctions[0][0].name, b.gradFn ?? 'None');
  try {
    loss.backward();
    loss.backward();
  } catch (e) {
    print(e.message.split('.')[0]);
  }
  try {
    out.backward();
  } catch (e) {
    print(e.message);
  }
  tg.noGrad(() => w.sub_(w.grad.mul(0.1))); // with torch.no_grad(): w -= 0.1 * w.grad
  print(w);
}

await runIfMain(import.meta, main);
