// Port of a slice of PyTorch's own test/test_binary_ufuncs.py (pytorch/pytorch, TestBinaryUfuncs as stored at commit
// 001758d0c4ad092f3e90ffa0f59486042d330298): broadcasting (and its errors) over 24 binary ufuncs, Python scalars
// against 0-d tensors, empty broadcasts, comparisons (bool results, the in-place dtype rule, scalar and 0-d
// overflow), bitwise ops, the division rounding modes (finite, non-finite, by zero), pow's values, dtypes, in-place
// and error rules, division and scalar arithmetic against Python's, maximum / minimum (type promotion, integers,
// nan / inf) and the result dtype of add over every pair of the ten real dtypes. Each assert prints the value it
// checks; test_binary_ufuncs.py is the twin (its header lists the stand-ins) and test_binary_ufuncs.expected.txt
// what it prints under PyTorch 1.13 (test/ports/test_binary_ufuncs.test.ts compares). Python's keyword arguments
// are an options object, `x[i] = v` is x.indexPut_(i, v); a Python float that holds an integer (2.0) is a plain
// JavaScript number, which tensorgrad reads as an int (docs/porting.md).
// Run: node examples/ports/test_binary_ufuncs.mjs
import * as detrand from './detrand.mjs';
import { makeAttempt, pyFloat, runIfMain } from './py.mjs';

