// Port of a slice of PyTorch's own test/test_unary_ufuncs.py (pytorch/pytorch commit
// 001fb5f0559eb59eefc7a71b24cc23276cda03c0, TestUnaryUfuncs, restricted to what PyTorch 1.13 has): the tests
// written out by hand rather than from OpInfos (nan_to_num over every real dtype with extremal rows, contiguous
// and transposed; digamma at special points and poles; mvlgamma and its argument check; polygamma; ~ and
// bitwise_not over the integer dtypes; hardshrink with its edge cases; hardswish, hardsigmoid and its backward;
// silu, contiguous and not, in place; threshold; igamma / igammac edge cases and their common range; i0 special
// values and ranges; abs of a big int64 and of signed zeros; isfinite / isinf / isnan / isposinf / isneginf;
// nonzero of empty and 0-d tensors; exp; sign over every real dtype with its extremes; signbit). Each assertEqual
// prints its actual value; test_unary_ufuncs.py is the twin (its header lists the stand-ins) and
// test_unary_ufuncs.expected.txt what it prints under PyTorch 1.13 (test/ports/test_unary_ufuncs.test.ts
// compares). Checksums print 8 significant digits of float64 values, 6 of float32 ones.
// Run: node examples/ports/test_unary_ufuncs.mjs
import * as detrand from './detrand.mjs';
import { makeAttempt, pyBool, pyFloat, pyG, runIfMain } from './py.mjs';

