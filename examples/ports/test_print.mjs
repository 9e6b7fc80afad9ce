// Port of a slice of PyTorch's own test/test_torch.py (pytorch/pytorch commit
// e121c6ea4c91fb2e6c506175cf9d87e512211afb): TestTorch.test_print's cases on real CPU tensors (big integers,
// scientific notation with and without setPrintoptions({ sciMode }), leading spaces, inf and nan, float64
// subnormals and overflow, summaries, requiresGrad, a non-contiguous summarized view, 0-dim, bool, NumPy's
// sci-mode and int-mode rules, half), test_type_conversion_via_dtype_name, test_allclose and test_is_nonzero,
// then torch.set_printoptions's docstring example. test_print.py is the twin (its header lists what is left out)
// and test_print.expected.txt what it prints under PyTorch 1.13 (test/ports/test_print.test.ts compares).
// str(x) is String(x) and repr(x) is util.inspect(x) (what console.log prints); a dtype prints as a string
// ('uint8'), so torch.uint8 is spelled out.
// Run: node examples/ports/test_print.mjs
import { inspect } from 'node:util';
import * as detrand from './detrand.mjs';
import { pyBool, runIfMain } from './py.mjs';

export function main(tg, print) {
  detrand.seed(21);
  const inf = Infinity, nan = NaN;

  /** assertEqual(x.__repr__(), str(x)); assertExpectedInline(str(x), ...) */
  function expect(x) {
    print(String(x));
    print('repr == str', pyBool(inspect(x) === String(x)));
  }

  // test_print
  for (const dtype of ['float64', 'float32', 'int64', 'int32', 'int16', 'int8', 'uint8', 'bool']) {
    const obj = tg.ones([100, 100], { dtype }); // t(100, 100).fill_(1) for t in torch._tensor_classes
    expect(obj);
  }
  let obj = detrand.rand(tg, [100, 100]).half(); // test half tensor
  expect(obj);

  // test big integer
  expect(tg.tensor(2341234123412341, { dtype: 'int64' }));
  // test scientific notation
  expect(tg.tensor([1e28, 1e-28]));
  // test scientific notation using set_printoptions
  let x = tg.tensor([1e2, 1e-2]);
  tg.setPrintoptions({ sciMode: true });
  expect(x);
  tg.setPrintoptions({ sciMode: false });
  expect(x);
  tg.setPrintoptions({ sciMode: null }); // reset to the default value
  // test no leading space if all elements positive
  expect(tg.tensor([1, 2], { dtype: 'int64' }));
  // test for leading space if there are negative elements
  expect(tg.tensor([1, -2], { dtype: 'int64' }));
  // test inf and nan
  expect(tg.tensor([4, inf, 1.5, -inf, 0, nan, 1]));
  // test dtype
  x = tg.tensor([1e-324, 1e-323, 1e-322, 1e307, 1e308, 1e309], { dtype: 'float64' });
  expect(x);
  // test summary
  expect(tg.zeros(10000));
  // test integral floats and requires_grad
  expect(tg.tensor([123], { requiresGrad: true }));
  // test non-contiguous print
  x = tg.ones(100, 2, 2, 10);
  const y = x.asStrided({ size: [100, 2, 10], stride: [2 * 2 * 10, 2 * 10, 1] });
  expect(y);
  // test print 0-dim tensor
  expect(tg.tensor(0.00002));
  // test print boolean tensor
  expect(tg.tensor([true]));
  expect(tg.tensor(true));
  // [Numpy] test print float in sci_mode when min < 0.0001.
  expect(tg.tensor([0.00002]));
  // [Numpy] test print float in sci_mode when max > 1e8.
  expect(tg.tensor([123456789]));
  // [Numpy] test print float in sci_mode when max / min > 1000.
  expect(tg.tensor([0.01, 11]));
  // [Numpy] test print int max / min > 1000, no sci_mode
  expect(tg.tensor([1, 1010], { dtype: 'int64' }));
  // [Numpy] test print int > 1e8, no sci_mode
  expect(tg.tensor([1000000000], { dtype: 'int64' }));
  // [Numpy] test printing float in int_mode
  expect(tg.tensor([1, 1000]));
  // [Numpy] test printing float in int_mode in sci format when max / min > 1000.
  expect(tg.tensor([1, 1010]));

  // test_type_conversion_via_dtype_name
  x = tg.tensor([1], { dtype: 'int64' });
  const torchDtype = (t) => `torch.${t.dtype}`; // dtypes are strings ('uint8'); PyTorch prints torch.uint8
  print('dtype names', ...[x.byte(), x.bool(), x.char(), x.double(), x.float(), x.half(), x.int(), x.bfloat16()].map(torchDtype));

  // test_allclose
  const b = pyBool;
  x = tg.tensor([1.0, 2.0, 3.0]);
  let y2 = tg.tensor([1.01, 2.01, 3.01]);
  print('allclose', b(tg.allclose(x, y2, { rtol: 0, atol: 0.02 })), b(tg.allclose(x, y2, { rtol: 0.01, atol: 0.0 })),
    b(tg.allclose(x, y2)), b(tg.allclose(tg.tensor([0.0]), tg.tensor([1e-8]))));
  x = tg.tensor([2.0, 3.0, nan]);
  y2 = tg.tensor([2.01, 3.01, nan]);
  print('allclose nan', b(tg.allclose(x, y2, { rtol: 1e-2 })), b(tg.allclose(x, y2, { rtol: 1e-2, equalNan: true })),
    b(tg.allclose(x, y2, { rtol: 1e-3, equalNan: true })));
  const inf_t = tg.tensor([inf]);
  print('allclose inf', b(tg.allclose(inf_t, inf_t)), b(tg.allclose(inf_t.neg(), inf_t.neg())), b(tg.allclose(inf_t, inf_t.neg())),
    b(tg.allclose(inf_t, tg.tensor([1e20]))), b(tg.allclose(inf_t.neg(), tg.tensor([-1e20]))));

  // test_is_nonzero
  for (const t of [tg.tensor([]), tg.tensor([0, 0], { dtype: 'int64' })]) {
    try {
      t.isNonzero();
      print('is_nonzero no error');
    } catch (e) {
      print('is_nonzero raises', e.message.split('\n')[0]);
    }
  }
  const L = { dtype: 'int64' };
  print('is_nonzero', ...[tg.tensor(0, L), tg.tensor(1, L), tg.tensor([0], L), tg.tensor([1], L), tg.tensor([[0]], L), tg.tensor([[1]], L),
    tg.tensor(0.1), tg.tensor(-0.1), tg.tensor(0.0), tg.tensor(true), tg.tensor(false)].map((t) => b(t.isNonzero())));

  // torch.set_printoptions's docstring example
  tg.setPrintoptions({ precision: 2 });
  print(tg.tensor([1.12345]));
  tg.setPrintoptions({ threshold: 5 });
  print(tg.arange(10, { dtype: 'int64' }));
  tg.setPrintoptions({ profile: 'default' });
  print(tg.tensor([1.12345]));
  print(tg.arange(10, { dtype: 'int64' }));
  void obj;
}

await runIfMain(import.meta, main);