export function main(tg, print) {
  const S = tg.slice();
  const step = (k) => tg.slice(null, null, k);
  const inf = Infinity, nan = NaN;
  detrand.seed(17);

  const DTYPES = ['bool', 'uint8', 'int8', 'int16', 'int32', 'int64', 'float16', 'bfloat16', 'float32', 'float64'];
  const isFloat = (d) => d.startsWith('float') || d === 'bfloat16';
  const dt = (d) => `torch.${d}`;
  const tup = (a) => (a.length === 1 ? `(${a[0]},)` : `(${a.join(', ')})`); // str(tuple)
  const list = (a) => `[${a.join(', ')}]`;
  const B = (b) => (b ? 'True' : 'False');
  const INT32_MIN = -2147483648, INT32_MAX = 2147483647;

  function make_tensor(shape, dtype = 'float32', low = -9, high = 9, noncontiguous = false) {
    if (noncontiguous && shape.length > 0) {
      const t = make_tensor([...shape.slice(0, -1), 2 * shape[shape.length - 1]], dtype, low, high);
      return t.index(['...', step(2)]);
    }
    const t = detrand.rand(tg, shape, { dtype: 'float64' }).mul(high - low).add(low);
    if (dtype === 'bool') return t.gt((low + high) / 2);
    return isFloat(dtype) ? t.to(dtype) : t.floor().to(dtype);
  }

  const attempt = makeAttempt(print);

  const BINARY = [
    ['add', tg.add], ['sub', tg.sub], ['mul', tg.mul], ['div', tg.div],
    ['true_divide', tg.trueDivide], ['floor_divide', tg.floorDivide], ['remainder', tg.remainder],
    ['fmod', tg.fmod], ['pow', tg.pow], ['atan2', tg.atan2], ['hypot', tg.hypot],
    ['maximum', tg.maximum], ['minimum', tg.minimum], ['fmax', tg.fmax], ['fmin', tg.fmin],
    ['eq', tg.eq], ['ne', tg.ne], ['lt', tg.lt], ['ge', tg.ge], ['logical_and', tg.logicalAnd],
    ['logical_xor', tg.logicalXor], ['copysign', tg.copysign], ['xlogy', tg.xlogy],
    ['logaddexp', tg.logaddexp],
  ];
  // the ops whose PyTorch 1.13 signatures take no Python scalar operand (their OpInfos skip the scalar test)
  const NO_SCALAR = new Set(['atan2', 'hypot', 'maximum', 'minimum', 'fmax', 'fmin', 'logical_and', 'logical_xor', 'logaddexp']);

  // test_broadcasting, test_broadcast_python_scalar, test_not_broadcastable
  for (const [name, op] of BINARY) {
    const shapes = [];
    for (const [shape_lhs, shape_rhs] of [[[1], []], [[2], []], [[1], [2]], [[2], [2]], [[2, 1], [2]], [[1, 2], [2]],
      [[3, 2], [2]], [[3, 2], [3, 2]], [[1, 3, 2], [2]], [[1, 3, 2], [3, 2]],
      [[3, 1, 2], [3, 2]], [[1, 3, 2], [1, 3, 2]], [[2, 3, 2], []], [[2, 3, 2], [2, 3, 2]],
      [[3, 1, 2], [1, 3, 2]]]) {
      const lhs = make_tensor(shape_lhs, 'float32', 1, 3);
      const rhs = make_tensor(shape_rhs, 'float32', 1, 3);
      shapes.push(list(op(lhs, rhs).shape) === list(tg.broadcastShapes(shape_lhs, shape_rhs)));
    }
    print('broadcasting', name, B(shapes.every(Boolean)));
    const same = [];
    for (const shape_lhs of NO_SCALAR.has(name) ? [] : [[], [1], [2], [1, 2, 3]]) {
      const lhs = make_tensor(shape_lhs, 'float32', 1, 3);
      const rhs_tensor = make_tensor([], 'float32', 1, 3);
      const r1 = op(lhs, rhs_tensor.item()), r2 = op(lhs, rhs_tensor);
      same.push(`(${list(r1.shape)}, ${B(tg.allclose(r1.double(), r2.double(), { equalNan: true }))})`);
    }
    if (same.length) print('python scalar', name, list(same));
    for (const [shape_lhs, shape_rhs] of [[[2], [3]], [[3, 1], [2, 1]], [[1, 3, 2], [3]], [[3, 1, 2], [2, 1, 2]]]) {
      attempt(`not broadcastable ${name} ${tup(shape_lhs)} ${tup(shape_rhs)}`,
        () => list(op(make_tensor(shape_lhs), make_tensor(shape_rhs)).shape));
    }
  }

  // test_add_broadcast_empty
  const Z = (...s) => tg.zeros(s);
  attempt('empty + empty', () => list(Z(5, 0).add(Z(0, 5)).shape));
  print('empty broadcast', list(Z(0).add(Z(5, 0)).shape), list(Z(0).add(Z(5, 0, 1)).shape),
    list(tg.zeros([]).add(Z(5, 0, 6)).shape), list(Z(0).add(Z(1)).shape),
    list(Z(0, 7, 0, 6, 5, 0, 1).add(Z(1, 1, 5, 1, 7)).shape));
  attempt('empty + (2, 1)', () => list(Z(7, 0).add(Z(2, 1)).shape));

  // test_addcmul_scalars_as_floats
  let y = tg.tensor(3.0);
  print('addcmul 0-d value', y.addcmul(y, y, { value: 2 }));

  // test_comparison_ops
  let x = detrand.randn(tg, [5, 5]);
  y = detrand.randn(tg, [5, 5]);
  x.indexPut_([1, 2], y.index([1, 2]));
  print(['comparison', x.eq(y), x.lt(y), x.ge(y), x.ne(y)].join('\n'));

  // test_comparison_ops_must_take_bool_output
  for (const [name, op] of [['lt', tg.lt], ['le', tg.le], ['gt', tg.gt], ['ge', tg.ge], ['eq', tg.eq], ['ne', tg.ne],
    ['logical_and', tg.logicalAnd], ['logical_or', tg.logicalOr], ['logical_xor', tg.logicalXor]]) {
    print('bool output', name, op(tg.tensor([true]), tg.tensor([false])));
  }

  // test_inplace_comparison_ops_require_inputs_have_same_dtype
  for (const [pyName, jsName] of [['lt_', 'lt_'], ['le_', 'le_'], ['gt_', 'gt_'], ['ge_', 'ge_'], ['eq_', 'eq_'], ['ne_', 'ne_'],
    ['logical_xor_', 'logicalXor_'], ['logical_and_', 'logicalAnd_'], ['logical_or_', 'logicalOr_']]) {
    x = tg.tensor([1], { dtype: 'int32' });
    y = tg.tensor([2], { dtype: 'int64' });
    attempt(`in-place ${pyName} int32 int64`, () => x[jsName](y));
  }

  // test_comparison_ops_check_for_scalar_overflow, test_comparison_ops_check_for_zerodim_tensor_overflow
  const s = 1 << 20;
  let t = tg.tensor([1 << 5], { dtype: 'uint8' });
  for (const [name, op] of [['lt', tg.lt], ['le', tg.le], ['gt', tg.gt], ['ge', tg.ge], ['eq', tg.eq], ['ne', tg.ne]]) {
    attempt(`scalar overflow ${name}`, () => op(t, s));
    attempt(`zero-dim overflow ${name}`, () => op(t, tg.tensor(1 << 20, { dtype: 'int32' })));
    attempt(`zero-dim overflow int64 ${name}`, () => op(tg.tensor(2 ** 40, { dtype: 'int64' }), tg.tensor([1 << 30], { dtype: 'int32' })));
  }

  // test_bitwise_ops
  for (const dtype of ['bool', 'uint8', 'int8', 'int16', 'int32', 'int64']) {
    for (const [name, op] of [['and', tg.bitwiseAnd], ['or', tg.bitwiseOr], ['xor', tg.bitwiseXor]]) {
      let a = make_tensor([5], dtype, -50, dtype !== 'uint8' ? 50 : 50);
      a = dtype !== 'uint8' ? a : make_tensor([5], dtype, 0, 200);
      const b = dtype !== 'uint8' ? make_tensor([5], dtype, -50, 50) : make_tensor([5], dtype, 0, 200);
      const b_scalar = dtype === 'bool' ? true : 37;
      print('bitwise', dt(dtype), name, op(a, b), op(a, b_scalar), op(b_scalar, a));
      const a2 = a.clone();
      a2[`bitwise${name[0].toUpperCase()}${name.slice(1)}_`](b);
      print('bitwise in-place', dt(dtype), name, a2);
    }
  }

  // test_inplace_division
  t = detrand.rand(tg, [5, 5]);
  const t2 = t.div_(2);
  print('in-place division', B(t2 === t));

  // test_div_rounding_modes
  for (const dtype of ['uint8', 'int8', 'int16', 'int32', 'int64', 'float32', 'float64']) {
    let low, high;
    if (isFloat(dtype)) [low, high] = [-10.0, 10.0];
    else {
      const info = { uint8: [0, 255], int8: [-128, 127], int16: [-32768, 32767], int32: [INT32_MIN, INT32_MAX], int64: [-(2 ** 63), 2 ** 63] }[dtype];
      [low, high] = [Math.max(info[0], -1000), Math.min(info[1], 1000)];
    }
    let a = make_tensor([12], dtype, low, high);
    const b = make_tensor([12], dtype, low, high);
    if (isFloat(dtype)) {
      const eps = 0.1;
      b.indexPut_([b.gt(-eps).logicalAnd(b.lt(eps))], eps);
    } else b.indexPut_([b.eq(0)], 1);
    if (!isFloat(dtype)) a = tg.where(a.lt(0), a.add(b), a);
    const d_true = tg.divide(a, b, { roundingMode: null });
    print('div true', dt(dtype), d_true);
    const d_floor = tg.divide(a, b, { roundingMode: 'floor' });
    print('div floor', dt(dtype), d_floor, B(tg.allclose(d_floor.mul(b).add(tg.remainder(a, b)).double(), a.double())));
    const d_trunc = tg.divide(a, b, { roundingMode: 'trunc' });
    print('div trunc', dt(dtype), d_trunc, B(tg.equal(d_trunc, d_true.trunc().to(dtype))));
  }

  // test_div_rounding_nonfinite
  for (const dtype of ['float32', 'float64']) {
    const num = tg.tensor([1.0, -1.0, 0, 0.1, -0.1, Math.PI, -Math.PI, inf, -inf, nan], { dtype });
    const denom = num.index([num.ne(0)]);
    const a = num.index([null, S]).clone(), b = denom.index([S, null]).clone();
    for (const mode of [null, 'trunc', 'floor']) {
      const r = tg.divide(a, b, { roundingMode: mode });
      const a_noncontig = tg.empty(a.shape.map((i) => 2 * i), { dtype }).index([step(2), step(2)]);
      a_noncontig.indexPut_([S], a);
      const b_noncontig = tg.empty(b.shape.map((i) => 2 * i), { dtype }).index([step(2), step(2)]);
      b_noncontig.indexPut_([S], b);
      print('div nonfinite', dt(dtype), mode ?? 'None', r.sum(), r.isnan().sum(), r.isinf().sum(), r.index([tg.slice(2, 5)]),
        B(tg.allclose(r, tg.divide(a_noncontig, b_noncontig, { roundingMode: mode }), { equalNan: true })));
    }
  }

  // test_divide_by_zero_rounding
  for (const dtype of ['float32', 'float64']) {
    const a = tg.tensor([1.0, -1.0, 0, 0.1, -0.1, Math.PI, -Math.PI, inf, -inf, nan], { dtype });
    const zero = tg.zerosLike(a);
    for (const rounding_mode of [null, 'floor', 'trunc']) {
      print('divide by zero', dt(dtype), rounding_mode ?? 'None', tg.divide(a, 0, { roundingMode: rounding_mode }),
        tg.divide(a, zero, { roundingMode: rounding_mode }));
    }
  }

  // _test_pow: the value (or the error), pow_'s rule, and the dtype
  function _test_pow(label, base, exponent) {
    let actual;
    try {
      actual = tg.pow(base, exponent);
    } catch {
      print('pow', label, 'raises');
      return;
    }
    let ip;
    if (base instanceof tg.Tensor) {
      const inplace = base.clone();
      if (tg.canCast(tg.resultType(base, exponent), base.dtype)) {
        inplace.pow_(exponent);
        const same = tg.equal(inplace, actual.to(inplace.dtype)) || tg.allclose(inplace.double(), actual.double(), { equalNan: true });
        ip = same ? 'pow_ same' : 'pow_ differs';
      } else {
        try {
          inplace.pow_(exponent);
          ip = 'pow_ no error';
        } catch {
          ip = 'pow_ raises';
        }
      }
    } else ip = '-';
    print('pow', label, dt(actual.dtype), ip, actual.numel() <= 16 ? actual : actual.double().sum());
  }

  // test_int_and_float_pow (small shapes)
  for (const [d, low, high] of [['int8', -2, 2], ['uint8', 0, 3], ['int16', -5, 5], ['int64', -10, 10],
    ['int32', -10, 10], ['float32', 0, 10], ['float64', 0, 10],
    ['float32', -10, 10], ['float64', -10, 10]]) {
    for (const [base_shape, exp_scalar, exp_shape] of [[[4, 4], 0, [4, 1]], [[3, 1], 4, [3, 1]], [[2], 4, [1]], [[1], 2, []],
      [[5, 5, 5], 5, [5]], [[], 2, []]]) {
      for (const noncontiguous of [false, true]) {
        const base_tensor = make_tensor(base_shape, d, low, high, noncontiguous);
        const exp_tensor = make_tensor(exp_shape, d, !isFloat(d) ? 0 : low, high, noncontiguous);
        _test_pow(`${dt(d)} ${tup(base_shape)} ** ${exp_scalar}`, base_tensor, exp_scalar);
        _test_pow(`${dt(d)} ${tup(base_shape)} ** ${dt(d)} ${tup(exp_shape)}`, base_tensor, exp_tensor);
      }
    }
  }

  // test_pow_inplace_resizing_exception
  for (const [base_size, exp_size] of [[[], [3]], [[2], [2, 1]], [[2, 1], [2, 2]], [[2, 2], [2, 1, 1]]]) {
    const base = make_tensor(base_size, 'float64', 0, 10);
    const exponent = make_tensor(exp_size, 'float64', 0, 10);
    attempt(`pow_ resize ${tup(base_size)} ${tup(exp_size)}`, () => base.pow_(exponent));
  }

  // test_int_tensor_pow_neg_ints
  const ints = [INT32_MIN, -3, -2, -1, 0, 1, 2, 3, INT32_MAX];
  let tensor = tg.tensor(ints, { dtype: 'int32' });
  for (const p of [INT32_MIN, -3, -2, -1]) _test_pow(`int32 ** ${p}`, tensor, p);
  print('int ** -1 of ±1', tg.tensor([1, -1], { dtype: 'int64' }).pow(1), tg.tensor([2], { dtype: 'int64' }).pow(0));

  // test_long_tensor_pow_floats
  tensor = tg.tensor([0, 1, 23, 4567], { dtype: 'int64' });
  for (const p of [0.0, 1 / 3, 1 / 2, 1.0, 3 / 2, 2.0]) _test_pow(`int64 ** ${pyFloat(p)}`, tensor, p);

  // test_float_scalar_pow_float_tensor
  for (const dtype of ['float32', 'float64']) {
    const floats = [2.0, -3 / 2, -1.0, -1 / 2, -1 / 3, 0.0, 1 / 3, 1 / 2, 1.0, 3 / 2, 2.0];
    const tensors = [[1], [2, 2], [2, 1], [2, 2, 2]].map((shape) => make_tensor(shape, dtype, 0));
    const floats_tensor = tg.tensor(floats, { dtype });
    for (const base of floats) {
      _test_pow(`${pyFloat(base)} ** ${dt(dtype)} floats`, base, floats_tensor);
      for (const tensor of tensors) _test_pow(`${pyFloat(base)} ** ${dt(dtype)} ${tup(tensor.shape)}`, base, tensor);
    }
  }

  // test_pow_scalar_type_promotion (the dtype, without out=)
  for (const inp of [17, [17]]) {
    print('pow promotion', tg.pow(2, tg.tensor(inp, { dtype: 'uint8' })), tg.pow(2, tg.tensor(inp, { dtype: 'int64' })));
  }

  // test_tensor_pow_tensor
  const rotate = (l, n) => (n === 0 ? l.slice() : [...l.slice(-n), ...l.slice(0, -n)]);
  const F = [-3.0, -2.0, -1.0, -1 / 2, -1 / 3, 0.0, 1 / 3, 1 / 2, 1.0, 2.0, 3.0];
  for (const [values, torch_type] of [[[0, 1, 2, 3], 'uint8'], [[0, 1, 2, 3], 'int8'], [[0, 1, 2, 3], 'int16'],
    [[0, 1, 2, 3], 'int32'], [[0, 1, 2, 3], 'int64'], [F, 'float32'], [F, 'float64']]) {
    const vals_tensor = tg.tensor(values, { dtype: torch_type });
    for (let i = 0; i < values.length; i++) {
      _test_pow(`${dt(torch_type)} rotate ${i}`, vals_tensor, tg.tensor(rotate(values, i), { dtype: torch_type }));
    }
  }

  // Python's values for the two loops below: x * .5 is a float, math.floor(x) an int (tensor() of it is int64).
  const pyTensor = (v, isF) => tg.tensor(v, { dtype: isF ? 'float32' : 'int64' });
  const pyFloorDiv = (a, b) => Math.floor(a / b);
  const pyTuple = (r) => `(${r.map((e) => (typeof e === 'boolean' ? B(e) : `'${e}'`)).join(', ')})`;

  // test_div_and_floordiv_vs_python, test_idiv_and_ifloordiv_vs_python
  const rows = [];
  for (let a0 = -10; a0 < 10; a0++) {
    for (let b0 = -10; b0 < 10; b0++) {
      let a = a0, b = b0;
      for (const [op, isF] of [[(v) => v * 0.5, true], [(v) => Math.floor(v), false]]) {
        a = op(a);
        b = op(b);
        if (b === 0) continue;
        const a_t = pyTensor(a, isF), b_t = pyTensor(b, isF);
        const r = [tg.trueDivide(a_t, b_t).item() === a / b, tg.trueDivide(a_t, b).item() === a / b, tg.trueDivide(a, b_t).item() === a / b];
        r.push(tg.floorDivide(a_t, b_t).item() === pyFloorDiv(a, b));
        r.push(tg.div(a_t, b_t, { roundingMode: 'trunc' }).item() === Math.trunc(a / b));
        if (a_t.isFloatingPoint()) {
          const tmp = a_t.clone();
          tmp.div_(b_t);
          r.push(tmp.item() === a / b);
        } else {
          const tmp = a_t.clone();
          try {
            tmp.div_(b_t);
            r.push('no error');
          } catch {
            r.push('raises');
          }
        }
        if (!a_t.isFloatingPoint() && b_t.isFloatingPoint()) {
          try {
            a_t.clone().floorDivide_(b_t);
            r.push('no error');
          } catch {
            r.push('raises');
          }
        } else r.push(a_t.clone().floorDivide_(b_t).item() === pyFloorDiv(a, b));
        rows.push(pyTuple(r));
      }
    }
  }
  print('div vs python', rows.length, list([...new Set(rows)].sort()));

  // test_binary_ops_with_scalars
  const isclose = (p, q) => p === q || Math.abs(p - q) <= 1e-6 * Math.max(Math.abs(p), Math.abs(q));
  const checks = new Set();
  let nChecks = 0;
  for (const [name, python_op, torch_op] of [['add', (a, b) => a + b, tg.add], ['sub', (a, b) => a - b, tg.sub],
    ['mul', (a, b) => a * b, tg.mul], ['div', (a, b) => a / b, tg.div]]) {
    for (let a0 = -10; a0 < 10; a0++) {
      for (let b0 = -10; b0 < 10; b0++) {
        let a = a0, b = b0;
        for (const [op, isF] of [[(v) => v * 0.5, true], [(v) => Math.floor(v), false]]) {
          a = op(a);
          b = op(b);
          if (b === 0 || a === 0) continue;
          const a_tensor = pyTensor(a, isF), b_tensor = pyTensor(b, isF);
          for (const first of [a, b, a_tensor, b_tensor]) {
            for (const second of [a, b, a_tensor, b_tensor]) {
              if (!(first instanceof tg.Tensor) && !(second instanceof tg.Tensor)) continue;
              const fs = first instanceof tg.Tensor ? first.item() : first;
              const ss = second instanceof tg.Tensor ? second.item() : second;
              const expected = python_op(fs, ss);
              nChecks++;
              checks.add(`('${name}', ${B(isclose(torch_op(first, second).item(), expected))})`);
            }
          }
        }
      }
    }
  }
  print('ops with scalars', nChecks, list([...checks].sort()));

  // test_maximum_minimum_type_promotion
  for (const d0 of DTYPES) {
    const row = [];
    for (const d1 of DTYPES) {
      const a = tg.tensor([0, 1], { dtype: d0 });
      const b = tg.tensor([1, 0], { dtype: d1 });
      row.push(B([tg.maximum, tg.max, tg.fmax, tg.minimum, tg.min, tg.fmin].every((op) => op(a, b).dtype === tg.resultType(a, b))));
    }
    print('max/min promotion', dt(d0), list(row));
  }

  // test_maximum_minimum_int_and_bool
  for (const dtype of ['uint8', 'int8', 'int16', 'int32', 'int64', 'bool']) {
    const lo = dtype !== 'uint8' && dtype !== 'bool' ? -100 : 0;
    const a = make_tensor([10], dtype, lo, 100);
    const b = make_tensor([10], dtype, lo, 100);
    for (const [name, torch_op, alias] of [['maximum', tg.maximum, tg.max], ['minimum', tg.minimum, tg.min], ['fmax', tg.fmax, null], ['fmin', tg.fmin, null]]) {
      const r = torch_op(a, b);
      print('max/min int', dt(dtype), name, r, B(alias === null || tg.equal(alias(a, b), r)));
    }
  }

  // test_maximum_minimum_float, test_maximum_minimum_float_nan_and_inf
  for (const dtype of ['float16', 'bfloat16', 'float32', 'float64']) {
    const a = detrand.randn(tg, [6]).to(dtype);
    const b = detrand.randn(tg, [6]).to(dtype);
    const a_nan = tg.tensor([inf, -inf, nan, inf, nan, nan, 1, nan], { dtype });
    const b_nan = tg.tensor([-inf, inf, inf, nan, nan, 0, nan, -5], { dtype });
    for (const [name, torch_op] of [['maximum', tg.maximum], ['minimum', tg.minimum], ['fmax', tg.fmax], ['fmin', tg.fmin]]) {
      print('max/min float', dt(dtype), name, torch_op(a, b), torch_op(a_nan, b_nan));
    }
  }

  // Type promotion: the result dtype of add over every pair (tensor, 0-d tensor, Python scalars)
  const q = (d) => `'${d}'`;
  for (const d0 of DTYPES) {
    const t0 = tg.ones([2], { dtype: d0 });
    print('promotion', dt(d0), list(DTYPES.map((d1) => q(tg.add(t0, tg.ones([2], { dtype: d1 })).dtype))));
    print('promotion 0-d', dt(d0), list(DTYPES.map((d1) => q(tg.add(t0, tg.ones([], { dtype: d1 })).dtype))));
    print('promotion scalar', dt(d0), list([true, 2, 2.5].map((v) => q(t0.add(v).dtype))),
      list([true, 2, 2.5].map((v) => q(tg.mul(v, t0).dtype))));
    print('true divide', dt(d0), tg.trueDivide(t0, t0).dtype, t0.div(2).dtype);
  }
}

await runIfMain(import.meta, main);
