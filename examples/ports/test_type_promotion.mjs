// Port of a slice of PyTorch's own test/test_type_promotion.py (pytorch/pytorch commit
// 00fedc169cae9e968f22c7804d74452791a9d70d, TestTypePromotion, restricted to what PyTorch 1.13 has), each test run
// under float32 and then float64 as the default dtype: in-place ops that must not promote, integer / float /
// half / bool promotion, wrapped numbers and 0-d tensors, mixed-dtype backward, add / mul / div / rsub over every
// pair of ten dtypes on contiguous and transposed tensors, alpha, booleans, result_type, can_cast, comparisons
// across dtypes (1-d and 0-d), indexing and true_divide. Each assert prints the value it checks;
// test_type_promotion.py is the twin (its header lists the stand-ins) and test_type_promotion.expected.txt what it
// prints under PyTorch 1.13 (test/ports/test_type_promotion.test.ts compares). `x[i] = v` is x.indexPut_(i, v).
// Run: node examples/ports/test_type_promotion.mjs
import * as detrand from './detrand.mjs';
import { makeAttempt, pyBool, pyFloat, pyG, runIfMain } from './py.mjs';

export function main(tg, print) {
  const saved = tg.getDefaultDtype();
  detrand.seed(29);
  try {
    for (const d of [tg.float, tg.double]) run(tg, print, d);
  } finally {
    tg.setDefaultDtype(saved);
  }
}

