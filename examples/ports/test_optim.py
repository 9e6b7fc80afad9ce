# PyTorch twin of test_optim.mjs: a slice of PyTorch's own test/test_optim.py (pytorch/pytorch commit
# 005941ebcd15da658ae14bf349b5457517ff9318), TestOptim: test_multi_tensor_optimizers's configurations (every
# optimizer and flag set tensorgrad has) run as _test_derived_optimizers runs them (Linear(2, 3), Sigmoid,
# Linear(3, 1), Sigmoid in float64 on the test's input, four steps of output.sum()), printing the parameters after
# the four steps instead of comparing two implementations; then _test_basic_cases_template for test_sgd's and
# test_adam's / test_adamw's constructors and schedulers (200 steps of (weight.mv(input) + bias).pow(2).sum(),
# minimized and maximized), printing the first and the last loss; then the ValueError cases. Stand-ins:
# torch.manual_seed(1) + the default init and torch.randn draw from detrand (float64). Left out: Rprop, ASGD,
# SparseAdam (tensorgrad has none), sparse and complex parameters, CUDA and the multi-tensor/fused twins.
# Run: /usr/bin/python3 examples/ports/test_optim.py > examples/ports/test_optim.expected.txt
import warnings

import torch
import torch.optim as optim
from torch.optim.lr_scheduler import StepLR, ExponentialLR, LinearLR, ConstantLR, ReduceLROnPlateau, PolynomialLR

import detrand

warnings.simplefilter('ignore')
detrand.seed(31)

# _test_derived_optimizers over test_multi_tensor_optimizers's flags
optimizer_flags = [
    (optim.Adam, dict(weight_decay=1., amsgrad=True)),
    (optim.Adam, dict(weight_decay=1., amsgrad=False)),
    (optim.Adam, dict(weight_decay=0., amsgrad=True)),
    (optim.Adam, dict(weight_decay=0., amsgrad=False)),
    (optim.AdamW, dict(weight_decay=1., amsgrad=True)),
    (optim.AdamW, dict(weight_decay=1., amsgrad=False)),
    (optim.AdamW, dict(weight_decay=0., amsgrad=True)),
    (optim.AdamW, dict(weight_decay=0., amsgrad=False)),
    (optim.NAdam, dict(weight_decay=0., momentum_decay=6e-3)),
    (optim.NAdam, dict(weight_decay=1., momentum_decay=6e-3)),
    (optim.NAdam, dict(weight_decay=0., momentum_decay=4e-3)),
    (optim.NAdam, dict(weight_decay=0.01, momentum_decay=4e-3)),
    (optim.SGD, dict(lr=0.2, momentum=1, dampening=0, weight_decay=1, nesterov=True)),
    (optim.SGD, dict(lr=0.2, momentum=1, dampening=0.5, weight_decay=1, nesterov=False)),
    (optim.RAdam, dict(weight_decay=0)),
    (optim.RAdam, dict(weight_decay=1)),
    (optim.RMSprop, dict(weight_decay=1, momentum=1, centered=True)),
    (optim.RMSprop, dict(weight_decay=1, momentum=0, centered=True)),
    (optim.RMSprop, dict(weight_decay=1, momentum=1, centered=False)),
    (optim.RMSprop, dict(weight_decay=0, momentum=1, centered=False)),
    (optim.Adamax, dict(weight_decay=0)),
    (optim.Adamax, dict(weight_decay=1)),
    (optim.Adadelta, dict(weight_decay=0)),
    (optim.Adadelta, dict(weight_decay=1)),
    (optim.Adagrad, dict(weight_decay=0)),
    (optim.Adagrad, dict(weight_decay=1)),
]
kIterations = 4
for opt, params in optimizer_flags:
    input = torch.tensor([0.1, 0.2, 0.3, 0.4, 0.5, 0.6], dtype=torch.float64).reshape(3, 2)
    detrand.seed(1)  # torch.manual_seed(1)
    model = torch.nn.Sequential(torch.nn.Linear(2, 3), torch.nn.Sigmoid(), torch.nn.Linear(3, 1), torch.nn.Sigmoid())
    model.to(dtype=torch.float64)
    detrand.init_(model)
    optimizer = opt(model.parameters(), **params)
    for _ in range(kIterations):
        optimizer.zero_grad()
        output = model(input)
        loss = output.sum()
        loss.backward()
        optimizer.step()
    print(opt.__name__, sorted(params.items()), 'loss', loss.item())
    print(' ', [round(v, 12) for p in model.parameters() for v in p.detach().flatten().tolist()])