export function main(tg, print) {
  const inf = Infinity, nan = NaN, S = tg.slice();
  detrand.seed(23);
  const F = tg.nn.functional;
  const dt = (d) => `torch.${d}`;
  const FLOATS = [tg.float32, tg.float64];
  const INTS = [tg.uint8, tg.int8, tg.int16, tg.int32, tg.int64];
  const isFloat = (d) => d === tg.float32 || d === tg.float64;
  const attempt = makeAttempt(print);
  const pyList = (a) => `[${a.map(pyFloat).join(', ')}]`;

  function make_tensor(shape, dtype, low, high) {
    const t = detrand.rand(tg, shape, { dtype: tg.float64 }).mul(high - low).add(low);
    return isFloat(dtype) ? t.to(dtype) : t.floor().to(dtype);
  }

  function checksum(t) {
    const d = t.dtype === tg.float32 ? 6 : 8;
    t = t.double().flatten();
    const w = tg.arange(1, t.numel() + 1, { dtype: tg.double });
    return `sum ${pyG(t.sum().item(), d)} weighted ${pyG(t.mul(w).sum().item(), d)}`;
  }

  // test_nan_to_num
  for (const dtype of [...INTS, tg.bool, ...FLOATS]) {
    for (const contiguous of [false, true]) {
      let x = make_tensor([64, 64], dtype, 0, 100);
      if (isFloat(dtype)) {
        // Add extremal values.
        const extremals = [nan, inf, -inf];
        const idxs = detrand.randint(tg, 0, 63, [3]).tolist();
        idxs.forEach((idx, k) => x.indexPut_([idx, S], extremals[k]));
      }
      if (!contiguous) x = x.T;
      // With args
      let [nan_, posinf, neginf] = detrand.uniform(3);
      posinf *= 5;
      neginf *= 10;
      const c = pyBool(contiguous);
      print('nan_to_num', dt(dtype), c, checksum(x.nanToNum({ nan: nan_, posinf })));
      print('nan_to_num', dt(dtype), c, checksum(x.nanToNum({ posinf, neginf })));
      const r = tg.nanToNum(x);
      print('nan_to_num', dt(dtype), c, dt(r.dtype), isFloat(dtype) ? checksum(r.clamp(-1000, 1000)) : checksum(r));
      print('nan_to_num', dt(dtype), c, checksum(tg.nanToNum(x, { nan: nan_, posinf, neginf })));
    }
  }
  print('nan_to_num float32 extremes', pyList(tg.nanToNum(tg.tensor([nan, inf, -inf, 1.5])).tolist()));
  print('nan_to_num float64 extremes', pyList(tg.nanToNum(tg.tensor([nan, inf, -inf, 1.5], { dtype: tg.float64 })).tolist()));

  // test_digamma_special
  const euler = 0.57721566490153286;
  for (const dtype of FLOATS) {
    const dataset = [[0., -0.],
      [1, -euler],
      [0.5, -2 * Math.log(2) - euler],
      [1 / 3, -Math.PI / (2 * Math.sqrt(3)) - 3 * Math.log(3) / 2 - euler],
      [1 / 4, -Math.PI / 2 - 3 * Math.log(2) - euler],
      [1 / 6, -Math.PI * Math.sqrt(3) / 2 - 2 * Math.log(2) - 3 * Math.log(3) / 2 - euler],
      [1 / 8, -Math.PI / 2 - 4 * Math.log(2) -
        (Math.PI + Math.log(2 + Math.sqrt(2)) - Math.log(2 - Math.sqrt(2))) / Math.sqrt(2) - euler]];
    const x = tg.tensor(dataset, { dtype });
    print('digamma special', tg.digamma(x));
  }

  // test_digamma
  for (const dtype of FLOATS) {
    const tensor = tg.tensor([-0.999999994, -1.999999994, -2.0000000111,
      -100.99999994, 0.000000111,
      -0.000000111, 0, 0, -1, -2, -931], { dtype }); // Python's -0 is the int 0
    print('digamma poles', tg.digamma(tensor));
  }

  // test_mvlgamma
  for (let d = 1; d < 5; d++) {
    const input = detrand.rand(tg, [10]).mul(10 - d).add(d);
    print('mvlgamma', d, tg.mvlgamma(input, d));
  }

  // test_mvlgamma_argcheck
  for (const d of [2, 3]) attempt(`mvlgamma argcheck ${d}`, () => tg.mvlgamma(tg.linspace((d - 2) / 2, 10, 10), d).shape[0]);

  // test_polygamma_neg
  attempt('polygamma -1', () => tg.polygamma(-1, tg.tensor([1.0, 2.0])));

  // test_polygamma (the CPU values)
  const cpu_tensor = detrand.randn(tg, [4, 5], { dtype: tg.float64 });
  for (const n of [0, 1, 2, 3, 4, 5]) print('polygamma', n, checksum(cpu_tensor.polygamma(n)));

  // test_op_invert
  let res = tg.arange(127, { dtype: tg.int8 }).neg().add(0xffff);
  for (const dtype of [tg.uint8, tg.int8, tg.int16, tg.int32, tg.int64]) {
    const a = tg.arange(127, { dtype });
    const inv = a.bitwiseNot();
    print('invert', dt(dtype), pyBool(res.to(dtype).eq(inv).all().item()), inv.index([tg.slice(null, 4)]), inv.index([tg.slice(-2)]));
  }
  print('invert bool', tg.tensor([false, true]).bitwiseNot());
  for (const dtype of [tg.float, tg.double]) attempt(`invert ${dt(dtype)}`, () => tg.zeros([10], { dtype }).bitwiseNot());

  // test_hardshrink
  for (const dtype of FLOATS) {
    const data = tg.tensor([1, 0.5, 0.3, 0.6], { dtype }).view(2, 2);
    print('hardshrink', data.hardshrink(), data.hardshrink(0.3), data.t().hardshrink(0.3));
  }

  // test_hardshrink_edge_cases
  for (const [dtype, min, max] of [[tg.float32, 1.1754943508222875e-38, 3.4028234663852886e+38],
    [tg.float64, 2.2250738585072014e-308, 1.7976931348623157e+308]]) {
    const values = [0.0, min, -min, 0.1, -0.1, 1.0, -1.0, max, -max, inf, -inf];
    for (const l of [0.0, min, 0.1, 1.0, max, inf]) {
      const values_tensor = tg.tensor(values, { dtype });
      print('hardshrink edge', dt(dtype), pyFloat(l), pyList(values_tensor.hardshrink(l).tolist()));
    }
  }

  // test_hardswish / test_hardsigmoid / test_hardsigmoid_backward
  for (const dtype of FLOATS) {
    let inputTensor = tg.tensor([-1000, -4, -3, -2, 0, 2, 3, 4, 1000], { dtype });
    print('hardswish', F.hardswish(inputTensor));
    let inputTensorCpy = inputTensor.clone().detach();
    F.hardswish(inputTensorCpy, { inplace: true });
    print('hardswish inplace', inputTensorCpy);
    print('hardsigmoid', F.hardsigmoid(inputTensor));
    inputTensorCpy = inputTensor.clone().detach();
    print('hardsigmoid inplace', F.hardsigmoid(inputTensorCpy, { inplace: true }));
    inputTensor = tg.tensor([-3.0, 3.0, -2.0, 2.0, -6.0, 6.0], { dtype }).requiresGrad_();
    const out = F.hardsigmoid(inputTensor);
    out.backward(tg.onesLike(inputTensor));
    print('hardsigmoid backward', inputTensor.grad);
  }

  // test_silu
  for (const dtype of FLOATS) {
    const input = tg.cat([detrand.randn(tg, [5, 8], { dtype: tg.float64 }),
      tg.tensor([[-1000, -1, -0.1, 0, 0.5, 1, 2, 1000]], { dtype: tg.float64 })]).to(dtype);
    print('silu', F.silu(input).index(5));
    print('silu', dt(dtype), checksum(F.silu(input)));
    print('silu inplace', dt(dtype), checksum(F.silu(input.clone(), { inplace: true })));
    const input_noncontig = input.clone().transpose(0, 1);
    print('silu noncontig', dt(dtype), checksum(F.silu(input_noncontig)));
    print('silu noncontig inplace', dt(dtype), checksum(F.silu(input_noncontig, { inplace: true })));
  }

  // test_threshold
  for (const dtype of [tg.int8, tg.int16, tg.int32, tg.int64, tg.float32, tg.float64]) {
    const x = detrand.randn(tg, [100]).sign().to(dtype);
    const y = tg.threshold(x, 0, 0);
    print('threshold', dt(dtype), pyBool(y.le(0).any().item()), dt(y.dtype), Math.trunc(y.sum().item()));
  }

  // test_igamma_edge_cases / test_igammac_edge_cases
  for (const dtype of FLOATS) {
    const infs = tg.zeros([3], { dtype }).add(inf);
    const zeros = tg.zeros([3], { dtype });
    const zero_to_large = tg.tensor([0., 1., 1e3], { dtype });
    const small_to_inf = tg.tensor([1e-3, 1., inf], { dtype });
    const inputs = [[zeros, small_to_inf], [small_to_inf, zeros], [infs, zero_to_large], [zero_to_large, infs],
      [zeros, zeros], [infs, infs], [small_to_inf.neg(), small_to_inf]];
    for (const [input0, input1] of inputs) print('igamma', tg.igamma(input0, input1), 'igammac', tg.igammac(input0, input1));
  }

  // test_igamma_common / test_igammac_common (their inputs; the values SciPy checks)
  for (const dtype of FLOATS) {
    const exp1 = 2.71828182846;
    const vec1 = tg.logspace(-4, 4, { steps: 500, base: exp1, dtype: tg.float64 }).unsqueeze(-1).to(dtype);
    const half = tg.slice(null, Math.trunc(vec1.shape[0] / 2)), even = tg.slice(null, null, 2);
    for (const [input0, input1] of [[vec1, vec1.transpose(0, 1)], [vec1, vec1], [vec1, vec1.mul(0.5)], [vec1, vec1.mul(2.0)],
      [vec1.index([even, S]), vec1.index([even, S])], [vec1.index([even, S]), vec1.index([half, S])]]) {
      print('igamma common', dt(dtype), `[${input0.shape.join(', ')}]`, `[${input1.shape.join(', ')}]`,
        checksum(tg.igamma(input0, input1)), checksum(tg.igammac(input0, input1)));
    }
  }

  // test_i0_special / _i0_range_helper
  for (const dtype of FLOATS) {
    print('i0 empty', tg.i0(tg.tensor([], { dtype })));
    print('i0 special', tg.i0(tg.tensor([inf, -inf, nan], { dtype })));
    for (const r of [13.25, 88.5, ...(dtype === tg.float64 ? [709.75] : [])]) {
      for (const sign of [1, -1]) {
        const t = detrand.rand(tg, [8]).to(dtype).mul(r * sign);
        print('i0 range', dt(dtype), pyFloat(r * sign), tg.i0(t));
      }
    }
  }

  // test_abs_big_number
  const bignumber = 2 ** 31 + 1;
  res = tg.tensor([bignumber], { dtype: tg.long });
  print('abs big', res.abs().index(0), res.neg().abs().index(0));

  // test_abs_signed_zero
  for (const dtype of FLOATS) {
    const size = 128 + 1;
    let inp = tg.zeros([size], { dtype });
    inp.indexPut_([tg.slice(null, null, 2)], -0.0);
    inp = inp.abs();
    print('abs signed zero', dt(dtype), inp.tolist().filter((v) => !Object.is(v, -0) && v >= 0).length);
    print('abs zeros', pyList(tg.tensor([0.0, -0.0], { dtype }).abs().tolist()));
  }

  // test_absolute
  let t = detrand.randn(tg, [10, 10]);
  print('absolute', pyBool(tg.equal(t.abs(), t.absolute())), pyBool(tg.equal(tg.abs(t), tg.absolute(t))));
  const t_copy = t.clone();
  t.absolute_();
  t_copy.abs_();
  print('absolute_', pyBool(tg.equal(t, t_copy)));

  // test_isfinite_isinf_isnan / _int
  for (const dtype of FLOATS) {
    t = tg.tensor([-inf, inf, nan, -1, 0, 1], { dtype });
    print('isfinite', dt(dtype), tg.isfinite(t), tg.isinf(t), tg.isnan(t));
  }
  for (const dtype of [tg.int8, tg.int16, tg.int32, tg.int64]) {
    t = tg.tensor([-1, 0, 1], { dtype });
    print('isfinite', dt(dtype), tg.isfinite(t), tg.isinf(t), tg.isnan(t));
  }

  // test_isposinf_isneginf_float / _int_and_bool
  for (const dtype of FLOATS) {
    t = tg.tensor([-inf, inf, nan, -1, 0, 1], { dtype });
    print('isposinf', dt(dtype), tg.isposinf(t), tg.isneginf(t));
  }
  for (const dtype of [...INTS, tg.bool]) {
    t = dtype !== tg.uint8 && dtype !== tg.bool ? tg.tensor([-1, 0, 1], { dtype }) : tg.tensor([1, 0, 1], { dtype });
    print('isposinf', dt(dtype), tg.isposinf(t), tg.isneginf(t));
  }

  // test_isfinite_type / test_isinf_type
  attempt('isfinite(1)', () => tg.isfinite(1));
  attempt('isinf(1)', () => tg.isinf(1));

  // test_bitwise_not
  res = tg.arange(127, { dtype: tg.int8 }).neg().add(0xffff);
  for (const dtype of [tg.bool, tg.uint8, tg.int8, tg.int16, tg.int32, tg.int64]) {
    let a, expected_res;
    if (dtype === tg.bool) {
      a = tg.tensor([true, false]);
      expected_res = tg.tensor([false, true]);
    } else {
      a = tg.arange(127, { dtype });
      expected_res = res.to(dtype);
    }
    print('bitwise_not', dt(dtype), pyBool(tg.equal(expected_res, a.bitwiseNot())), a.bitwiseNot().index([tg.slice(null, 3)]));
    a.bitwiseNot_();
    print('bitwise_not_', dt(dtype), pyBool(tg.equal(expected_res, a)));
  }
  for (const dtype of [tg.float, tg.double]) {
    const a = tg.zeros([10], { dtype });
    attempt(`bitwise_not ${dt(dtype)}`, () => a.bitwiseNot());
    attempt(`bitwise_not_ ${dt(dtype)}`, () => a.bitwiseNot_());
  }

  // test_nonzero_empty
  const shape = (x) => `[${x.shape.join(', ')}]`;
  let x = tg.zeros([0, 2, 0, 5, 0]);
  let y = tg.nonzero(x);
  let z = tg.nonzero(x, { asTuple: true });
  print('nonzero empty', y.numel(), shape(y), z.length, `[${z.map(shape).join(', ')}]`);
  x = tg.tensor(0.5);
  y = tg.nonzero(x);
  z = tg.nonzero(x, { asTuple: true });
  print('nonzero 0-d', y, z.length, z[0]);
  x = tg.zeros([]);
  y = tg.nonzero(x);
  z = tg.nonzero(x, { asTuple: true });
  print('nonzero 0-d zero', shape(y), z.length, z[0]);

  // test_exp
  for (const dtype of FLOATS) {
    for (const v of [2, -2]) {
      let a = tg.tensor(v, { dtype: tg.long }).mul(tg.arange(18, { dtype: tg.long })).div(3).mul(Math.PI);
      if (dtype === tg.float64) a = tg.tensor(v, { dtype }).mul(tg.arange(18, { dtype: tg.long })).div(3).mul(Math.PI);
      a = a.to(dtype);
      print('exp', dt(dtype), v, tg.exp(a));
    }
  }

  // test_sign
  const a_bool = tg.tensor([true, true, false, nan]).bool();
  print('sign bool', a_bool.sign(), tg.sign(a_bool));
  a_bool.sign_();
  print('sign_ bool', a_bool);
  for (const [dtype, lo, hi] of [[tg.float32, -3.4028234663852886e+38, 3.4028234663852886e+38],
    [tg.float64, -1.7976931348623157e+308, 1.7976931348623157e+308],
    [tg.uint8, 0, 255], [tg.int8, -128, 127], [tg.int16, -32768, 32767],
    [tg.int32, -(2 ** 31), 2 ** 31 - 1], [tg.int64, -(2n ** 63n), 2n ** 63n - 1n]]) {
    let a;
    if (isFloat(dtype)) a = tg.tensor([nan, -12, 0, 71, lo, hi], { dtype });
    else if (lo === 0) a = tg.tensor([12, 0, 71, lo, hi], { dtype });
    else a = tg.tensor([-12, 0, 71, lo, hi], { dtype });
    print('sign', dt(dtype), a.sign(), tg.sign(a));
    a.sign_();
    print('sign_', dt(dtype), a);
  }

  // test_signbit_float
  for (const dtype of FLOATS) {
    t = detrand.randn(tg, [5, 5]).to(dtype);
    print('signbit', dt(dtype), pyBool(tg.equal(tg.signbit(t), t.lt(0))));
    t = tg.tensor([0.0, -0.0, -1.0, 1.0, -inf, inf, nan, -nan], { dtype });
    print('signbit', dt(dtype), tg.signbit(t));
  }
}

runIfMain(import.meta, main);
