// Port of a slice of PyTorch's own test/test_nn.py: its criterion tests, the criterion_tests table of
// torch/testing/_internal/common_nn.py (PyTorch 1.13) that test_nn.py turns into test_<Loss>_<desc> cases, run
// as CriterionTest.__call__ runs them (build the module, draw input and target, call it), each printing the loss
// (value and grad_fn) and the gradient of every input that requires grad: L1, MSE, NLL (weights, ignore_index,
// 2-d and higher-dim), CrossEntropy (weights, ignore_index, probability targets, label smoothing), KLDiv, BCE,
// BCEWithLogits, HingeEmbedding, MultiLabelMargin, MultiLabelSoftMargin, MultiMargin (p, margin, weights),
// SmoothL1, Huber, SoftMargin, CosineEmbedding, MarginRanking, PoissonNLL, CTC, TripletMargin, and the
// no_batch_dim tests with every reduction. As test_nn.py, it runs with the default dtype float64.
// test_nn_criterion.py is the twin (its header lists the stand-ins) and test_nn_criterion.expected.txt what it
// prints under PyTorch 1.13 (test/ports/test_nn_criterion.test.ts compares). A Python keyword argument is an
// options object after the positional ones.
// Run: node examples/ports/test_nn_criterion.mjs
import * as detrand from './detrand.mjs';
import { pyG, runIfMain } from './py.mjs';

export function main(tg, print) {
  const nn = tg.nn, F = tg.nn.functional;
  const saved = tg.getDefaultDtype();
  tg.setDefaultDtype(tg.float64);
  try {
    body(tg, nn, F, print);
  } finally {
    tg.setDefaultDtype(saved);
  }
}