# _test_basic_cases_template
def basic(label, constructor, scheduler_constructors=()):
    weight0, bias0, input0 = detrand.randn(10, 5, dtype=torch.float64), detrand.randn(10, dtype=torch.float64), \
        detrand.randn(5, dtype=torch.float64)
    for maximize in (False, True):
        weight = weight0.clone().requires_grad_(True)
        bias = bias0.clone().requires_grad_(True)
        optimizer = constructor(weight, bias, maximize)
        schedulers = [c(optimizer) for c in scheduler_constructors]

        def fn():
            optimizer.zero_grad()
            y = weight.mv(input0)
            loss = (y + bias).pow(2).sum()
            loss.backward()
            return loss

        initial_value = fn().item()
        for _i in range(200):
            for scheduler in schedulers:
                if isinstance(scheduler, ReduceLROnPlateau):
                    scheduler.step(fn())
                else:
                    scheduler.step()
            optimizer.step(fn)
        final = fn().item()
        print(label, 'maximize' if maximize else 'minimize', '%.10g' % initial_value, '%.10g' % final,
              final > initial_value if maximize else final < initial_value)


def params_dict(weight, bias, **kwargs):
    return [{'params': [weight]}, dict(params=[bias], **kwargs)]


for name, cls in (('SGD', optim.SGD), ('Adam', optim.Adam), ('AdamW', optim.AdamW)):
    basic(name + ' lr', lambda w, b, m: cls([w, b], lr=1e-3, maximize=m))
    basic(name + ' groups', lambda w, b, m: cls(params_dict(w, b, lr=1e-2), lr=1e-3, maximize=m))
basic('SGD StepLR', lambda w, b, m: optim.SGD([w, b], lr=1e-3, maximize=m), [lambda o: StepLR(o, gamma=0.9, step_size=10)])
basic('SGD StepLR+LinearLR', lambda w, b, m: optim.SGD([w, b], lr=1e-3, maximize=m),
      [lambda o: StepLR(o, gamma=0.9, step_size=10), lambda o: LinearLR(o, start_factor=0.4, end_factor=0.6, total_iters=4)])
basic('SGD StepLR+Plateau', lambda w, b, m: optim.SGD([w, b], lr=1e-3, maximize=m),
      [lambda o: StepLR(o, gamma=0.9, step_size=10), lambda o: ReduceLROnPlateau(o)])
basic('SGD Step+Exp+Plateau', lambda w, b, m: optim.SGD([w, b], lr=1e-3, maximize=m),
      [lambda o: StepLR(o, gamma=0.99, step_size=10), lambda o: ExponentialLR(o, gamma=0.99), lambda o: ReduceLROnPlateau(o)])
basic('SGD momentum', lambda w, b, m: optim.SGD([w, b], lr=1e-3, momentum=0.5, maximize=m))
basic('SGD momentum wd', lambda w, b, m: optim.SGD([w, b], lr=1e-3, momentum=0.5, weight_decay=1, maximize=m))
basic('SGD nesterov', lambda w, b, m: optim.SGD([w, b], nesterov=True, lr=1e-3, momentum=0.5, weight_decay=1, maximize=m))
basic('SGD PolynomialLR', lambda w, b, m: optim.SGD([w, b], lr=1e-3, maximize=m), [lambda o: PolynomialLR(o, power=0.9, total_iters=4)])
basic('Adam amsgrad', lambda w, b, m: optim.Adam([w, b], lr=1e-3, amsgrad=True, maximize=m))
basic('Adam wd', lambda w, b, m: optim.Adam([w, b], lr=1e-3, weight_decay=0.1, maximize=m))
basic('Adam groups amsgrad', lambda w, b, m: optim.Adam(params_dict(w, b, lr=1e-2), lr=1e-3, amsgrad=True, maximize=m))
basic('Adam ExponentialLR', lambda w, b, m: optim.Adam(params_dict(w, b, lr=1e-2), lr=1e-3, maximize=m),
      [lambda o: ExponentialLR(o, gamma=0.9)])
basic('Adam amsgrad Constant+Exp', lambda w, b, m: optim.Adam([w, b], lr=1e-3, amsgrad=True, maximize=m),
      [lambda o: ConstantLR(o, factor=0.4, total_iters=4), lambda o: ExponentialLR(o, gamma=0.9)])
basic('Adam amsgrad Exp+Plateau', lambda w, b, m: optim.Adam([w, b], lr=1e-3, amsgrad=True, maximize=m),
      [lambda o: ExponentialLR(o, gamma=0.9), lambda o: ReduceLROnPlateau(o)])
basic('AdamW wd', lambda w, b, m: optim.AdamW([w, b], lr=1e-3, weight_decay=1, maximize=m))
basic('AdamW wd amsgrad', lambda w, b, m: optim.AdamW([w, b], lr=1e-3, weight_decay=1, amsgrad=True, maximize=m))


def raises(label, fn):
    try:
        fn()
        print(label, 'no error')
    except ValueError as e:
        print(label, 'ValueError', str(e))


raises('SGD momentum', lambda: optim.SGD(None, lr=1e-2, momentum=-0.5))
raises('Adam betas', lambda: optim.Adam(None, lr=1e-2, betas=(1.0, 0.0)))
raises('Adam weight_decay', lambda: optim.Adam(None, lr=1e-2, weight_decay=-1))
raises('AdamW weight_decay', lambda: optim.AdamW(None, lr=1e-2, weight_decay=-1))
