// Port of a slice of PyTorch's own test/test_optim.py (pytorch/pytorch commit
// 005941ebcd15da658ae14bf349b5457517ff9318): TestLRScheduler, every scheduler on the test's SGD over two
// Conv2d(1, 1, 1) with two param groups (lr 0.05 and 0.5), stepped as the test's helpers step it.
// test_lr_scheduler.py is the twin (its header lists what is left out and the one helper it corrects) and
// test_lr_scheduler.expected.txt what it prints under PyTorch 1.13 (test/ports/test_lr_scheduler.test.ts
// compares): the learning rates themselves, to the last bit, and whether each matched the test's target.
// PyTorch's snake_case options are camelCase (step_size -> stepSize, T_max -> TMax); group['lr'] is
// group.lr; a ValueError is a RangeError. Run: node examples/ports/test_lr_scheduler.mjs
import { pyFloat, runIfMain } from './py.mjs';

export function main(tg, print) {
  const { SGD, Adam } = tg.optim;
  const { LambdaLR, MultiplicativeLR, SequentialLR, StepLR, MultiStepLR, ConstantLR, LinearLR, ExponentialLR, CosineAnnealingLR,
    ReduceLROnPlateau, CyclicLR, CosineAnnealingWarmRestarts, OneCycleLR, ChainedScheduler, PolynomialLR } = tg.optim.lrScheduler;

  class SchedulerTestNet extends tg.nn.Module {
    constructor() {
      super();
      this.conv1 = new tg.nn.Conv2d(1, 1, 1);
      this.conv2 = new tg.nn.Conv2d(1, 1, 1);
    }
  }
  const t = {
    setUp() {
      this.net = new SchedulerTestNet();
      this.opt = new SGD([{ params: this.net.conv1.parameters() }, { params: this.net.conv2.parameters(), lr: 0.5 }], { lr: 0.05 });
    },
  };
  t.setUp();
  let name = '';

  const lrs = (opt = t.opt) => opt.paramGroups.map((g) => g.lr);
  const close = (a, b) => Math.abs(a - b) <= 1e-5;
  /** str() of what the twin prints: numbers as Python floats unless `ints` (Python held an int there). */
  const py = (v, ints = false) => (Array.isArray(v) ? `[${v.map((e) => py(e, ints)).join(', ')}]` : typeof v === 'boolean' ? (v ? 'True' : 'False')
    : v === null ? 'None' : typeof v === 'number' ? (ints ? String(v) : pyFloat(v)) : String(v));
  const report = (label, values, ok, ints = false) => print(name, String(label), py(values, ints), py(ok));
  const asList = (s) => (Array.isArray(s) ? s : [s]);

  function _test(schedulers, targets, epochs = 10) {
    schedulers = asList(schedulers);
    for (let epoch = 0; epoch < epochs; epoch++) {
      const got = lrs();
      report(epoch, got, got.every((g, i) => i >= targets.length || close(targets[i][epoch], g)));
      schedulers.forEach((s) => s.step());
    }
  }
  function _test_get_last_lr(schedulers, targets, epochs = 10) {
    schedulers = asList(schedulers);
    const optimizers = [...new Set(schedulers.map((s) => s.optimizer))];
    for (let epoch = 0; epoch < epochs; epoch++) {
      const result = schedulers.map((s) => s.getLastLr());
      optimizers.forEach((o) => o.step());
      schedulers.forEach((s) => s.step());
      const target = schedulers.map(() => targets.map((t_) => t_[epoch]));
      report(epoch, result, result.every((r, k) => r.every((a, i) => i >= target[k].length || close(a, target[k][i]))));
    }
  }
  function _test_with_epoch(schedulers, targets, epochs = 10) {
    schedulers = asList(schedulers);
    for (let epoch = 0; epoch < epochs; epoch++) {
      t.opt.step();
      schedulers.forEach((s) => s.step(epoch));
      const got = lrs();
      report(epoch, got, got.every((g, i) => i >= targets.length || close(targets[i][epoch], g)));
    }
  }
  function _test_against_closed_form(make, epochs = 10) {
    t.setUp();
    const closed_form_scheduler = make();
    const targets = [];
    for (let epoch = 0; epoch < epochs; epoch++) {
      closed_form_scheduler.optimizer.step();
      closed_form_scheduler.step(epoch + 1);
      targets.push(lrs());
    }
    t.setUp();
    const scheduler = make();
    for (let epoch = 0; epoch < epochs; epoch++) {
      t.opt.step();
      scheduler.step();
      const got = lrs();
      report(epoch, got, targets[epoch].every((a, i) => close(a, got[i])));
    }
  }
  function _test_lr_is_constant_for_constant_epoch(scheduler) {
    const l = [];
    for (let k = 0; k < 10; k++) {
      scheduler.optimizer.step();
      scheduler.step(2);
      l.push(t.opt.paramGroups[0].lr);
    }
    report('min == max', l[0], Math.min(...l) === Math.max(...l));
  }
  function _test_reduce_lr_on_plateau(schedulers, targets, metrics, epochs = 10) {
    schedulers = asList(schedulers);
    for (let epoch = 0; epoch < epochs; epoch++) {
      t.opt.step();
      for (const s of schedulers) {
        if (s instanceof ReduceLROnPlateau) s.step(metrics[epoch]);
        else s.step();
      }
      const got = lrs();
      report(epoch, got, got.every((g, i) => i >= targets.length || close(targets[i][epoch], g)));
    }
  }
  function _test_cycle_lr(scheduler, lr_targets, momentum_targets, batch_iterations, use_beta1 = false, intMoms = false) {
    for (let batch_num = 0; batch_num < batch_iterations; batch_num++) {
      let ok = true;
      const moms = [];
      t.opt.paramGroups.forEach((param_group, i) => {
        ok = ok && close(lr_targets[i][batch_num], param_group.lr);
        if (use_beta1 && 'betas' in param_group) {
          moms.push(param_group.betas[0]);
          ok = ok && close(momentum_targets[i][batch_num], param_group.betas[0]);
        } else if ('momentum' in param_group) {
          moms.push(param_group.momentum);
          ok = ok && close(momentum_targets[i][batch_num], param_group.momentum);
        }
      });
      print(name, String(batch_num), `[${py(lrs())}, ${py(moms, intMoms)}]`, py(ok));
      t.opt.step();
      scheduler.step();
    }
  }
  function _test_CosineAnnealingWarmRestarts(scheduler, targets, epochs = 10) {
    tg.arange(0, epochs, 0.1).tolist().forEach((e, index) => {
      const epoch = Math.round(e * 10) / 10; // round(epoch.item(), 1)
      scheduler.step(epoch);
      const got = lrs();
      report(pyFloat(epoch), got, got.every((g, i) => close(targets[i][index], g)));
    });
  }
  function _test_interleaved_CosineAnnealingWarmRestarts(scheduler, targets, epochs) {
    epochs.forEach(([epoch, label], index) => {
      scheduler.step(epoch);
      const got = lrs();
      report(label, got, got.every((g, i) => close(targets[i][index], g)));
    });
  }
  function _check_scheduler_state_dict(constr, constr2, epochs = 10) {
    const scheduler = constr();
    for (let k = 0; k < epochs; k++) {
      scheduler.optimizer.step();
      scheduler.step();
    }
    const scheduler_copy = constr2();
    scheduler_copy.loadStateDict(scheduler.stateDict());
    const a = scheduler.getLastLr(), b = scheduler_copy.getLastLr();
    report('get_last_lr', b, a.length === b.length && a.every((x, i) => x === b[i]));
    report('last_epoch', scheduler_copy.lastEpoch, scheduler.lastEpoch === scheduler_copy.lastEpoch, true);
  }
  function run(label, fn) {
    name = label;
    t.setUp();
    fn();
  }
  const range = (n, f) => Array.from({ length: n }, (_, i) => f(i));
  const rep = (v, n) => new Array(n).fill(v);
  const both = (single) => [single, single.map((x) => x * 10)];

  run('test_step_lr_is_constant_for_constant_epoch', () => _test_lr_is_constant_for_constant_epoch(new StepLR(t.opt, 2)));
  run('test_exponential_lr_is_constant_for_constant_epoch', () => _test_lr_is_constant_for_constant_epoch(new ExponentialLR(t.opt, { gamma: 0.9 })));
  run('test_constantlr_is_constant_for_constant_epoch', () => _test_lr_is_constant_for_constant_epoch(new ConstantLR(t.opt)));
  run('test_linear_linearlr_is_constant_for_constant_epoch', () => _test_lr_is_constant_for_constant_epoch(new LinearLR(t.opt)));
  run('test_polynomial_lr_is_constant_for_constant_epoch', () => _test_lr_is_constant_for_constant_epoch(new PolynomialLR(t.opt, { power: 0.9 })));

  run('test_step_lr', () => {
    const single_targets = [...rep(0.05, 3), ...rep(0.005, 3), ...rep(0.0005, 3), ...rep(0.00005, 3)];
    _test(new StepLR(t.opt, { gamma: 0.1, stepSize: 3 }), both(single_targets), 10);
  });
  run('test_get_last_lr_step_lr', () => {
    const optimizer = new SGD([new tg.nn.Parameter(tg.zeros(2, 2))], 0.1);
    const targets = [[...rep(0.1, 3), ...rep(0.01, 3), ...rep(0.001, 3), 0.0001]];
    _test_get_last_lr(new StepLR(optimizer, 3, { gamma: 0.1 }), targets, 10);
  });
  run('test_get_last_lr_multi_step_lr', () => {
    const single = [...rep(0.05, 2), ...rep(0.005, 3), ...rep(0.0005, 4), 0.00005];
    _test_get_last_lr(new MultiStepLR(t.opt, { gamma: 0.1, milestones: [2, 5, 9] }), both(single), 10);
  });
  run('test_multi_step_lr', () => {
    const single = [...rep(0.05, 2), ...rep(0.005, 3), ...rep(0.0005, 4), ...rep(0.00005, 3)];
    _test(new MultiStepLR(t.opt, { gamma: 0.1, milestones: [2, 5, 9] }), both(single), 10);
  });
  run('test_multi_step_lr_with_epoch', () => {
    const single = [...rep(0.05, 2), ...rep(0.005, 3), ...rep(0.0005, 4), ...rep(0.00005, 3)];
    _test_with_epoch(new MultiStepLR(t.opt, { gamma: 0.1, milestones: [2, 5, 9] }), both(single), 10);
  });
  run('test_get_last_lr_constantlr', () => {
    _test_get_last_lr(new ConstantLR(t.opt, { factor: 1.0 / 2, totalIters: 5 }), both([...rep(0.025, 5), ...rep(0.05, 5)]), 10);
  });
  run('test_get_last_lr_linearlr', () => {
    const [epochs, start_factor, end_factor, iters] = [10, 1.0 / 4, 3 / 5, 4];
    const interpolation = range(iters, (i) => start_factor + (i * (end_factor - start_factor)) / iters);
    const single = [...interpolation.map((x) => x * 0.05), ...rep(0.05 * end_factor, epochs - iters)];
    _test_get_last_lr(new LinearLR(t.opt, { startFactor: start_factor, endFactor: end_factor, totalIters: iters }), [single, single.map((x) => x * epochs)], epochs);
  });
  run('test_constantlr', () => {
    _test(new ConstantLR(t.opt, { factor: 1.0 / 2, totalIters: 5 }), both([...rep(0.025, 5), ...rep(0.05, 5)]), 10);
  });
  run('test_linearlr', () => {
    const [epochs, start_factor, iters] = [10, 1.0 / 2, 4];
    const interpolation = range(iters, (i) => start_factor + (i * (1 - start_factor)) / iters);
    const single = [...interpolation.map((x) => x * 0.05), ...rep(0.05, epochs - iters)];
    _test(new LinearLR(t.opt, { startFactor: start_factor, totalIters: iters }), [single, single.map((x) => x * epochs)], epochs);
  });
  run('test_constantlr_with_epoch', () => {
    _test_with_epoch(new ConstantLR(t.opt, { factor: 1.0 / 2, totalIters: 5 }), both([...rep(0.025, 5), ...rep(0.05, 5)]), 10);
  });
  run('test_linearlr_with_epoch', () => {
    const [epochs, start_factor, end_factor, iters] = [10, 1.0 / 2, 1, 4];
    const interpolation = range(iters, (i) => start_factor + (i * (end_factor - start_factor)) / iters);
    const single = [...interpolation.map((x) => x * 0.05), ...rep(0.05, epochs - iters)];
    _test_with_epoch(new LinearLR(t.opt, { startFactor: start_factor, totalIters: iters }), [single, single.map((x) => x * epochs)], epochs);
  });
  run('test_exp_lr', () => _test(new ExponentialLR(t.opt, { gamma: 0.9 }), both(range(10, (x) => 0.05 * 0.9 ** x)), 10));
  run('test_poly_lr', () => {
    const [epochs, power, total_iters] = [10, 0.9, 5];
    const single = [...range(total_iters, (x) => (1.0 - x / total_iters) ** power * 0.05), ...rep(0.0, epochs - total_iters)];
    _test(new PolynomialLR(t.opt, { power, totalIters: total_iters }), [single, single.map((x) => x * epochs)], epochs);
  });
  run('test_cos_anneal_lr', () => {
    const [epochs, eta_min] = [10, 1e-10];
    const single = range(epochs, (x) => eta_min + ((0.05 - eta_min) * (1 + Math.cos((Math.PI * x) / epochs))) / 2);
    _test(new CosineAnnealingLR(t.opt, { TMax: epochs, etaMin: eta_min }), [single, single.map((x) => x * epochs)], epochs);
  });

  for (const [label, make, epochs] of [
    ['step_lr', () => new StepLR(t.opt, { gamma: 0.1, stepSize: 3 }), 20],
    ['linearlr', () => new LinearLR(t.opt, { startFactor: 1.0 / 3, endFactor: 0.7, totalIters: 4 }), 20],
    ['constantlr', () => new ConstantLR(t.opt, { factor: 1.0 / 3, totalIters: 4 }), 20],
    ['multi_step_lr', () => new MultiStepLR(t.opt, { gamma: 0.1, milestones: [2, 5, 9] }), 20],
    ['exp_lr', () => new ExponentialLR(t.opt, { gamma: 0.9 }), 20],
    ['poly_lr', () => new PolynomialLR(t.opt, { power: 0.9 }), 20],
    ['cos_anneal_lr', () => new CosineAnnealingLR(t.opt, { TMax: 5, etaMin: 1e-10 }), 20],
  ]) {
    name = `test_closed_form_${label}`;
    _test_against_closed_form(make, epochs);
  }

  run('test_cos_anneal_lr_continue', () => {
    const scheduler = new CosineAnnealingLR(t.opt, { TMax: 5, etaMin: 0.1 });
    t.opt.step();
    scheduler.step();
    const original_lrs = scheduler.getLastLr();
    const new_scheduler = new CosineAnnealingLR(t.opt, { TMax: 5, etaMin: 0.1, lastEpoch: 0 });
    const new_lrs = new_scheduler.getLastLr();
    report('lrs', [original_lrs, new_lrs], original_lrs.every((a, i) => Math.abs(a - new_lrs[i]) <= 1e-5 + 1e-4 * Math.abs(new_lrs[i])));
  });

  function plateau(label, epochs, targets, metrics, make) {
    name = `test_reduce_lr_on_plateau${label}`;
    t.setUp();
    for (const g of t.opt.paramGroups) g.lr = 0.5;
    _test_reduce_lr_on_plateau(make(), targets, metrics, epochs);
  }
  plateau('1', 10, [rep(0.5, 20)], range(20, (i) => 10 - i * 0.0167),
    () => new ReduceLROnPlateau(t.opt, { thresholdMode: 'abs', mode: 'min', threshold: 0.01, patience: 5, cooldown: 5 }));
  plateau('2', 22, [[...rep(0.5, 6), ...rep(0.05, 7), ...rep(0.005, 7), ...rep(0.0005, 2)]], range(22, (i) => 10 - i * 0.0165),
    () => new ReduceLROnPlateau(t.opt, { patience: 5, cooldown: 0, thresholdMode: 'abs', mode: 'min', threshold: 0.1 }));
  plateau('3', 22, [[...rep(0.5, 8), ...rep(0.05, 11), ...rep(0.005, 4)]], [...rep(-0.8, 2), ...rep(-0.234, 20)],
    () => new ReduceLROnPlateau(t.opt, { mode: 'max', patience: 5, cooldown: 5, thresholdMode: 'abs' }));
  plateau('4', 20, [rep(0.5, 20)], range(20, (i) => 1.5 * 1.025 ** i),
    () => new ReduceLROnPlateau(t.opt, { mode: 'max', patience: 3, thresholdMode: 'rel', threshold: 0.1 }));
  plateau('5', 20, [[...rep(0.5, 6), ...rep(0.05, 11), ...rep(0.005, 4)]], range(20, (i) => 1.5 * 1.005 ** i),
    () => new ReduceLROnPlateau(t.opt, { mode: 'max', thresholdMode: 'rel', threshold: 0.1, patience: 5, cooldown: 5 }));
  plateau('6', 20, [rep(0.5, 20)], range(20, (i) => 1.5 * 0.85 ** i),
    () => new ReduceLROnPlateau(t.opt, { mode: 'min', thresholdMode: 'rel', threshold: 0.1 }));
  plateau('7', 20, [[...rep(0.5, 6), ...rep(0.05, 11), ...rep(0.005, 4)]], [...rep(1, 7), 0.6, ...rep(0.5, 12)],
    () => new ReduceLROnPlateau(t.opt, { mode: 'min', thresholdMode: 'rel', threshold: 0.1, patience: 5, cooldown: 5 }));
  plateau('8', 20, [[...rep(0.5, 6), ...rep(0.4, 14)], [...rep(0.5, 6), ...rep(0.3, 14)]], range(20, (i) => 1.5 * 1.005 ** i),
    () => new ReduceLROnPlateau(t.opt, { mode: 'max', thresholdMode: 'rel', minLr: [0.4, 0.3], threshold: 0.1, patience: 5, cooldown: 5 }));

  run('test_sequentiallr1', () => {
    const targets = [[0.05, 0.04, 0.032, ...rep(0.05, 4), ...rep(0.05 * 0.1, 4), ...rep(0.05 * 0.01, 4), ...rep(0.05 * 0.001, 4)]];
    const schedulers = [new ExponentialLR(t.opt, { gamma: 0.8 }), new StepLR(t.opt, { gamma: 0.1, stepSize: 4 })];
    _test(new SequentialLR(t.opt, { schedulers, milestones: [3] }), targets, 19);
  });
  run('test_sequentiallr2', () => {
    const targets = [[0.005, 0.005, 0.005, ...range(10, (x) => 0.05 * 0.9 ** x)]];
    const schedulers = [new ConstantLR(t.opt, { factor: 0.1, totalIters: 3 }), new ExponentialLR(t.opt, { gamma: 0.9 })];
    _test(new SequentialLR(t.opt, { schedulers, milestones: [3] }), targets, 13);
  });
  run('test_sequentiallr3', () => {
    const targets = [[0.005, 0.005, 0.005, 0.05, 0.04, 0.032, 0.05, 0.05, 0.005, 0.005, 0.0005, 0.0005]];
    const schedulers = [new ConstantLR(t.opt, { factor: 0.1, totalIters: 3 }), new ExponentialLR(t.opt, { gamma: 0.8 }), new StepLR(t.opt, { gamma: 0.1, stepSize: 2 })];
    _test(new SequentialLR(t.opt, { schedulers, milestones: [3, 6] }), targets, 12);
  });
  run('test_sequentiallr4', () => {
    const optimizer = new SGD([tg.tensor(0.5)], { lr: 0.1 });
    const prev_lr = optimizer.paramGroups[0].lr;
    const schedulers = [new ConstantLR(optimizer, { factor: 1 }), new ConstantLR(optimizer, { factor: 0.1 })];
    new SequentialLR(optimizer, schedulers, { milestones: [10] });
    const new_lr = optimizer.paramGroups[0].lr;
    report('lr', new_lr, prev_lr === new_lr);
  });
  run('test_get_last_lr_sequentiallr', () => {
    const schedulers = [new ConstantLR(t.opt, { factor: 0.1, totalIters: 3 }), new ExponentialLR(t.opt, { gamma: 0.8 }), new StepLR(t.opt, { gamma: 0.1, stepSize: 2 })];
    const scheduler = new SequentialLR(t.opt, { schedulers, milestones: [3, 6] });
    const single = [...rep(0.005, 3), 0.05, 0.04, 0.032, 0.05, 0.05, 0.005, 0.005, 0.0005, 0.0005];
    _test_get_last_lr(scheduler, both(single), 12);
  });
  const sameList = (a, b) => a.length === b.length && a.every((x, i) => x === b[i]);
  run('test_chained_lr2_get_last_lr_before_step', () => {
    const schedulers = [new LinearLR(t.opt, { startFactor: 0.4, totalIters: 3 }), new MultiStepLR(t.opt, { milestones: [4, 8, 10], gamma: 0.1 })];
    const scheduler = new ChainedScheduler(schedulers);
    report('get_last_lr', scheduler.getLastLr(), sameList(scheduler.getLastLr(), schedulers[schedulers.length - 1].getLastLr()));
  });
  function chained(label, epochs, targets, make) {
    name = `test_chained_lr${label}`;
    t.setUp();
    const schedulers = make();
    const scheduler = new ChainedScheduler(schedulers);
    _test([scheduler], targets, epochs);
    report('get_last_lr', scheduler.getLastLr(), sameList(scheduler.getLastLr(), schedulers[schedulers.length - 1].getLastLr()));
  }
  chained('1', 10, [[...rep(0.05, 3), ...rep(0.005, 3), ...rep(0.0005, 3), ...rep(0.00005, 3)]], () => [new StepLR(t.opt, { gamma: 0.1, stepSize: 3 })]);
  chained('2', 10, [[0.02, 0.03, 0.04, ...rep(0.05, 9)]], () => [new LinearLR(t.opt, { startFactor: 0.4, totalIters: 3 })]);
  chained('3', 10, [[0.02, 0.03, 0.04, 0.05, ...rep(0.005, 4), ...rep(0.0005, 3), ...rep(0.00005, 3)]],
    () => [new LinearLR(t.opt, { startFactor: 0.4, totalIters: 3 }), new MultiStepLR(t.opt, { milestones: [4, 8, 10], gamma: 0.1 })]);
  chained('4', 9, [[...range(3, (x) => 0.05 * 0.2 * 0.9 ** x), 0.05 * 0.2 * 0.9 ** 3 * 0.1, ...[4, 5].map((x) => 0.05 * 0.9 ** x * 0.1),
    ...[6, 7, 8].map((x) => 0.05 * 0.9 ** x * 0.01)]],
  () => [new ExponentialLR(t.opt, { gamma: 0.9 }), new ConstantLR(t.opt, { factor: 0.2, totalIters: 4 }), new StepLR(t.opt, { gamma: 0.1, stepSize: 3 })]);
  const poly_lr = (lr) => [...range(5, (x) => lr * (1.0 - x / 5) ** 0.9), ...rep(0.0, 5)];
  chained('5', 10, [poly_lr(0.05).map((x) => x * 0.1), poly_lr(0.5).map((x) => x * 0.1)],
    () => [new PolynomialLR(t.opt, { power: 0.9, totalIters: 5 }), new ConstantLR(t.opt, { factor: 0.1 })]);

  function compound(label, epochs, targets, make) {
    name = `test_compound_${label}`;
    t.setUp();
    _test(make(), targets, epochs);
  }
  const cos = (epochs = 10, eta_min = 1e-10) => range(epochs, (x) => eta_min + ((0.05 - eta_min) * (1 + Math.cos((Math.PI * x) / epochs))) / 2);
  compound('step_and_multistep_lr', 10, [[...rep(0.05, 2), 0.005, ...rep(5e-4, 2), 5e-5, ...rep(5e-6, 3), 5e-8]],
    () => [new StepLR(t.opt, { gamma: 0.1, stepSize: 3 }), new MultiStepLR(t.opt, { gamma: 0.1, milestones: [2, 5, 9] })]);
  compound('step_and_exp_lr', 10, both([...[0, 1, 2].map((x) => 0.05 * 0.9 ** x), ...[3, 4, 5].map((x) => 0.005 * 0.9 ** x),
    ...[6, 7, 8].map((x) => 0.0005 * 0.9 ** x), ...[9, 10, 11].map((x) => 0.00005 * 0.9 ** x)]),
  () => [new StepLR(t.opt, { gamma: 0.1, stepSize: 3 }), new ExponentialLR(t.opt, { gamma: 0.9 })]);
  compound('exp_and_multistep_lr', 10, both([...[0, 1].map((x) => 0.05 * 0.9 ** x), ...[2, 3, 4].map((x) => 0.005 * 0.9 ** x),
    ...[5, 6, 7, 8].map((x) => 0.0005 * 0.9 ** x), ...[9, 10].map((x) => 0.00005 * 0.9 ** x)]),
  () => [new MultiStepLR(t.opt, { gamma: 0.1, milestones: [2, 5, 9] }), new ExponentialLR(t.opt, { gamma: 0.9 })]);
  let single = range(11, (x) => 0.05 * 0.9 ** x);
  for (let i = 0; i < 4; i++) single[i] *= 0.4 + (i / 4) * (0.9 - 0.4);
  for (let i = 4; i < 11; i++) single[i] *= 0.9;
  compound('exp_and_linearlr', 10, both(single),
    () => [new LinearLR(t.opt, { startFactor: 0.4, endFactor: 0.9, totalIters: 4 }), new ExponentialLR(t.opt, { gamma: 0.9 })]);
  compound('step_and_constantlr', 10, both([...rep(0.05 * 0.4, 3), 0.005 * 0.4, ...rep(0.005, 2), ...rep(0.0005, 3), ...rep(0.00005, 3)]),
    () => [new StepLR(t.opt, { gamma: 0.1, stepSize: 3 }), new ConstantLR(t.opt, { factor: 0.4, totalIters: 4 })]);
  single = [...rep(0.05, 2), ...rep(0.005, 3), ...rep(0.0005, 4), ...rep(0.00005, 2)];
  for (let i = 0; i < 4; i++) single[i] *= 0.4 + (i / 4) * (1 - 0.4);
  compound('linearlr_and_multistep_lr', 10, both(single),
    () => [new MultiStepLR(t.opt, { gamma: 0.1, milestones: [2, 5, 9] }), new LinearLR(t.opt, { startFactor: 0.4, totalIters: 4 })]);
  compound('cosanneal_and_step_lr', 10, both(cos().map((x, i) => x * 0.1 ** Math.floor(i / 3))),
    () => [new CosineAnnealingLR(t.opt, { TMax: 10, etaMin: 1e-10 }), new StepLR(t.opt, { gamma: 0.1, stepSize: 3 })]);
  const mult = [1, 1, 0.1, 0.1, 0.1, 0.01, 0.01, 0.01, 0.01, 0.001];
  compound('cosanneal_and_multistep_lr', 10, both(cos().map((x, i) => x * mult[i])),
    () => [new CosineAnnealingLR(t.opt, { TMax: 10, etaMin: 1e-10 }), new MultiStepLR(t.opt, { gamma: 0.1, milestones: [2, 5, 9] })]);
  single = cos();
  for (let i = 0; i < 4; i++) single[i] *= 0.4 + (i / 4) * (1 - 0.4);
  compound('cosanneal_and_linearlr', 10, both(single),
    () => [new LinearLR(t.opt, { startFactor: 0.4, totalIters: 4 }), new CosineAnnealingLR(t.opt, { TMax: 10, etaMin: 1e-10 })]);
  compound('cosanneal_and_exp_lr', 10, both(cos().map((x, i) => x * 0.1 ** i)),
    () => [new CosineAnnealingLR(t.opt, { TMax: 10, etaMin: 1e-10 }), new ExponentialLR(t.opt, { gamma: 0.1 })]);

  function compound_plateau(label, lr, epochs, metrics, make) {
    name = `test_compound_reduce_lr_on_plateau${label}`;
    t.setUp();
    for (const g of t.opt.paramGroups) g.lr = lr;
    _test_reduce_lr_on_plateau(make(), [], metrics, epochs);
  }
  // targets = targets[1:] in each: the helper checks no group, so only the rates are printed
  compound_plateau('1', 0.5, 10, range(20, (i) => 10 - i * 0.0167),
    () => [new ReduceLROnPlateau(t.opt, { thresholdMode: 'abs', mode: 'min', threshold: 0.01, patience: 5, cooldown: 5 }), new StepLR(t.opt, { gamma: 0.1, stepSize: 3 })]);
  compound_plateau('2', 0.5, 22, range(22, (i) => 10 - i * 0.0165),
    () => [new ReduceLROnPlateau(t.opt, { patience: 5, cooldown: 0, thresholdMode: 'abs', mode: 'min', threshold: 0.1 }), new MultiStepLR(t.opt, { gamma: 0.1, milestones: [3, 8, 12] })]);
  compound_plateau('3', 0.5, 22, [...rep(-0.8, 2), ...rep(-0.234, 20)],
    () => [new ReduceLROnPlateau(t.opt, { mode: 'max', patience: 5, cooldown: 5, thresholdMode: 'abs' }), new ExponentialLR(t.opt, { gamma: 0.1 })]);
  compound_plateau('4', 0.05, 10, range(20, (i) => 1.5 * 1.025 ** i),
    () => [new ReduceLROnPlateau(t.opt, { mode: 'max', patience: 3, thresholdMode: 'rel', threshold: 0.1 }), new CosineAnnealingLR(t.opt, 10, 1e-10)]);
  compound_plateau('5', 0.5, 22, range(22, (i) => 10 - i * 0.0165),
    () => [new ReduceLROnPlateau(t.opt, { patience: 5, cooldown: 0, thresholdMode: 'abs', mode: 'min', threshold: 0.1 }), new LinearLR(t.opt, { startFactor: 0.4, totalIters: 4 })]);

  function raises(label, fn) {
    try {
      fn();
      report(label, 'no error', false);
    } catch (e) {
      if (!(e instanceof RangeError)) throw e;
      report(label, 'ValueError', true);
    }
  }
  name = 'test_cycle_lr_invalid_mode';
  raises('CATS', () => new CyclicLR(t.opt, { baseLr: 0, maxLr: 0, mode: 'CATS' }));

  function cycle(label, lr_targets, momentum_targets, n, make, { opt = null, useBeta1 = false, intMoms = false } = {}) {
    name = `test_${label}`;
    t.setUp();
    if (opt !== null) t.opt = opt();
    _test_cycle_lr(make(), lr_targets, momentum_targets, n, useBeta1, intMoms);
  }
  let lr_target = [1, 2, 3, 4, 5, 4, 3, 2, 1, 2, 3];
  let momentum_target = [5, 4, 3, 2, 1, 2, 3, 4, 5, 4, 3];
  cycle('cycle_lr_triangular_mode_one_lr', [lr_target, lr_target], [momentum_target, momentum_target], 11,
    () => new CyclicLR(t.opt, { baseLr: 1, maxLr: 5, stepSizeUp: 4, cycleMomentum: true, baseMomentum: 1, maxMomentum: 5, mode: 'triangular' }));
  cycle('cycle_lr_triangular_mode_one_lr_no_momentum', [lr_target, lr_target], [rep(0, 11), rep(0, 11)], 11,
    () => new CyclicLR(t.opt, { baseLr: 1, maxLr: 5, stepSizeUp: 4, cycleMomentum: false, mode: 'triangular' }), { intMoms: true });
  lr_target = [1, 2, 3, 4, 5, 4, 3, 2, 1, 1.5, 2.0, 2.5, 3.0, 2.5, 2.0, 1.5, 1, 1.25, 1.5, 1.75, 2.0, 1.75];
  momentum_target = [5.0, 4.0, 3.0, 2.0, 1.0, 2.0, 3.0, 4.0, 5.0, 4.5, 4.0, 3.5, 3.0, 3.5, 4.0, 4.5, 5.0, 4.75, 4.5, 4.25, 4.0, 4.25];
  cycle('cycle_lr_triangular2_mode_one_lr', [lr_target, lr_target], [momentum_target, momentum_target], 22,
    () => new CyclicLR(t.opt, { baseLr: 1, maxLr: 5, stepSizeUp: 4, cycleMomentum: true, baseMomentum: 1, maxMomentum: 5, mode: 'triangular2' }));
  let xs = [0, 0.25, 0.5, 0.75, 1, 0.75, 0.5, 0.25, 0, 0.25, 0.5, 0.75, 1];
  let lt = xs.map((x, i) => 1 + x * 4 * 0.9 ** i), mt = xs.map((x, i) => 5 - x * 4 * 0.9 ** i);
  cycle('cycle_lr_exp_range_mode_one_lr', [lt, lt], [mt, mt], 13,
    () => new CyclicLR(t.opt, { baseLr: 1, maxLr: 5, stepSizeUp: 4, cycleMomentum: true, baseMomentum: 1, maxMomentum: 5, mode: 'exp_range', gamma: 0.9 }));
  let lr_target_1 = [1, 2, 3, 4, 5, 4, 3, 2, 1, 2, 3];
  let momentum_target_1 = [5, 4, 3, 2, 1, 2, 3, 4, 5, 4, 3];
  cycle('cycle_lr_triangular_mode', [lr_target_1, lr_target_1.map((x) => x + 1)], [momentum_target_1, momentum_target_1.map((x) => x + 1)], 11,
    () => new CyclicLR(t.opt, { baseLr: [1, 2], maxLr: [5, 6], stepSizeUp: 4, cycleMomentum: true, baseMomentum: [1, 2], maxMomentum: [5, 6], mode: 'triangular' }));
  lr_target_1 = [1, 2, 3, 4, 5, 4, 3, 2, 1, 1.5, 2.0, 2.5, 3.0, 2.5, 2.0, 1.5, 1, 1.25, 1.5, 1.75, 2.0, 1.75];
  momentum_target_1 = [5.0, 4.0, 3.0, 2.0, 1.0, 2.0, 3.0, 4.0, 5.0, 4.5, 4.0, 3.5, 3.0, 3.5, 4.0, 4.5, 5.0, 4.75, 4.5, 4.25, 4.0, 4.25];
  cycle('cycle_lr_triangular2_mode', [lr_target_1, lr_target_1.map((x) => x + 2)], [momentum_target_1, momentum_target_1.map((x) => x + 2)], 22,
    () => new CyclicLR(t.opt, { baseLr: [1, 3], maxLr: [5, 7], stepSizeUp: 4, cycleMomentum: true, baseMomentum: [1, 3], maxMomentum: [5, 7], mode: 'triangular2' }));
  cycle('cycle_lr_exp_range_mode', [xs.map((x, i) => 1 + x * 4 * 0.9 ** i), xs.map((x, i) => 5 + x * 7 * 0.9 ** i)],
    [xs.map((x, i) => 5 - x * 4 * 0.9 ** i), xs.map((x, i) => 12 - x * 7 * 0.9 ** i)], 13,
    () => new CyclicLR(t.opt, { baseLr: [1, 5], maxLr: [5, 12], stepSizeUp: 4, cycleMomentum: true, baseMomentum: [1, 5], maxMomentum: [5, 12], mode: 'exp_range', gamma: 0.9 }));
  lr_target = [1.0, 2.0, 3.0, 4.0, 5.0, 13.0 / 3, 11.0 / 3, 9.0 / 3, 7.0 / 3, 5.0 / 3, 1.0];
  momentum_target = [5.0, 4.0, 3.0, 2.0, 1.0, 5.0 / 3, 7.0 / 3, 3.0, 11.0 / 3, 13.0 / 3, 5.0];
  cycle('cycle_lr_triangular_mode_step_size_up_down', [lr_target, lr_target], [momentum_target, momentum_target], 11,
    () => new CyclicLR(t.opt, { baseLr: 1, maxLr: 5, stepSizeUp: 4, stepSizeDown: 6, cycleMomentum: true, baseMomentum: 1, maxMomentum: 5, mode: 'triangular' }));
  const lr_base_target = [1.0, 3.0, 5.0, 13.0 / 3, 11.0 / 3, 9.0 / 3, 7.0 / 3, 5.0 / 3, 1.0, 2.0, 3.0, 8.0 / 3, 7.0 / 3, 6.0 / 3,
    5.0 / 3, 4.0 / 3, 1.0, 3.0 / 2, 2.0, 11.0 / 6, 10.0 / 6, 9.0 / 6, 8.0 / 6, 7.0 / 6];
  const momentum_base_target = [5.0, 3.0, 1.0, 5.0 / 3, 7.0 / 3, 3.0, 11.0 / 3, 13.0 / 3, 5.0, 4.0, 3.0, 10.0 / 3, 11.0 / 3, 4.0,
    13.0 / 3, 14.0 / 3, 5.0, 4.5, 4.0, 25.0 / 6, 13.0 / 3, 4.5, 14.0 / 3, 29.0 / 6];
  cycle('cycle_lr_triangular2_mode_step_size_up_down', [0, 2].map((d) => lr_base_target.map((x) => x + d)), [0, 2].map((d) => momentum_base_target.map((x) => x + d)), 24,
    () => new CyclicLR(t.opt, { baseLr: [1, 3], maxLr: [5, 7], stepSizeUp: 2, stepSizeDown: 6, cycleMomentum: true, baseMomentum: [1, 3], maxMomentum: [5, 7], mode: 'triangular2' }));
  xs = [0.0, 0.5, 1.0, 5.0 / 6, 4.0 / 6, 3.0 / 6, 2.0 / 6, 1.0 / 6, 0.0, 0.5, 1.0, 5.0 / 6, 4.0 / 6];
  lt = xs.map((x, i) => 1 + x * 4 * 0.9 ** i);
  mt = xs.map((x, i) => 5 - x * 4 * 0.9 ** i);
  cycle('cycle_lr_exp_range_mode_step_size_up_down', [lt, lt], [mt, mt], 13,
    () => new CyclicLR(t.opt, { baseLr: 1, maxLr: 5, stepSizeUp: 2, stepSizeDown: 6, cycleMomentum: true, baseMomentum: 1, maxMomentum: 5, mode: 'exp_range', gamma: 0.9 }));

  const adam = () => new Adam([{ params: t.net.conv1.parameters() }, { params: t.net.conv2.parameters(), lr: 0.5 }], { lr: 0.05 });
  lr_target = [1, 2, 3, 4, 5, 4, 3, 2, 1, 2, 3];
  cycle('cycle_lr_with_momentumless_optimizer', [lr_target, lr_target], [rep(null, 11), rep(null, 11)], 11,
    () => new CyclicLR(t.opt, { baseLr: 1, maxLr: 5, stepSizeUp: 4, cycleMomentum: false, mode: 'triangular' }), { opt: adam });
  name = 'test_cycle_lr_cycle_momentum_fail_with_momentumless_optimizer';
  raises('Adam', () => new CyclicLR(new Adam(t.net.parameters()), { baseLr: 1, maxLr: 5, cycleMomentum: true }));
  name = 'test_onecycle_lr_invalid';
  raises('anneal_strategy', () => new OneCycleLR(t.opt, { maxLr: 1e-3, totalSteps: 10, annealStrategy: 'CATS' }));
  raises('pct_start', () => new OneCycleLR(t.opt, { maxLr: 1e-3, totalSteps: 10, pctStart: 1.1 }));
  raises('total_steps', () => new OneCycleLR(t.opt, { maxLr: 1e-3 }));
  lr_target = [1, 13, 25, 21.5, 18, 14.5, 11, 7.5, 4, 0.5];
  momentum_target = [22, 11.5, 1, 4, 7, 10, 13, 16, 19, 22];
  cycle('onecycle_lr_linear_annealing', [lr_target, lr_target], [momentum_target, momentum_target], 10,
    () => new OneCycleLR(t.opt, { maxLr: 25, finalDivFactor: 2, baseMomentum: 1, maxMomentum: 22, totalSteps: 10, annealStrategy: 'linear' }));
  const lt3 = [1, 9, 17, 25, 17, 9, 1, 0.75, 0.5, 0.25], mt3 = [22, 15, 8, 1, 8, 15, 22, 22, 22, 22];
  cycle('onecycle_lr_linear_annealing_three_phases', [lt3, lt3], [mt3, mt3], 10,
    () => new OneCycleLR(t.opt, { maxLr: 25, divFactor: 25, baseMomentum: 1, maxMomentum: 22, totalSteps: 10, annealStrategy: 'linear', pctStart: 0.4, finalDivFactor: 4, threePhase: true }));
  const annealing_cos = (start, end, pct) => end + ((start - end) / 2.0) * (Math.cos(Math.PI * pct) + 1);
  const ltc = [1, 13, 25, ...range(6, (k) => annealing_cos(25, 0.5, (k + 1) / 7.0)), 0.5];
  const mtc = [22, 11.5, 1, ...range(6, (k) => annealing_cos(1, 22, (k + 1) / 7.0)), 22];
  cycle('onecycle_lr_cosine_annealing', [ltc, ltc], [mtc, mtc], 10,
    () => new OneCycleLR(t.opt, { maxLr: 25, finalDivFactor: 2, baseMomentum: 1, maxMomentum: 22, totalSteps: 10 }));
  cycle('cycle_lr_with_adam', [lr_target, lr_target], [momentum_target, momentum_target], 10,
    () => new OneCycleLR(t.opt, { maxLr: 25, finalDivFactor: 2, baseMomentum: 1, maxMomentum: 22, totalSteps: 10, annealStrategy: 'linear' }), { opt: adam, useBeta1: true });

  run('test_lambda_lr', () => {
    t.opt.paramGroups[0].lr = 0.05;
    t.opt.paramGroups[1].lr = 0.4;
    const targets = [range(10, (x) => 0.05 * 0.9 ** x), range(10, (x) => 0.4 * 0.8 ** x)];
    _test(new LambdaLR(t.opt, { lrLambda: [(x1) => 0.9 ** x1, (x2) => 0.8 ** x2] }), targets, 10);
  });
  run('test_multiplicative_lr', () => {
    t.opt.paramGroups[0].lr = 0.05;
    t.opt.paramGroups[1].lr = 0.4;
    const targets = [range(10, (x) => 0.05 * 0.9 ** x), range(10, (x) => 0.4 * 0.8 ** x)];
    _test(new MultiplicativeLR(t.opt, { lrLambda: [() => 0.9, () => 0.8] }), targets, 10);
  });

  const warmTarget = (lr, eta_min, T_cur, T_i) => eta_min + ((lr - eta_min) * (1 + Math.cos((Math.PI * T_cur) / T_i))) / 2;
  for (const T_mult of [1, 2, 4]) {
    name = `test_CosineAnnealingWarmRestarts_lr1_T_mult_${T_mult}`;
    t.setUp();
    const [iters, eta_min] = [100, 1e-10];
    let [T_i, T_cur] = [10, 0];
    const targets = [[0.05], [0.5]];
    const scheduler = new CosineAnnealingWarmRestarts(t.opt, { T0: T_i, TMult: T_mult, etaMin: eta_min });
    for (let k = 1; k < iters; k++) {
      T_cur += 1;
      if (T_cur >= T_i) {
        T_cur = T_cur - T_i;
        T_i = T_mult * T_i;
      }
      targets[0].push(warmTarget(0.05, eta_min, T_cur, T_i));
      targets[1].push(warmTarget(0.5, eta_min, T_cur, T_i));
    }
    _test(scheduler, targets, iters);
  }
  name = 'test_CosineAnnealingWarmRestarts_lr2';
  for (const T_mult of [1, 2, 4]) {
    t.setUp();
    const [iters, eta_min] = [30, 1e-10];
    let [T_i, T_cur] = [10, 0];
    const targets = [[0.05], [0.5]];
    const scheduler = new CosineAnnealingWarmRestarts(t.opt, { T0: T_i, TMult: T_mult, etaMin: eta_min });
    for (let k = 0; k < tg.arange(0.1, iters, 0.1).numel(); k++) {
      T_cur = Math.round((T_cur + 0.1) * 10) / 10; // round(T_cur + 0.1, 1)
      if (T_cur >= T_i) {
        T_cur = T_cur - T_i;
        T_i = T_mult * T_i;
      }
      targets[0].push(warmTarget(0.05, eta_min, T_cur, T_i));
      targets[1].push(warmTarget(0.5, eta_min, T_cur, T_i));
    }
    _test_CosineAnnealingWarmRestarts(scheduler, targets, iters);
  }
  name = 'test_CosineAnnealingWarmRestarts_lr3';
  const ints = (a) => a.map((e) => [e, String(e)]);
  const floats = (a) => a.map((e) => [e, pyFloat(e)]);
  const lr3 = [
    [ints([0, 1, 2, 3, 4, 5, 12, 27, 3, 4, 5, 6, 13]), 1, [1, 2, 3, 4, 5, 2, 7, 3, 4, 5, 6, 3], rep(10, 12)],
    [ints([0, 1, 2, 3, 4, 5, 25, 32, 33, 34, 80, 81, 3]), 2, [1, 2, 3, 4, 5, 15, 2, 3, 4, 10, 11, 3], [10, 10, 10, 10, 10, 20, 40, 40, 40, 80, 80, 10]],
    [[[0, '0'], ...floats([0.1, 0.2, 0.3, 1.3, 2.3, 17.5, 18.5, 19.5, 29.5, 30.5, 31.5]), [50, '50']], 3,
      [0.1, 0.2, 0.3, 1.3, 2.3, 7.5, 8.5, 9.5, 19.5, 20.5, 21.5, 10], [10, 10, 10, 10, 10, 30, 30, 30, 30, 30, 30, 90]],
  ];
  for (const [epochs, T_mult, T_curs, T_is] of lr3) {
    t.setUp();
    const eta_min = 1e-10;
    const targets = [[0.05], [0.5]];
    const scheduler = new CosineAnnealingWarmRestarts(t.opt, { T0: 10, TMult: T_mult, etaMin: eta_min });
    T_curs.forEach((T_cur, k) => {
      targets[0].push(warmTarget(0.05, eta_min, T_cur, T_is[k]));
      targets[1].push(warmTarget(0.5, eta_min, T_cur, T_is[k]));
    });
    _test_interleaved_CosineAnnealingWarmRestarts(scheduler, targets, epochs);
  }

  for (const [label, constr, constr2, epochs] of [
    ['step_lr', () => new StepLR(t.opt, { gamma: 0.1, stepSize: 3 }), () => new StepLR(t.opt, { gamma: 0.01 / 2, stepSize: 1 }), 10],
    ['multi_step_lr', () => new MultiStepLR(t.opt, { gamma: 0.1, milestones: [2, 5, 9] }), () => new MultiStepLR(t.opt, { gamma: 0.01, milestones: [1, 4, 6] }), 10],
    ['exp_step_lr', () => new ExponentialLR(t.opt, { gamma: 0.1 }), () => new ExponentialLR(t.opt, { gamma: 0.01 }), 10],
    ['cosine_lr', () => new CosineAnnealingLR(t.opt, { TMax: 10, etaMin: 1e-10 }), () => new CosineAnnealingLR(t.opt, { TMax: 5, etaMin: 1e-10 / 2 }), 10],
    ['CosineAnnealingWarmRestarts_lr', () => new CosineAnnealingWarmRestarts(t.opt, { T0: 10, TMult: 2 }), () => new CosineAnnealingWarmRestarts(t.opt, { T0: 100 }), 10],
  ]) {
    name = `test_${label}_state_dict`;
    t.setUp();
    _check_scheduler_state_dict(constr, constr2, epochs);
  }

  run('test_reduce_lr_on_plateau_state_dict', () => {
    const scheduler = new ReduceLROnPlateau(t.opt, { mode: 'min', factor: 0.1, patience: 2 });
    for (const score of [1.0, 2.0, 3.0, 4.0, 3.0, 4.0, 5.0, 3.0, 2.0, 1.0]) scheduler.step(score);
    const scheduler_copy = new ReduceLROnPlateau(t.opt, { mode: 'max', factor: 0.5, patience: 10 });
    scheduler_copy.loadStateDict(scheduler.stateDict());
    // [PyTorch key, tensorgrad attribute, whether Python holds an int]
    for (const [key, attr, isInt] of [['factor', 'factor'], ['min_lrs', 'minLrs', true], ['patience', 'patience', true], ['cooldown', 'cooldown', true],
      ['cooldown_counter', 'cooldownCounter', true], ['mode', 'mode'], ['threshold', 'threshold'], ['threshold_mode', 'thresholdMode'], ['best', 'best'],
      ['num_bad_epochs', 'numBadEpochs', true], ['eps', 'eps'], ['last_epoch', 'lastEpoch', true]]) {
      const a = scheduler[attr], b = scheduler_copy[attr];
      report(key, b, JSON.stringify(a) === JSON.stringify(b), isInt);
    }
  });
  run('test_cosine_then_cyclic', () => {
    const model = new tg.nn.Linear(2, 1);
    const optimizer = new SGD(model.parameters(), { lr: 0.5 });
    const lr_scheduler_1 = new CosineAnnealingLR(optimizer, { TMax: 20, etaMin: 0.1 });
    const lr_scheduler_2 = new CyclicLR(optimizer, { baseLr: 0.1, maxLr: 0.3, stepSizeUp: 1, stepSizeDown: 3 });
    let last_lr;
    for (let i = 0; i < 40; i++) {
      optimizer.step();
      if (i <= lr_scheduler_1.TMax) lr_scheduler_1.step();
      else lr_scheduler_2.step();
      last_lr = optimizer.paramGroups[0].lr;
    }
    report('last_lr', last_lr, last_lr <= 0.3);
  });
}

await runIfMain(import.meta, main);