function run(tg, print, deflt) {
  tg.setDefaultDtype(deflt);
  const S = tg.slice();
  const dt = (d) => `torch.${d}`;
  const D = dt(deflt);
  const p = (...a) => print(D, ...a);
  const attempt = makeAttempt(print);
  const MATH = [tg.uint8, tg.int8, tg.int16, tg.int32, tg.int64, tg.float32, tg.float64, tg.float16, tg.bfloat16, tg.bool];
  const isFloat = (d) => ['float16', 'bfloat16', 'float32', 'float64'].includes(d);
  const equal = (a, b) => pyBool(tg.equal(a, b));

  function checksum(t) {
    t = t.double().flatten();
    const w = tg.arange(1, t.numel() + 1, { dtype: tg.double });
    return `sum ${pyG(t.sum().item(), 8)} weighted ${pyG(t.mul(w).sum().item(), 8)}`;
  }

  function _get_test_tensor(dtype, remove_zeros = false) {
    const shape = [5, 5, 5];
    let tensor;
    if (dtype === tg.bool) {
      tensor = detrand.randint(tg, Number(remove_zeros), 2, shape).to(dtype);
    } else if (isFloat(dtype)) {
      tensor = detrand.randn(tg, shape).to(dtype);
      if (remove_zeros) tensor.indexPut_([tg.abs(tensor).lt(0.05)], 5);
    } else {
      const signed = dtype !== tg.uint8;
      tensor = detrand.randint(tg, signed ? -5 : 0, 10, shape).to(dtype);
      if (remove_zeros) tensor.indexPut_([tensor.eq(0)], 5);
    }
    return tensor;
  }

  // test_inplace
  const int_tensor = tg.ones([4, 4, 4], { dtype: tg.int32 });
  attempt(`${D} inplace add_(1.5)`, () => int_tensor.add_(1.5));
  const expected = tg.ones([4, 4, 4], { dtype: tg.int32 });
  const long_tensor = tg.ones([4, 4, 4], { dtype: tg.int64 });
  int_tensor.add_(long_tensor);
  int_tensor.add_(1);
  const three = expected.add(2);
  p('inplace', equal(int_tensor, three), dt(int_tensor.dtype));
  const bool_tensor = tg.tensor([1, 1, 1], { dtype: tg.bool });
  const uint8_tensor = tg.tensor([1, 1, 1], { dtype: tg.uint8 });
  attempt(`${D} inplace bool add_ uint8`, () => bool_tensor.add_(uint8_tensor));
  const int16_tensor = tg.tensor([1, 1, 1], { dtype: tg.int16 });
  uint8_tensor.mul_(int16_tensor);
  p('inplace uint8 *= int16', uint8_tensor);

  // test_unsinged
  const dont_promote = tg.ones([3], { dtype: tg.uint8 }).add(5);
  p('unsigned', dt(dont_promote.dtype));

  // test_int_promotion
  let a = tg.ones([4, 4, 4], { dtype: tg.int32 });
  let b = tg.ones([4, 4, 4], { dtype: tg.int64 });
  let c = a.add(b);
  p('int promotion', equal(c, b.add(b)), dt(c.dtype));

  // test_float_promotion
  a = tg.ones([4, 4, 4], { dtype: tg.float });
  b = tg.ones([4, 4, 4], { dtype: tg.double });
  p('float promotion', dt(a.add(b).dtype), dt(b.add(a).dtype), equal(a.add(b), b.add(b)));

  // test_add_wrapped
  a = tg.ones([4, 4, 4], { dtype: tg.int });
  c = a.add(1);
  p('add wrapped', equal(c, a.add(a)), dt(c.dtype));

  // test_int_to_float
  a = tg.ones([4, 4, 4], { dtype: tg.int32 });
  b = tg.ones([4, 4, 4], { dtype: tg.float });
  p('int to float', dt(a.add(b).dtype));

  // test_from_issue
  a = detrand.rand(tg, [3]);
  const u = tg.tensor([0, 0, 1], { dtype: tg.uint8 });
  p('from issue', dt(a.mul(5).dtype), dt(u.add(1).dtype), dt(u.add(1000).dtype), u.add(1000));
  const other = tg.tensor(5.5, { dtype: tg.double });
  p('from issue', dt(u.add(5.5).dtype), dt(u.add(other).dtype), dt(a.add(other).dtype));

  // test_half
  const half = tg.tensor(5.5, { dtype: tg.float16 });
  p('half', dt(half.add(2.2).dtype), half.add(2.2), dt(half.add(100000).dtype), half.add(100000));
  const default_tensor = tg.tensor(100000.5);
  p('half', dt(half.add(default_tensor).dtype));

  // test_mixed_type_backward
  const f = tg.ones([3, 3], { dtype: tg.float, requiresGrad: true });
  const ten = tg.tensor([10.5], { dtype: tg.double });
  const tens = f.mul(ten);
  const s = tens.add(2).sum();
  s.backward();
  p('mixed backward', dt(f.grad.dtype), equal(f.grad, tens.float()), dt(tens.dtype));
  for (const [name, func] of [['add', tg.add], ['sub', tg.sub], ['rsub', tg.rsub], ['mul', tg.mul], ['div', tg.div]]) {
    for (const dtype1 of [tg.float, tg.double]) {
      for (const dtype2 of [tg.float, tg.double, tg.int, tg.long]) {
        const x = tg.ones([10], { requiresGrad: true, dtype: dtype1 });
        const y = tg.ones([10], { dtype: dtype2 }).mul(3);
        func(x, y).sum().backward();
        p('mixed backward', name, dt(dtype1), dt(dtype2), dt(x.grad.dtype), pyFloat(x.grad.index(0).item()));
      }
    }
  }

  // test_many_promotions
  const ops = [['add', tg.add], ['sub', tg.sub], ['mul', tg.mul], ['div', tg.div], ['rsub', tg.rsub]];
  for (const dt1 of MATH) {
    for (const dt2 of MATH) {
      for (const [name, op] of ops) {
        for (const non_contiguous of [true, false]) {
          const common_dtype = tg.promoteTypes(dt1, dt2);
          if (name === 'sub' && common_dtype !== tg.bool) continue;
          let first = _get_test_tensor(dt1);
          let second = _get_test_tensor(dt2, name === 'div');
          if (non_contiguous) {
            first = first.transpose(0, 2);
            second = second.transpose(2, 1);
          }
          const label = `${D} many ${name} ${dt(dt1)} ${dt(dt2)} ${pyBool(non_contiguous)}`;
          let result;
          try {
            result = op(first, second);
          } catch {
            print(label, 'raises');
            continue;
          }
          const exp = op(first.to(common_dtype), second.to(common_dtype));
          print(label, dt(result.dtype), equal(result, exp), checksum(result));
        }
      }
    }
  }

  // test_alpha_mismatch
  let x = tg.ones([4], { dtype: tg.int });
  attempt(`${D} alpha int 1.1`, () => tg.add(x, x, { alpha: 1.1 }));
  x = x.to(tg.bool);
  attempt(`${D} alpha bool 1.1`, () => tg.add(x, x, { alpha: 1.1 }));
  p('alpha bool True', equal(x.add(x), tg.add(x, x, { alpha: true })));

  // test_booleans
  const onedim = tg.tensor([true]);
  p('booleans', onedim.add(onedim), onedim.add(true));
  attempt(`${D} booleans add(1, 1, alpha=True)`, () => tg.add(tg.tensor(1, { dtype: tg.long }), 1, { alpha: true }));
  p('booleans', tg.add(tg.tensor(true), tg.tensor(true), { alpha: true }));

  // test_result_type
  p('result_type', dt(tg.resultType(tg.tensor(1, { dtype: tg.int }), 1)), dt(tg.resultType(1, tg.tensor(1, { dtype: tg.int }))));
  p('result_type', dt(tg.resultType(tg.tensor(1, { dtype: tg.long }), 1.5)));
  p('result_type', dt(tg.resultType(tg.tensor(1, { dtype: tg.long }), tg.tensor([1, 1], { dtype: tg.int }))));
  p('result_type', dt(tg.resultType(tg.tensor([1., 1.], { dtype: tg.float }), 1.5)));
  p('result_type', dt(tg.resultType(tg.tensor(1., { dtype: tg.float }), tg.tensor(1, { dtype: tg.double }))));

  // test_can_cast
  p('can_cast', pyBool(tg.canCast(tg.double, tg.float)), pyBool(tg.canCast(tg.float, tg.int)));

  // test_comparison_ops_with_type_promotion
  const value_for_type = [[tg.uint8, 1 << 5], [tg.int8, 1 << 5], [tg.int16, 1 << 10], [tg.int32, 1 << 20],
    [tg.int64, 2 ** 35], [tg.float16, 1 << 10], [tg.float32, 1 << 20], [tg.float64, 2 ** 35]];
  for (const name of ['lt', 'le', 'gt', 'ge', 'eq', 'ne']) {
    const op = tg[name];
    for (const [dt1, val1] of value_for_type) {
      const row = [];
      for (const [dt2, val2] of value_for_type) {
        const r1 = op(tg.tensor([val1], { dtype: dt1 }), tg.tensor([val2], { dtype: dt2 }));
        const r0 = op(tg.tensor(val1, { dtype: dt1 }), tg.tensor(val2, { dtype: dt2 }));
        row.push(`${Number(r1.item())}${Number(r0.item())}`);
      }
      p('compare', name, dt(dt1), row.join(' '));
    }
  }

  // test_lt_with_type_promotion
  for (const d of MATH.slice(0, -1)) {
    x = tg.tensor([0], { dtype: d });
    p('lt', dt(d), x.lt(0.5), dt(x.lt(0.5).dtype), x.lt(tg.tensor(0.5)), tg.tensor(0, { dtype: d }).lt(0.5));
  }

  // test_promote_types / test_promote_self
  p('promote_types', dt(tg.promoteTypes(tg.float, tg.int)), dt(tg.promoteTypes(tg.float, tg.double)),
    dt(tg.promoteTypes(tg.int, tg.uint8)));
  p('promote_self', pyBool(MATH.every((d) => tg.promoteTypes(d, d) === d)));

  // test_indexing
  a = tg.ones([5, 2], { dtype: tg.double });
  b = tg.zeros([5], { dtype: tg.int });
  attempt(`${D} indexing a[:, [1]] = int`, () => {
    a.indexPut_([S, [1]], b.unsqueeze(-1));
    return pyFloat(a.sum().item());
  });
  const tmp = tg.ones([9, 9], { dtype: tg.float });
  const mask = tg.ones([10, 10], { dtype: tg.uint8 });
  const result = tmp.add(mask.index([tg.slice(1), tg.slice(1)]));
  p('indexing', dt(result.dtype), pyFloat(result.sum().item()));

  // test_transpose
  a = tg.tensor([[true, true], [false, true]]);
  p('transpose', a.t().eq(0), equal(a.t().eq(0), a.t().eq(false)));

  // test_true_divide / test_true_divide_inplace
  for (const dtype of [tg.bool, tg.uint8, tg.int8, tg.int16, tg.int32, tg.int64, tg.float, tg.double]) {
    const dividend = detrand.randn(tg, [5]).mul(100).to(dtype);
    const divisor = tg.arange(1, 6, { dtype: tg.long }).to(dtype);
    p('true_divide', dt(dtype), tg.trueDivide(dividend, divisor), tg.trueDivide(dividend, 2.5));
    attempt(`${D} true_divide_ ${dt(dtype)}`, () => dividend.clone().trueDivide_(divisor));
    attempt(`${D} true_divide_ 2 ${dt(dtype)}`, () => dividend.clone().trueDivide_(2));
  }
}

runIfMain(import.meta, main);
