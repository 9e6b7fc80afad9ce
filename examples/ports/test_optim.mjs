// Port of a slice of PyTorch's own test/test_optim.py (pytorch/pytorch commit
// 005941ebcd15da658ae14bf349b5457517ff9318), TestOptim: test_multi_tensor_optimizers's configurations run as
// _test_derived_optimizers runs them (a float64 Linear-Sigmoid-Linear-Sigmoid, four steps), the parameters
// printed; _test_basic_cases_template for test_sgd's, test_adam's and test_adamw's constructors and schedulers,
// minimized and maximized, the first and last loss printed; the ValueError cases. test_optim.py is the twin (its
// header lists the stand-ins and what is left out) and test_optim.expected.txt what it prints under PyTorch 1.13
// (test/ports/test_optim.test.ts compares). A ValueError is a RangeError; snake_case options are camelCase.
// Run: node examples/ports/test_optim.mjs
import * as detrand from './detrand.mjs';
import { pyFloat, runIfMain } from './py.mjs';

/** Python's '%.<p>g' % x. */
function pyG(x, p) {
  const [m, e] = x.toExponential(p - 1).split('e');
  const exp = Number(e);
  const strip = (s) => (s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s);
  if (exp < -4 || exp >= p) return `${strip(m)}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  return strip(x.toFixed(p - 1 - exp));
}

export function main(tg, print) {
  const optim = tg.optim;
  const { StepLR, ExponentialLR, LinearLR, ConstantLR, ReduceLROnPlateau, PolynomialLR } = optim.lrScheduler;
  const D = { dtype: 'float64' };
  detrand.seed(31);
  const py = (v) => (typeof v === 'boolean' ? (v ? 'True' : 'False') : String(v));

  // _test_derived_optimizers over test_multi_tensor_optimizers's flags: [class, options, the flags as Python
  // prints sorted(params.items()) (ints and floats as Python held them)]
  const f = (x) => pyFloat(x);
  const optimizer_flags = [
    [optim.Adam, { weightDecay: 1, amsgrad: true }, [['amsgrad', 'True'], ['weight_decay', f(1)]]],
    [optim.Adam, { weightDecay: 1, amsgrad: false }, [['amsgrad', 'False'], ['weight_decay', f(1)]]],
    [optim.Adam, { weightDecay: 0, amsgrad: true }, [['amsgrad', 'True'], ['weight_decay', f(0)]]],
    [optim.Adam, { weightDecay: 0, amsgrad: false }, [['amsgrad', 'False'], ['weight_decay', f(0)]]],
    [optim.AdamW, { weightDecay: 1, amsgrad: true }, [['amsgrad', 'True'], ['weight_decay', f(1)]]],
    [optim.AdamW, { weightDecay: 1, amsgrad: false }, [['amsgrad', 'False'], ['weight_decay', f(1)]]],
    [optim.AdamW, { weightDecay: 0, amsgrad: true }, [['amsgrad', 'True'], ['weight_decay', f(0)]]],
    [optim.AdamW, { weightDecay: 0, amsgrad: false }, [['amsgrad', 'False'], ['weight_decay', f(0)]]],
    [optim.NAdam, { weightDecay: 0, momentumDecay: 6e-3 }, [['momentum_decay', f(6e-3)], ['weight_decay', f(0)]]],
    [optim.NAdam, { weightDecay: 1, momentumDecay: 6e-3 }, [['momentum_decay', f(6e-3)], ['weight_decay', f(1)]]],
    [optim.NAdam, { weightDecay: 0, momentumDecay: 4e-3 }, [['momentum_decay', f(4e-3)], ['weight_decay', f(0)]]],
    [optim.NAdam, { weightDecay: 0.01, momentumDecay: 4e-3 }, [['momentum_decay', f(4e-3)], ['weight_decay', f(0.01)]]],
    [optim.SGD, { lr: 0.2, momentum: 1, dampening: 0, weightDecay: 1, nesterov: true },
      [['dampening', '0'], ['lr', f(0.2)], ['momentum', '1'], ['nesterov', 'True'], ['weight_decay', '1']]],
    [optim.SGD, { lr: 0.2, momentum: 1, dampening: 0.5, weightDecay: 1, nesterov: false },
      [['dampening', f(0.5)], ['lr', f(0.2)], ['momentum', '1'], ['nesterov', 'False'], ['weight_decay', '1']]],
    [optim.RAdam, { weightDecay: 0 }, [['weight_decay', '0']]],
    [optim.RAdam, { weightDecay: 1 }, [['weight_decay', '1']]],
    [optim.RMSprop, { weightDecay: 1, momentum: 1, centered: true }, [['centered', 'True'], ['momentum', '1'], ['weight_decay', '1']]],
    [optim.RMSprop, { weightDecay: 1, momentum: 0, centered: true }, [['centered', 'True'], ['momentum', '0'], ['weight_decay', '1']]],
    [optim.RMSprop, { weightDecay: 1, momentum: 1, centered: false }, [['centered', 'False'], ['momentum', '1'], ['weight_decay', '1']]],
    [optim.RMSprop, { weightDecay: 0, momentum: 1, centered: false }, [['centered', 'False'], ['momentum', '1'], ['weight_decay', '0']]],
    [optim.Adamax, { weightDecay: 0 }, [['weight_decay', '0']]],
    [optim.Adamax, { weightDecay: 1 }, [['weight_decay', '1']]],
    [optim.Adadelta, { weightDecay: 0 }, [['weight_decay', '0']]],
    [optim.Adadelta, { weightDecay: 1 }, [['weight_decay', '1']]],
    [optim.Adagrad, { weightDecay: 0 }, [['weight_decay', '0']]],
    [optim.Adagrad, { weightDecay: 1 }, [['weight_decay', '1']]],
  ];
  const kIterations = 4;
  for (const [opt, params, label] of optimizer_flags) {
    const input = tg.tensor([0.1, 0.2, 0.3, 0.4, 0.5, 0.6], D).reshape(3, 2);
    detrand.seed(1); // torch.manual_seed(1)
    const model = new tg.nn.Sequential(new tg.nn.Linear(2, 3), new tg.nn.Sigmoid(), new tg.nn.Linear(3, 1), new tg.nn.Sigmoid());
    model.to(D);
    detrand.init_(tg, model);
    const optimizer = new opt(model.parameters(), params);
    let loss;
    for (let k = 0; k < kIterations; k++) {
      optimizer.zeroGrad();
      const output = model.call(input);
      loss = output.sum();
      loss.backward();
      optimizer.step();
    }
    print(opt.name, `[${label.map(([k, v]) => `('${k}', ${v})`).join(', ')}]`, 'loss', pyFloat(loss.item()));
    print(' ', `[${model.parameters().flatMap((p) => p.detach().flatten().tolist()).map((v) => pyFloat(Number(v.toFixed(12)))).join(', ')}]`);
  }

  // _test_basic_cases_template
  function basic(label, constructor, scheduler_constructors = []) {
    const [weight0, bias0, input0] = [detrand.randn(tg, [10, 5], D), detrand.randn(tg, [10], D), detrand.randn(tg, [5], D)];
    for (const maximize of [false, true]) {
      const weight = weight0.clone().requiresGrad_(true);
      const bias = bias0.clone().requiresGrad_(true);
      const optimizer = constructor(weight, bias, maximize);
      const schedulers = scheduler_constructors.map((c) => c(optimizer));
      const fn = () => {
        optimizer.zeroGrad();
        const y = weight.mv(input0);
        const loss = y.add(bias).pow(2).sum();
        loss.backward();
        return loss;
      };
      const initial_value = fn().item();
      for (let i = 0; i < 200; i++) {
        for (const scheduler of schedulers) {
          if (scheduler instanceof ReduceLROnPlateau) scheduler.step(fn());
          else scheduler.step();
        }
        optimizer.step(fn);
      }
      const final = fn().item();
      print(label, maximize ? 'maximize' : 'minimize', pyG(initial_value, 10), pyG(final, 10), py(maximize ? final > initial_value : final < initial_value));
    }
  }
  const params_dict = (weight, bias, kwargs) => [{ params: [weight] }, { params: [bias], ...kwargs }];

  for (const [name, cls] of [['SGD', optim.SGD], ['Adam', optim.Adam], ['AdamW', optim.AdamW]]) {
    basic(`${name} lr`, (w, b, m) => new cls([w, b], { lr: 1e-3, maximize: m }));
    basic(`${name} groups`, (w, b, m) => new cls(params_dict(w, b, { lr: 1e-2 }), { lr: 1e-3, maximize: m }));
  }
  const sgd = (w, b, m) => new optim.SGD([w, b], { lr: 1e-3, maximize: m });
  basic('SGD StepLR', sgd, [(o) => new StepLR(o, { gamma: 0.9, stepSize: 10 })]);
  basic('SGD StepLR+LinearLR', sgd, [(o) => new StepLR(o, { gamma: 0.9, stepSize: 10 }), (o) => new LinearLR(o, { startFactor: 0.4, endFactor: 0.6, totalIters: 4 })]);
  basic('SGD StepLR+Plateau', sgd, [(o) => new StepLR(o, { gamma: 0.9, stepSize: 10 }), (o) => new ReduceLROnPlateau(o)]);
  basic('SGD Step+Exp+Plateau', sgd, [(o) => new StepLR(o, { gamma: 0.99, stepSize: 10 }), (o) => new ExponentialLR(o, { gamma: 0.99 }), (o) => new ReduceLROnPlateau(o)]);
  basic('SGD momentum', (w, b, m) => new optim.SGD([w, b], { lr: 1e-3, momentum: 0.5, maximize: m }));
  basic('SGD momentum wd', (w, b, m) => new optim.SGD([w, b], { lr: 1e-3, momentum: 0.5, weightDecay: 1, maximize: m }));
  basic('SGD nesterov', (w, b, m) => new optim.SGD([w, b], { nesterov: true, lr: 1e-3, momentum: 0.5, weightDecay: 1, maximize: m }));
  basic('SGD PolynomialLR', sgd, [(o) => new PolynomialLR(o, { power: 0.9, totalIters: 4 })]);
  basic('Adam amsgrad', (w, b, m) => new optim.Adam([w, b], { lr: 1e-3, amsgrad: true, maximize: m }));
  basic('Adam wd', (w, b, m) => new optim.Adam([w, b], { lr: 1e-3, weightDecay: 0.1, maximize: m }));
  basic('Adam groups amsgrad', (w, b, m) => new optim.Adam(params_dict(w, b, { lr: 1e-2 }), { lr: 1e-3, amsgrad: true, maximize: m }));
  basic('Adam ExponentialLR', (w, b, m) => new optim.Adam(params_dict(w, b, { lr: 1e-2 }), { lr: 1e-3, maximize: m }), [(o) => new ExponentialLR(o, { gamma: 0.9 })]);
  basic('Adam amsgrad Constant+Exp', (w, b, m) => new optim.Adam([w, b], { lr: 1e-3, amsgrad: true, maximize: m }),
    [(o) => new ConstantLR(o, { factor: 0.4, totalIters: 4 }), (o) => new ExponentialLR(o, { gamma: 0.9 })]);
  basic('Adam amsgrad Exp+Plateau', (w, b, m) => new optim.Adam([w, b], { lr: 1e-3, amsgrad: true, maximize: m }),
    [(o) => new ExponentialLR(o, { gamma: 0.9 }), (o) => new ReduceLROnPlateau(o)]);
  basic('AdamW wd', (w, b, m) => new optim.AdamW([w, b], { lr: 1e-3, weightDecay: 1, maximize: m }));
  basic('AdamW wd amsgrad', (w, b, m) => new optim.AdamW([w, b], { lr: 1e-3, weightDecay: 1, amsgrad: true, maximize: m }));

  function raises(label, fn) {
    try {
      fn();
      print(label, 'no error');
    } catch (e) {
      if (!(e instanceof RangeError)) throw e;
      print(label, 'ValueError', e.message);
    }
  }
  raises('SGD momentum', () => new optim.SGD(null, { lr: 1e-2, momentum: -0.5 }));
  raises('Adam betas', () => new optim.Adam(null, { lr: 1e-2, betas: [1.0, 0.0] }));
  raises('Adam weight_decay', () => new optim.Adam(null, { lr: 1e-2, weightDecay: -1 }));
  raises('AdamW weight_decay', () => new optim.AdamW(null, { lr: 1e-2, weightDecay: -1 }));
}

await runIfMain(import.meta, main);