function body(tg, nn, F, print) {
  detrand.seed(17);

  const rand = (...shape) => detrand.rand(tg, shape, { dtype: tg.getDefaultDtype() });
  const randn = (...shape) => detrand.randn(tg, shape, { dtype: tg.getDefaultDtype() });
  const randint = (low, high, shape, dtype = tg.long) => detrand.randint(tg, low, high, shape).to(dtype);
  const long = (data) => tg.tensor(data, { dtype: tg.long });
  const g = (x) => pyG(x, 8);

  function checksum(t) {
    // The absolute values summed, and the values summed against 1, 2, 3, ... (so a sign, a permuted or a
    // misplaced element shows); a plain sum of a cross entropy's gradient is rounding noise around 0.
    t = t.detach().double().flatten();
    const w = tg.arange(1, t.numel() + 1, { dtype: tg.double });
    return `abs ${g(t.abs().sum().item())} weighted ${g(t.mul(w).sum().item())}`;
  }

  function show(label, out) {
    if (out.dim() === 0) print(label, out);
    else print(label, `[${out.shape.join(', ')}]`, out.gradFn ? out.gradFn.name : 'None', checksum(out));
  }

  function run(name, constructor, constructor_args, input_fn, target_fn, extra_args = [], check_forward_only = false, reduction = null) {
    const kwargs = reduction === null ? [] : [{ reduction }];
    let module;
    try {
      module = constructor(...constructor_args, ...kwargs);
    } catch {
      print(name, 'constructor raises');
      return;
    }
    const input = input_fn();
    const target = target_fn();
    const inputs = Array.isArray(input) ? input : [input];
    for (const i of inputs) i.requiresGrad_(true);
    let out;
    try {
      out = module(...inputs, target, ...extra_args);
    } catch {
      print(name, 'raises');
      return;
    }
    show(name, out);
    if (check_forward_only) return;
    out.sum().backward();
    inputs.forEach((i, k) => print(name, `grad input${k}`, checksum(i.grad)));
    if (target.requiresGrad) print(name, 'grad target', checksum(target.grad));
  }

  const make = (Cls, ...fixed) => (...args) => new Cls(...fixed, ...args);

  const criterion_tests = [
    { module_name: 'L1Loss', input_fn: () => randn(2, 3, 4), target_fn: () => randn(2, 3, 4).requiresGrad_() },
    { module_name: 'NLLLoss', input_fn: () => rand(15, 10).log(),
      target_fn: () => rand(15).mul(10).floor().long(), check_sum_reduction: true },
    { module_name: 'NLLLoss', constructor_args: () => [null, null, 2], input_fn: () => rand(15, 10).log(),
      target_fn: () => rand(15).mul(10).floor().long(), desc: 'ignore_index' },
    { module_name: 'NLLLoss', constructor_args: () => [rand(10)], input_fn: () => rand(15, 10).add(1e-2).log(),
      target_fn: () => rand(15).mul(10).floor().long(), desc: 'weights' },
    { module_name: 'NLLLoss', constructor_args: () => [rand(10), null, 2],
      input_fn: () => rand(15, 10).add(1e-2).log(), target_fn: () => rand(15).mul(10).floor().long(),
      desc: 'weights_ignore_index' },
    { module_name: 'NLLLoss', constructor_args: () => [rand(10), null, -1],
      input_fn: () => rand(15, 10).add(1e-2).log(), target_fn: () => rand(15).mul(10 + 1).floor().long().sub(1),
      desc: 'weights_ignore_index_neg' },
    { module_name: 'KLDivLoss', input_fn: () => rand(10, 10).log(), target_fn: () => rand(10, 10),
      check_sum_reduction: true },
    { module_name: 'KLDivLoss', constructor: (kw = {}) => new nn.KLDivLoss({ logTarget: true, ...kw }),
      input_fn: () => rand(10, 10).log(), target_fn: () => rand(10, 10).log(), check_sum_reduction: true,
      desc: 'log_target' },
    { module_name: 'MSELoss', input_fn: () => randn(2, 3, 4, 5),
      target_fn: () => randn(2, 3, 4, 5).requiresGrad_(), check_sum_reduction: true },
    { module_name: 'BCELoss', input_fn: () => rand(15, 10).clamp_(1e-2, 1 - 1e-2),
      target_fn: () => randn(15, 10).gt(0).double() },
    { module_name: 'BCELoss', constructor_args: () => [rand(10)],
      input_fn: () => rand(15, 10).clamp_(1e-2, 1 - 1e-2), target_fn: () => randn(15, 10).gt(0).double(),
      desc: 'weights' },
    { module_name: 'CrossEntropyLoss', input_fn: () => randn(15, 10),
      target_fn: () => rand(15).mul(10).floor().long() },
    { module_name: 'CrossEntropyLoss', constructor_args: () => [rand(10)], input_fn: () => randn(15, 10),
      target_fn: () => rand(15).mul(10).floor().long(), desc: 'weights' },
    { module_name: 'HingeEmbeddingLoss', input_fn: () => randn(10),
      target_fn: () => randn(10).gt(0).double().mul_(2).sub(1), check_sum_reduction: true },
    { module_name: 'HingeEmbeddingLoss', constructor_args: () => [0.5], input_fn: () => randn(10),
      target_fn: () => randn(10).gt(0).double().mul_(2).sub(1), desc: 'margin', check_sum_reduction: true },
    { module_name: 'MultiLabelMarginLoss', input_fn: () => randn(10),
      target_fn: () => rand(10).mul(10).floor().long(), desc: '1d', check_sum_reduction: true },
    { module_name: 'MultiLabelMarginLoss', input_fn: () => randn(5, 10),
      target_fn: () => rand(5, 10).mul(10).floor().long(), check_sum_reduction: true },
    { module_name: 'MultiLabelSoftMarginLoss', input_fn: () => randn(5, 10),
      target_fn: () => rand(5, 10).mul(2).floor() },
    { module_name: 'MultiMarginLoss', input_fn: () => randn(5, 10),
      target_fn: () => rand(5).mul(8).floor().long(), check_sum_reduction: true },
    { module_name: 'MultiMarginLoss', input_fn: () => randn(10),
      target_fn: () => rand(1).mul(8).floor().long(), desc: '1d', check_sum_reduction: true },
    { module_name: 'MultiMarginLoss', constructor_args: () => [2],
      input_fn: () => rand(5, 10).clamp_(1e-2, 1 - 1e-2), target_fn: () => rand(5).mul(8).floor().long(),
      desc: 'p', check_sum_reduction: true },
    { module_name: 'MultiMarginLoss', constructor_args: () => [1, 0.5], input_fn: () => randn(5, 10),
      target_fn: () => rand(5).mul(8).floor().long(), desc: 'margin', check_sum_reduction: true },
    { module_name: 'MultiMarginLoss', constructor_args: () => [1, 1., rand(10).double()],
      input_fn: () => randn(5, 10), target_fn: () => rand(5).mul(8).floor().long(), desc: 'weights',
      check_sum_reduction: true },
    { module_name: 'SmoothL1Loss', input_fn: () => randn(5, 10),
      target_fn: () => randn(5, 10).requiresGrad_(), check_sum_reduction: true },
    { module_name: 'HuberLoss', input_fn: () => randn(5, 10), target_fn: () => randn(5, 10).requiresGrad_(),
      check_sum_reduction: true },
    { module_name: 'SoftMarginLoss', input_fn: () => randn(5, 5), target_fn: () => randn(5, 5).sign(),
      check_sum_reduction: true },
    { module_name: 'CosineEmbeddingLoss', input_fn: () => [rand(15, 10), rand(15, 10)],
      target_fn: () => randn(15).sign(), check_sum_reduction: true },
    { module_name: 'CosineEmbeddingLoss', constructor_args: () => [0.7],
      input_fn: () => [rand(15, 10), rand(15, 10)], target_fn: () => randn(15).sign(), desc: 'margin',
      check_sum_reduction: true },
    { module_name: 'MarginRankingLoss', input_fn: () => [randn(50).mul(10), randn(50).mul(10)],
      target_fn: () => randn(50).sign(), check_sum_reduction: true },
    { module_name: 'MarginRankingLoss', constructor_args: () => [0.5],
      input_fn: () => [randn(50).mul(10), randn(50).mul(10)], target_fn: () => randn(50).sign(),
      desc: 'margin', check_sum_reduction: true },
    { module_name: 'BCEWithLogitsLoss', input_fn: () => rand(15, 10).clamp_(1e-2, 1 - 1e-2),
      target_fn: () => randn(15, 10).gt(0).double() },
    { module_name: 'BCEWithLogitsLoss', constructor_args: () => [rand(10)],
      input_fn: () => rand(15, 10).clamp_(1e-2, 1 - 1e-2), target_fn: () => randn(15, 10).gt(0).double(),
      desc: 'weights' },
    { module_name: 'BCEWithLogitsLoss', constructor_args: () => [rand()],
      input_fn: () => rand().clamp_(1e-2, 1 - 1e-2), target_fn: () => randn().gt(0).double(),
      desc: 'scalar_weights' },
    { module_name: 'NLLLoss', input_fn: () => randn(2, 3, 5, 5),
      target_fn: () => rand(2, 5, 5).mul(3).floor().long(), check_sum_reduction: true, desc: '2d' },
    { module_name: 'NLLLoss', constructor_args: () => [rand(3)], input_fn: () => randn(2, 3, 5, 5),
      target_fn: () => rand(2, 5, 5).mul(3).floor().long(), desc: '2d_weights' },
    { module_name: 'NLLLoss', constructor_args: () => [null, null, 1], input_fn: () => randn(2, 3, 5, 5),
      target_fn: () => rand(2, 5, 5).mul(3).floor().long(), desc: '2d_ignore_index' },
    { module_name: 'NLLLoss', input_fn: () => randn(2, 3, 5, 5, 2, 2),
      target_fn: () => rand(2, 5, 5, 2, 2).mul(3).floor().long(), check_sum_reduction: true, desc: 'higher_dim' },
    { module_name: 'NLLLoss', input_fn: () => randn(2, 3, 5), target_fn: () => rand(2, 5).mul(3).floor().long(),
      check_sum_reduction: true, desc: 'dim_is_3' },
    { module_name: 'CrossEntropyLoss', input_fn: () => randn(2, 3, 5, 5),
      target_fn: () => rand(2, 5, 5).mul(3).floor().long(), check_sum_reduction: true, desc: '2d' },
    { module_name: 'CrossEntropyLoss', constructor_args: () => [rand(3)], input_fn: () => randn(2, 3, 5, 5),
      target_fn: () => rand(2, 5, 5).mul(3).floor().long(), desc: '2d_weights' },
    { module_name: 'CrossEntropyLoss', constructor_args: () => [null, null, 1],
      input_fn: () => randn(2, 3, 5, 5), target_fn: () => rand(2, 5, 5).mul(3).floor().long(),
      desc: '2d_ignore_index' },
    { module_name: 'CrossEntropyLoss', input_fn: () => randn(2, 3, 5, 5, 2, 2),
      target_fn: () => rand(2, 5, 5, 2, 2).mul(3).floor().long(), check_sum_reduction: true, desc: 'higher_dim' },
    { module_name: 'CrossEntropyLoss', input_fn: () => randn(2, 3, 5),
      target_fn: () => rand(2, 5).mul(3).floor().long(), check_sum_reduction: true, desc: 'dim_is_3' },
    { module_name: 'CrossEntropyLoss', input_fn: () => randn(5, 3), target_fn: () => rand(5, 3).softmax({ dim: 1 }),
      check_sum_reduction: true, desc: '2d_prob_target' },
    { module_name: 'CrossEntropyLoss', input_fn: () => randn(5, 3, 4),
      target_fn: () => rand(5, 3, 4).softmax({ dim: 1 }), check_sum_reduction: true, desc: '3d_prob_target' },
    { module_name: 'CrossEntropyLoss', input_fn: () => randn(5, 3, 4, 2),
      target_fn: () => rand(5, 3, 4, 2).softmax({ dim: 1 }), check_sum_reduction: true, desc: '4d_prob_target' },
    { fullname: 'CrossEntropyLoss_2d_prob_target_smoothing_sum_reduction',
      constructor: () => new nn.CrossEntropyLoss({ reduction: 'sum', labelSmoothing: 0.15 }),
      input_fn: () => randn(5, 3), target_fn: () => rand(5, 3).softmax({ dim: 1 }) },
    { fullname: 'CrossEntropyLoss_2d_prob_target_smoothing',
      constructor: () => new nn.CrossEntropyLoss({ labelSmoothing: 0.15 }),
      input_fn: () => randn(5, 3), target_fn: () => rand(5, 3).softmax({ dim: 1 }) },
    { fullname: 'CrossEntropyLoss_2d_prob_target_smoothing_weight', constructor_args: () => [rand(3).abs()],
      constructor: (weight) => new nn.CrossEntropyLoss(weight, { labelSmoothing: 0.15 }),
      input_fn: () => randn(5, 3), target_fn: () => rand(5, 3).softmax({ dim: 1 }) },
    { fullname: 'CrossEntropyLoss_3d_prob_target_smoothing_sum_reduction',
      constructor: () => new nn.CrossEntropyLoss({ reduction: 'sum', labelSmoothing: 0.15 }),
      input_fn: () => randn(5, 3, 4), target_fn: () => rand(5, 3, 4).softmax({ dim: 1 }) },
    { fullname: 'CrossEntropyLoss_3d_prob_target_smoothing',
      constructor: () => new nn.CrossEntropyLoss({ labelSmoothing: 0.15 }),
      input_fn: () => randn(5, 3, 4), target_fn: () => rand(5, 3, 4).softmax({ dim: 1 }) },
    { fullname: 'CrossEntropyLoss_3d_indices_target_smoothing',
      constructor: () => new nn.CrossEntropyLoss({ labelSmoothing: 0.15 }),
      input_fn: () => randn(2, 3, 5), target_fn: () => rand(2, 5).mul(3).floor().long() },
    { fullname: 'CrossEntropyLoss_3d_indices_target_smoothing_ignore_index',
      constructor: () => new nn.CrossEntropyLoss({ labelSmoothing: 0.15, ignoreIndex: 1 }),
      input_fn: () => randn(2, 3, 5), target_fn: () => rand(2, 5).mul(3).floor().long() },
    { fullname: 'CrossEntropyLoss_3d_indices_target_smoothing_sum_reduction',
      constructor: () => new nn.CrossEntropyLoss({ reduction: 'sum', labelSmoothing: 0.15 }),
      input_fn: () => randn(2, 3, 5), target_fn: () => rand(2, 5).mul(3).floor().long() },
    { fullname: 'CrossEntropyLoss_3d_indices_target_smoothing_sum_reduction_ignore_index',
      constructor: () => new nn.CrossEntropyLoss({ reduction: 'sum', labelSmoothing: 0.15, ignoreIndex: 1 }),
      input_fn: () => randn(2, 3, 5), target_fn: () => rand(2, 5).mul(3).floor().long() },
    { fullname: 'CrossEntropyLoss_2d_indices_target_smoothing',
      constructor: () => new nn.CrossEntropyLoss({ labelSmoothing: 0.15 }),
      input_fn: () => randn(15, 10), target_fn: () => rand(15).mul(10).floor().long() },
    { fullname: 'CrossEntropyLoss_2d_indices_target_smoothing_sum_reduction',
      constructor: () => new nn.CrossEntropyLoss({ reduction: 'sum', labelSmoothing: 0.15 }),
      input_fn: () => randn(15, 10), target_fn: () => rand(15).mul(10).floor().long() },
    { fullname: 'CrossEntropyLoss_2d_indices_target_smoothing_ignore_index',
      constructor: () => new nn.CrossEntropyLoss({ labelSmoothing: 0.15, ignoreIndex: 3 }),
      input_fn: () => randn(15, 10), target_fn: () => rand(15).mul(10).floor().long() },
    { fullname: 'CrossEntropyLoss_2d_indices_target_smoothing_weight', constructor_args: () => [rand(10).abs()],
      constructor: (weight) => new nn.CrossEntropyLoss(weight, { labelSmoothing: 0.15 }),
      input_fn: () => randn(15, 10), target_fn: () => rand(15).mul(10).floor().long() },
    { module_name: 'CrossEntropyLoss', constructor_args: () => [rand(3)], input_fn: () => randn(5, 3),
      target_fn: () => rand(5, 3).softmax({ dim: 1 }), check_sum_reduction: true, desc: '2d_prob_target_weights' },
    { module_name: 'CrossEntropyLoss', constructor_args: () => [rand(3)], input_fn: () => randn(5, 3, 4),
      target_fn: () => rand(5, 3, 4).softmax({ dim: 1 }), check_sum_reduction: true, desc: '3d_prob_target_weights' },
    { module_name: 'CrossEntropyLoss', constructor_args: () => [rand(3)], input_fn: () => randn(5, 3, 4, 2),
      target_fn: () => rand(5, 3, 4, 2).softmax({ dim: 1 }), check_sum_reduction: true, desc: '4d_prob_target_weights' },
    { module_name: 'PoissonNLLLoss', input_fn: () => randn(2, 3, 4, 5),
      target_fn: () => randn(2, 3, 4, 5).floor_().abs_(), desc: 'no_full_loss' },
    { module_name: 'PoissonNLLLoss', constructor_args: () => [false, false],
      input_fn: () => randn(2, 3, 4, 5).abs_().add_(0.001), target_fn: () => randn(2, 3, 4, 5).floor_().abs_(),
      desc: 'no_full_loss_no_log_input' },
    { module_name: 'PoissonNLLLoss', constructor_args: () => [true, true], input_fn: () => randn(2, 3, 4, 5),
      target_fn: () => randn(2, 3, 4, 5).floor_().abs_(), desc: 'full_loss' },
    { module_name: 'PoissonNLLLoss', constructor_args: () => [false, true],
      input_fn: () => randn(2, 3, 4, 5).abs_().add_(0.001), target_fn: () => randn(2, 3, 4, 5).floor_().abs_(),
      desc: 'full_loss_no_log_input' },
    { module_name: 'L1Loss', input_fn: () => randn(), target_fn: () => randn().requiresGrad_(), desc: 'scalar' },
    { module_name: 'KLDivLoss', input_fn: () => rand().log(), target_fn: () => rand(), check_sum_reduction: true,
      desc: 'scalar' },
    { module_name: 'KLDivLoss', constructor: (kw = {}) => new nn.KLDivLoss({ logTarget: true, ...kw }),
      input_fn: () => rand().log(), target_fn: () => rand().log(), check_sum_reduction: true,
      desc: 'scalar_log_target' },
    { module_name: 'MSELoss', input_fn: () => randn(), target_fn: () => randn().requiresGrad_(),
      check_sum_reduction: true, desc: 'scalar' },
    { module_name: 'MSELoss', input_fn: () => tg.ones([5, 68, 64, 64], { dtype: tg.float }).div(10),
      target_fn: () => tg.zeros([5, 68, 64, 64], { dtype: tg.float }), check_forward_only: true, desc: 'prec' },
    { module_name: 'BCELoss', constructor_args: () => [rand()], input_fn: () => rand().clamp_(1e-2, 1 - 1e-2),
      target_fn: () => rand().gt(0).double(), desc: 'scalar_weights' },
    { module_name: 'HingeEmbeddingLoss', constructor_args: () => [0.5], input_fn: () => randn(),
      target_fn: () => randn().gt(0).double().mul_(2).sub(1), desc: 'scalar_margin', check_sum_reduction: true },
    { module_name: 'SmoothL1Loss', input_fn: () => randn(), target_fn: () => randn().requiresGrad_(),
      check_sum_reduction: true, desc: 'scalar' },
    { module_name: 'MultiLabelSoftMarginLoss', constructor_args: () => [rand(10)], input_fn: () => randn(5, 10),
      target_fn: () => rand(5, 10).mul(2).floor(), desc: 'weights', check_sum_reduction: true },
    { module_name: 'CTCLoss', constructor_args: () => [14], extra_args: [[50, 50, 50], [30, 25, 20]],
      input_fn: () => randn(50, 3, 15).logSoftmax(2), target_fn: () => randint(0, 14, [3, 30]),
      desc: 'lengths_intlists', check_forward_only: true, check_sum_reduction: true },
    { module_name: 'CTCLoss', constructor_args: () => [14],
      extra_args: [long([50, 50, 50]), long([30, 25, 20])],
      input_fn: () => randn(50, 3, 15).logSoftmax(2), target_fn: () => randint(0, 14, [3, 30]),
      desc: 'lengths_tensors', check_forward_only: true, check_sum_reduction: true },
    { module_name: 'CTCLoss', desc: '2d_int_target_lengths_intlists', constructor_args: () => [0],
      extra_args: [[50, 50, 50], [30, 25, 20]], input_fn: () => randn(50, 3, 15).logSoftmax(2),
      target_fn: () => randint(1, 15, [3, 30], tg.int), check_forward_only: true,
      check_sum_reduction: true },
    { module_name: 'CTCLoss', desc: '2d_lengths_tensors', constructor_args: () => [0],
      extra_args: [long([50, 50, 50]), long([30, 25, 20])],
      input_fn: () => randn(50, 3, 15).logSoftmax(2), target_fn: () => randint(1, 15, [3, 30], tg.int),
      check_forward_only: true, check_sum_reduction: true },
  ];

  // Check that regression criterion work with no batch dimensions
  const regression_criterion_no_batch = ['L1Loss', 'MSELoss', 'PoissonNLLLoss', 'HuberLoss', 'SmoothL1Loss'];
  const reductions = ['none', 'mean', 'sum'];
  for (const name of regression_criterion_no_batch) {
    for (const reduction of reductions) {
      criterion_tests.push({
        fullname: `${name}_no_batch_dim_${reduction}`,
        constructor: () => new nn[name]({ reduction }),
        input_fn: () => randn(3), target_fn: () => randn(3),
      });
    }
  }
  for (const reduction of reductions) {
    criterion_tests.push({
      fullname: `KLDivLoss_no_batch_dim_${reduction}`,
      constructor: () => new nn.KLDivLoss({ reduction }),
      input_fn: () => rand(3).log(), target_fn: () => rand(3),
    });
  }

  // Check that classification criterion work with no batch dimensions
  // List of tuples of (name, input_fn, target_fn)
  const classification_criterion_no_batch = [
    ['BCELoss', () => tg.sigmoid(randn(9)), () => randn(9)],
    ['BCEWithLogitsLoss', () => randn(9), () => randn(9)],
    ['HingeEmbeddingLoss', () => randn(9), () => long([-1, 1, 1, -1, 1, 1, -1, 1, 1])],
    ['MultiLabelMarginLoss', () => randn(4), () => long([3, 0, -1, 1])],
    ['SoftMarginLoss', () => randn(9), () => long([-1, 1, 1, -1, 1, 1, -1, 1, 1])],
    ['NLLLoss', () => F.logSoftmax(randn(3), { dim: 0 }), () => long(1)],
    ['CosineEmbeddingLoss', () => [randn(9), randn(9)], () => long(1)],
    // For MarginRankingLoss, input_fn : (x1, x2) and target_fn : target
    ['MarginRankingLoss', () => [randn(), randn()], () => randn().sign()],
    // For TripletMarginLoss, input_fn : (anchor, positive) and target_fn : negative
    ['TripletMarginLoss', () => [randn(9), randn(9)], () => randn(9)],
    ['MultiLabelSoftMarginLoss', () => randn(9), () => randn(9)],
  ];
  for (const [name, input_fn, target_fn] of classification_criterion_no_batch) {
    for (const reduction of reductions) {
      criterion_tests.push({
        fullname: `${name}_no_batch_dim_${reduction}`,
        constructor: () => new nn[name]({ reduction }),
        input_fn, target_fn,
      });
    }
  }

  for (const test of criterion_tests) {
    const args = () => (test.constructor_args ?? (() => []))();
    if ('fullname' in test) {
      run(`test_${test.fullname}`, test.constructor, args(), test.input_fn, test.target_fn, test.extra_args, test.check_forward_only);
      continue;
    }
    const constructor = Object.hasOwn(test, 'constructor') ? test.constructor : make(nn[test.module_name]);
    const name = `test_${test.module_name}${test.desc ? `_${test.desc}` : ''}`;
    run(name, constructor, args(), test.input_fn, test.target_fn, test.extra_args, test.check_forward_only);
    if (test.check_sum_reduction) {
      run(`${name}_sum_reduction`, constructor, args(), test.input_fn, test.target_fn, test.extra_args,
        test.check_forward_only, 'sum');
    }
  }
}

runIfMain(import.meta, main);
