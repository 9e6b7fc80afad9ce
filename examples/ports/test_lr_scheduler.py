# PyTorch twin of test_lr_scheduler.mjs: a slice of PyTorch's own test/test_optim.py (pytorch/pytorch commit
# 005941ebcd15da658ae14bf349b5457517ff9318), TestLRScheduler: every scheduler on the test's SGD over two
# Conv2d(1, 1, 1) with two param groups (lr 0.05 and 0.5), stepped as the test's helpers step it (_test,
# _test_get_last_lr, _test_with_epoch, _test_against_closed_form, _test_reduce_lr_on_plateau, _test_cycle_lr,
# _test_CosineAnnealingWarmRestarts, _check_scheduler_state_dict). Where a helper compares a learning rate with
# its target (atol 1e-5) the port prints the learning rates and whether all matched, so the rates themselves
# are compared to the last bit. Left out: the warning tests (old/new step order, epoch deprecation), SWALR
# (torch.optim.swa_utils), gc/cyclic-reference checks, and the __dict__ comparisons of the state_dict tests
# (the learning rates after load_state_dict are printed instead). _test_against_closed_form builds both
# schedulers on a fresh optimizer and compares the chainable rate after k steps with the closed form's at
# epoch k (the test's own helper reads the optimizer its setUp() has just replaced, so it compares constants).
# Run: /usr/bin/python3 examples/ports/test_lr_scheduler.py > examples/ports/test_lr_scheduler.expected.txt
import math
import warnings

import torch
from torch.optim import SGD
import torch.optim as optim
from torch.optim.lr_scheduler import LambdaLR, MultiplicativeLR, SequentialLR, StepLR, \
    MultiStepLR, ConstantLR, LinearLR, ExponentialLR, CosineAnnealingLR, ReduceLROnPlateau, \
    _LRScheduler, CyclicLR, CosineAnnealingWarmRestarts, OneCycleLR, ChainedScheduler, PolynomialLR

warnings.simplefilter('ignore')


class SchedulerTestNet(torch.nn.Module):
    def __init__(self):
        super(SchedulerTestNet, self).__init__()
        self.conv1 = torch.nn.Conv2d(1, 1, 1)
        self.conv2 = torch.nn.Conv2d(1, 1, 1)


class T:
    def setUp(self):
        self.net = SchedulerTestNet()
        self.opt = SGD([{'params': self.net.conv1.parameters()}, {'params': self.net.conv2.parameters(), 'lr': 0.5}],
                       lr=0.05)


t = T()
t.setUp()
name = ['']


def lrs(opt=None):
    return [g['lr'] for g in (opt or t.opt).param_groups]


def close(a, b):
    return abs(a - b) <= 1e-5


def report(label, values, ok):
    print(name[0], label, values, ok)


def _test(schedulers, targets, epochs=10):
    if isinstance(schedulers, _LRScheduler):
        schedulers = [schedulers]
    for epoch in range(epochs):
        got = lrs()
        report(epoch, got, all(close(target[epoch], g) for g, target in zip(got, targets)))
        [scheduler.step() for scheduler in schedulers]


def _test_get_last_lr(schedulers, targets, epochs=10):
    if isinstance(schedulers, _LRScheduler):
        schedulers = [schedulers]
    optimizers = {id(scheduler.optimizer): scheduler.optimizer for scheduler in schedulers}.values()
    for epoch in range(epochs):
        result = [scheduler.get_last_lr() for scheduler in schedulers]
        [optimizer.step() for optimizer in optimizers]
        [scheduler.step() for scheduler in schedulers]
        target = [[t_[epoch] for t_ in targets]] * len(schedulers)
        report(epoch, result, all(close(a, b) for r, tg in zip(result, target) for a, b in zip(r, tg)))


def _test_with_epoch(schedulers, targets, epochs=10):
    if isinstance(schedulers, _LRScheduler):
        schedulers = [schedulers]
    for epoch in range(epochs):
        t.opt.step()
        [scheduler.step(epoch) for scheduler in schedulers]
        got = lrs()
        report(epoch, got, all(close(target[epoch], g) for g, target in zip(got, targets)))


def _test_against_closed_form(make, epochs=10):
    t.setUp()
    closed_form_scheduler = make()
    targets = []
    for epoch in range(epochs):
        closed_form_scheduler.optimizer.step()
        closed_form_scheduler.step(epoch + 1)
        targets.append(lrs())
    t.setUp()
    scheduler = make()
    for epoch in range(epochs):
        t.opt.step()
        scheduler.step()
        got = lrs()
        report(epoch, got, all(close(a, b) for a, b in zip(targets[epoch], got)))


def _test_lr_is_constant_for_constant_epoch(scheduler):
    l = []
    for _ in range(10):
        scheduler.optimizer.step()
        scheduler.step(2)
        l.append(t.opt.param_groups[0]['lr'])
    report('min == max', l[0], min(l) == max(l))


def _test_reduce_lr_on_plateau(schedulers, targets, metrics, epochs=10):
    if isinstance(schedulers, (_LRScheduler, ReduceLROnPlateau)):
        schedulers = [schedulers]
    for epoch in range(epochs):
        t.opt.step()
        for scheduler in schedulers:
            if isinstance(scheduler, ReduceLROnPlateau):
                scheduler.step(metrics[epoch])
            else:
                scheduler.step()
        got = lrs()
        report(epoch, got, all(close(target[epoch], g) for g, target in zip(got, targets)))


def _test_cycle_lr(scheduler, lr_targets, momentum_targets, batch_iterations, use_beta1=False):
    for batch_num in range(batch_iterations):
        ok = True
        moms = []
        for param_group, lr_target, momentum_target in zip(t.opt.param_groups, lr_targets, momentum_targets):
            ok = ok and close(lr_target[batch_num], param_group['lr'])
            if use_beta1 and 'betas' in param_group.keys():
                moms.append(param_group['betas'][0])
                ok = ok and close(momentum_target[batch_num], param_group['betas'][0])
            elif 'momentum' in param_group.keys():
                moms.append(param_group['momentum'])
                ok = ok and close(momentum_target[batch_num], param_group['momentum'])
        report(batch_num, [lrs(), moms], ok)
        t.opt.step()
        scheduler.step()


def _test_CosineAnnealingWarmRestarts(scheduler, targets, epochs=10):
    for index, epoch in enumerate(torch.arange(0, epochs, 0.1)):
        epoch = round(epoch.item(), 1)
        scheduler.step(epoch)
        got = lrs()
        report(epoch, got, all(close(target[index], g) for g, target in zip(got, targets)))


def _test_interleaved_CosineAnnealingWarmRestarts(scheduler, targets, epochs):
    for index, epoch in enumerate(epochs):
        scheduler.step(epoch)
        got = lrs()
        report(epoch, got, all(close(target[index], g) for g, target in zip(got, targets)))


def _check_scheduler_state_dict(constr, constr2, epochs=10):
    scheduler = constr()
    for _ in range(epochs):
        scheduler.optimizer.step()
        scheduler.step()
    scheduler_copy = constr2()
    scheduler_copy.load_state_dict(scheduler.state_dict())
    report('get_last_lr', scheduler_copy.get_last_lr(), scheduler.get_last_lr() == scheduler_copy.get_last_lr())
    report('last_epoch', scheduler_copy.last_epoch, scheduler.last_epoch == scheduler_copy.last_epoch)


def run(fn):
    name[0] = fn.__name__
    t.setUp()
    fn()


@run
def test_step_lr_is_constant_for_constant_epoch():
    _test_lr_is_constant_for_constant_epoch(StepLR(t.opt, 2))


@run
def test_exponential_lr_is_constant_for_constant_epoch():
    _test_lr_is_constant_for_constant_epoch(ExponentialLR(t.opt, gamma=0.9))


@run
def test_constantlr_is_constant_for_constant_epoch():
    _test_lr_is_constant_for_constant_epoch(ConstantLR(t.opt))


@run
def test_linear_linearlr_is_constant_for_constant_epoch():
    _test_lr_is_constant_for_constant_epoch(LinearLR(t.opt))


@run
def test_polynomial_lr_is_constant_for_constant_epoch():
    _test_lr_is_constant_for_constant_epoch(PolynomialLR(t.opt, power=0.9))


@run
def test_step_lr():
    epochs = 10
    single_targets = [0.05] * 3 + [0.005] * 3 + [0.0005] * 3 + [0.00005] * 3
    targets = [single_targets, [x * epochs for x in single_targets]]
    _test(StepLR(t.opt, gamma=0.1, step_size=3), targets, epochs)


@run
def test_get_last_lr_step_lr():
    optimizer = torch.optim.SGD([torch.nn.Parameter(torch.zeros(2, 2))], 0.1)
    targets = [[0.1] * 3 + [0.01] * 3 + [0.001] * 3 + [0.0001]]
    _test_get_last_lr(torch.optim.lr_scheduler.StepLR(optimizer, 3, gamma=0.1), targets, 10)


@run
def test_get_last_lr_multi_step_lr():
    single_targets = [0.05] * 2 + [0.005] * 3 + [0.0005] * 4 + [0.00005] * 1
    targets = [single_targets, [x * 10 for x in single_targets]]
    _test_get_last_lr(MultiStepLR(t.opt, gamma=0.1, milestones=[2, 5, 9]), targets, 10)


@run
def test_multi_step_lr():
    single_targets = [0.05] * 2 + [0.005] * 3 + [0.0005] * 4 + [0.00005] * 3
    targets = [single_targets, [x * 10 for x in single_targets]]
    _test(MultiStepLR(t.opt, gamma=0.1, milestones=[2, 5, 9]), targets, 10)


@run
def test_multi_step_lr_with_epoch():
    single_targets = [0.05] * 2 + [0.005] * 3 + [0.0005] * 4 + [0.00005] * 3
    targets = [single_targets, [x * 10 for x in single_targets]]
    _test_with_epoch(MultiStepLR(t.opt, gamma=0.1, milestones=[2, 5, 9]), targets, 10)


@run
def test_get_last_lr_constantlr():
    single_targets = [0.025] * 5 + [0.05] * 5
    targets = [single_targets, [x * 10 for x in single_targets]]
    _test_get_last_lr(ConstantLR(t.opt, factor=1.0 / 2, total_iters=5), targets, 10)


@run
def test_get_last_lr_linearlr():
    epochs, start_factor, end_factor, iters = 10, 1.0 / 4, 3. / 5, 4
    interpolation = [start_factor + i * (end_factor - start_factor) / iters for i in range(iters)]
    single_targets = [x * 0.05 for x in interpolation] + [0.05 * end_factor] * (epochs - iters)
    targets = [single_targets, [x * epochs for x in single_targets]]
    _test_get_last_lr(LinearLR(t.opt, start_factor=start_factor, end_factor=end_factor, total_iters=iters), targets, epochs)


@run
def test_constantlr():
    single_targets = [0.025] * 5 + [0.05] * 5
    targets = [single_targets, [x * 10 for x in single_targets]]
    _test(ConstantLR(t.opt, factor=1.0 / 2, total_iters=5), targets, 10)


@run
def test_linearlr():
    epochs, start_factor, iters = 10, 1.0 / 2, 4
    interpolation = [start_factor + i * (1 - start_factor) / iters for i in range(iters)]
    single_targets = [x * 0.05 for x in interpolation] + [0.05] * (epochs - iters)
    targets = [single_targets, [x * epochs for x in single_targets]]
    _test(LinearLR(t.opt, start_factor=start_factor, total_iters=iters), targets, epochs)


@run
def test_constantlr_with_epoch():
    single_targets = [0.025] * 5 + [0.05] * 5
    targets = [single_targets, [x * 10 for x in single_targets]]
    _test_with_epoch(ConstantLR(t.opt, factor=1.0 / 2, total_iters=5), targets, 10)


@run
def test_linearlr_with_epoch():
    epochs, start_factor, end_factor, iters = 10, 1.0 / 2, 1., 4
    interpolation = [start_factor + i * (end_factor - start_factor) / iters for i in range(iters)]
    single_targets = [x * 0.05 for x in interpolation] + [0.05] * (epochs - iters)
    targets = [single_targets, [x * epochs for x in single_targets]]
    _test_with_epoch(LinearLR(t.opt, start_factor=start_factor, total_iters=iters), targets, epochs)


@run
def test_exp_lr():
    single_targets = [0.05 * (0.9 ** x) for x in range(10)]
    targets = [single_targets, [x * 10 for x in single_targets]]
    _test(ExponentialLR(t.opt, gamma=0.9), targets, 10)


@run
def test_poly_lr():
    epochs, power, total_iters = 10, 0.9, 5
    single_targets = [(1.0 - x / total_iters) ** power * 0.05 for x in range(total_iters)] + [0.0] * (epochs - total_iters)
    targets = [single_targets, [x * epochs for x in single_targets]]
    _test(PolynomialLR(t.opt, power=power, total_iters=total_iters), targets, epochs)


@run
def test_cos_anneal_lr():
    epochs, eta_min = 10, 1e-10
    single_targets = [eta_min + (0.05 - eta_min) * (1 + math.cos(math.pi * x / epochs)) / 2 for x in range(epochs)]
    targets = [single_targets, [x * epochs for x in single_targets]]
    _test(CosineAnnealingLR(t.opt, T_max=epochs, eta_min=eta_min), targets, epochs)


for label, make, epochs in (
        ('step_lr', lambda: StepLR(t.opt, gamma=0.1, step_size=3), 20),
        ('linearlr', lambda: LinearLR(t.opt, start_factor=1.0 / 3, end_factor=0.7, total_iters=4), 20),
        ('constantlr', lambda: ConstantLR(t.opt, factor=1.0 / 3, total_iters=4), 20),
        ('multi_step_lr', lambda: MultiStepLR(t.opt, gamma=0.1, milestones=[2, 5, 9]), 20),
        ('exp_lr', lambda: ExponentialLR(t.opt, gamma=0.9), 20),
        ('poly_lr', lambda: PolynomialLR(t.opt, power=0.9), 20),
        ('cos_anneal_lr', lambda: CosineAnnealingLR(t.opt, T_max=5, eta_min=1e-10), 20)):
    name[0] = 'test_closed_form_' + label
    _test_against_closed_form(make, epochs)


@run
def test_cos_anneal_lr_continue():
    scheduler = CosineAnnealingLR(t.opt, T_max=5, eta_min=0.1)
    t.opt.step()
    scheduler.step()
    original_lrs = scheduler._last_lr
    new_scheduler = CosineAnnealingLR(t.opt, T_max=5, eta_min=0.1, last_epoch=0)
    new_lrs = new_scheduler._last_lr
    report('lrs', [original_lrs, new_lrs], all(abs(a - b) <= 1e-5 + 1e-4 * abs(b) for a, b in zip(original_lrs, new_lrs)))


def plateau(label, epochs, targets, metrics, make):
    name[0] = 'test_reduce_lr_on_plateau' + label
    t.setUp()
    for param_group in t.opt.param_groups:
        param_group['lr'] = 0.5
    _test_reduce_lr_on_plateau(make(), targets, metrics, epochs)


plateau('1', 10, [[0.5] * 20], [10 - i * 0.0167 for i in range(20)],
        lambda: ReduceLROnPlateau(t.opt, threshold_mode='abs', mode='min', threshold=0.01, patience=5, cooldown=5))
plateau('2', 22, [[0.5] * 6 + [0.05] * 7 + [0.005] * 7 + [0.0005] * 2], [10 - i * 0.0165 for i in range(22)],
        lambda: ReduceLROnPlateau(t.opt, patience=5, cooldown=0, threshold_mode='abs', mode='min', threshold=0.1))
plateau('3', 22, [[0.5] * (2 + 6) + [0.05] * (5 + 6) + [0.005] * 4], [-0.8] * 2 + [-0.234] * 20,
        lambda: ReduceLROnPlateau(t.opt, mode='max', patience=5, cooldown=5, threshold_mode='abs'))
plateau('4', 20, [[0.5] * 20], [1.5 * (1.025 ** i) for i in range(20)],
        lambda: ReduceLROnPlateau(t.opt, mode='max', patience=3, threshold_mode='rel', threshold=0.1))
plateau('5', 20, [[0.5] * 6 + [0.05] * (5 + 6) + [0.005] * 4], [1.5 * (1.005 ** i) for i in range(20)],
        lambda: ReduceLROnPlateau(t.opt, mode='max', threshold_mode='rel', threshold=0.1, patience=5, cooldown=5))
plateau('6', 20, [[0.5] * 20], [1.5 * (0.85 ** i) for i in range(20)],
        lambda: ReduceLROnPlateau(t.opt, mode='min', threshold_mode='rel', threshold=0.1))
plateau('7', 20, [[0.5] * 6 + [0.05] * (5 + 6) + [0.005] * 4], [1] * 7 + [0.6] + [0.5] * 12,
        lambda: ReduceLROnPlateau(t.opt, mode='min', threshold_mode='rel', threshold=0.1, patience=5, cooldown=5))
plateau('8', 20, [[0.5] * 6 + [0.4] * 14, [0.5] * 6 + [0.3] * 14], [1.5 * (1.005 ** i) for i in range(20)],
        lambda: ReduceLROnPlateau(t.opt, mode='max', threshold_mode='rel', min_lr=[0.4, 0.3], threshold=0.1,
                                  patience=5, cooldown=5))


@run
def test_sequentiallr1():
    targets = [[0.05, 0.04, 0.032] + [0.05 for x in range(4)] + [0.05 * 0.1 for x in range(4)]
               + [0.05 * 0.01 for x in range(4)] + [0.05 * 0.001 for x in range(4)]]
    schedulers = [ExponentialLR(t.opt, gamma=0.8), StepLR(t.opt, gamma=0.1, step_size=4)]
    _test(SequentialLR(t.opt, schedulers=schedulers, milestones=[3]), targets, 19)


@run
def test_sequentiallr2():
    targets = [[0.005, 0.005, 0.005] + [0.05 * 0.9 ** x for x in range(10)]]
    schedulers = [ConstantLR(t.opt, factor=0.1, total_iters=3), ExponentialLR(t.opt, gamma=0.9)]
    _test(SequentialLR(t.opt, schedulers=schedulers, milestones=[3]), targets, 13)


@run
def test_sequentiallr3():
    targets = [[0.005, 0.005, 0.005] + [0.05, 0.04, 0.032] + [0.05, 0.05, 0.005, 0.005, 0.0005, 0.0005]]
    schedulers = [ConstantLR(t.opt, factor=0.1, total_iters=3), ExponentialLR(t.opt, gamma=0.8),
                  StepLR(t.opt, gamma=0.1, step_size=2)]
    _test(SequentialLR(t.opt, schedulers=schedulers, milestones=[3, 6]), targets, 12)


@run
def test_sequentiallr4():
    optimizer = torch.optim.SGD([torch.tensor(0.5)], lr=0.1)
    prev_lr = optimizer.param_groups[0]["lr"]
    schedulers = [torch.optim.lr_scheduler.ConstantLR(optimizer, factor=1),
                  torch.optim.lr_scheduler.ConstantLR(optimizer, factor=0.1)]
    torch.optim.lr_scheduler.SequentialLR(optimizer, schedulers, milestones=[10])
    new_lr = optimizer.param_groups[0]["lr"]
    report('lr', new_lr, prev_lr == new_lr)


@run
def test_get_last_lr_sequentiallr():
    schedulers = [ConstantLR(t.opt, factor=0.1, total_iters=3), ExponentialLR(t.opt, gamma=0.8),
                  StepLR(t.opt, gamma=0.1, step_size=2)]
    scheduler = SequentialLR(t.opt, schedulers=schedulers, milestones=[3, 6])
    single_targets = [0.005] * 3 + [0.05, 0.04, 0.032] + [0.05, 0.05, 0.005, 0.005, 0.0005, 0.0005]
    _test_get_last_lr(scheduler, [single_targets, [x * 10 for x in single_targets]], 12)


@run
def test_chained_lr2_get_last_lr_before_step():
    schedulers = [LinearLR(t.opt, start_factor=0.4, total_iters=3), MultiStepLR(t.opt, milestones=[4, 8, 10], gamma=0.1)]
    scheduler = ChainedScheduler(schedulers)
    report('get_last_lr', scheduler.get_last_lr(), scheduler.get_last_lr() == schedulers[-1].get_last_lr())


def chained(label, epochs, targets, make):
    name[0] = 'test_chained_lr' + label
    t.setUp()
    schedulers = make()
    scheduler = ChainedScheduler(schedulers)
    _test([scheduler], targets, epochs)
    report('get_last_lr', scheduler.get_last_lr(), scheduler.get_last_lr() == schedulers[-1].get_last_lr())


chained('1', 10, [[0.05] * 3 + [0.005] * 3 + [0.0005] * 3 + [0.00005] * 3], lambda: [StepLR(t.opt, gamma=0.1, step_size=3)])
chained('2', 10, [[0.02, 0.03, 0.04] + [0.05] * 9], lambda: [LinearLR(t.opt, start_factor=0.4, total_iters=3)])
chained('3', 10, [[0.02, 0.03, 0.04, 0.05] + [0.005] * 4 + [0.0005] * 3 + [0.00005] * 3],
        lambda: [LinearLR(t.opt, start_factor=0.4, total_iters=3), MultiStepLR(t.opt, milestones=[4, 8, 10], gamma=0.1)])
chained('4', 9, [[0.05 * 0.2 * 0.9 ** x for x in range(3)] + [0.05 * 0.2 * 0.9 ** 3 * 0.1]
                 + [0.05 * 0.9 ** x * 0.1 for x in range(4, 6)] + [0.05 * 0.9 ** x * 0.01 for x in range(6, 9)]],
        lambda: [ExponentialLR(t.opt, gamma=0.9), ConstantLR(t.opt, factor=0.2, total_iters=4),
                 StepLR(t.opt, gamma=0.1, step_size=3)])


def poly_lr(lr):
    return [(lr * ((1.0 - x / 5) ** 0.9)) for x in range(5)] + [0.0] * 5


chained('5', 10, [[x * 0.1 for x in poly_lr(0.05)], [x * 0.1 for x in poly_lr(0.5)]],
        lambda: [PolynomialLR(t.opt, power=0.9, total_iters=5), ConstantLR(t.opt, factor=0.1)])


def compound(label, epochs, targets, make):
    name[0] = 'test_compound_' + label
    t.setUp()
    _test(make(), targets, epochs)


def cos(epochs=10, eta_min=1e-10):
    return [eta_min + (0.05 - eta_min) * (1 + math.cos(math.pi * x / epochs)) / 2 for x in range(epochs)]


def both(single):
    return [single, [x * 10 for x in single]]


compound('step_and_multistep_lr', 10, [[0.05] * 2 + [0.005] * 1 + [5e-4] * 2 + [5e-5] + [5e-6] * 3 + [5e-8]],
         lambda: [StepLR(t.opt, gamma=0.1, step_size=3), MultiStepLR(t.opt, gamma=0.1, milestones=[2, 5, 9])])
compound('step_and_exp_lr', 10, both([0.05 * (0.9 ** x) for x in range(3)] + [0.005 * (0.9 ** x) for x in range(3, 6)]
                                     + [0.0005 * (0.9 ** x) for x in range(6, 9)] + [0.00005 * (0.9 ** x) for x in range(9, 12)]),
         lambda: [StepLR(t.opt, gamma=0.1, step_size=3), ExponentialLR(t.opt, gamma=0.9)])
compound('exp_and_multistep_lr', 10, both([0.05 * (0.9 ** x) for x in range(2)] + [0.005 * (0.9 ** x) for x in range(2, 5)]
                                          + [0.0005 * (0.9 ** x) for x in range(5, 9)] + [0.00005 * (0.9 ** x) for x in range(9, 11)]),
         lambda: [MultiStepLR(t.opt, gamma=0.1, milestones=[2, 5, 9]), ExponentialLR(t.opt, gamma=0.9)])
single = [0.05 * (0.9 ** x) for x in range(11)]
for i in range(4):
    single[i] *= 0.4 + i / 4 * (0.9 - 0.4)
for i in range(4, 11):
    single[i] *= 0.9
compound('exp_and_linearlr', 10, both(single),
         lambda: [LinearLR(t.opt, start_factor=0.4, end_factor=0.9, total_iters=4), ExponentialLR(t.opt, gamma=0.9)])
compound('step_and_constantlr', 10, both([0.05 * 0.4] * 3 + [0.005 * 0.4] + [0.005] * 2 + [0.0005] * 3 + [0.00005] * 3),
         lambda: [StepLR(t.opt, gamma=0.1, step_size=3), ConstantLR(t.opt, factor=0.4, total_iters=4)])
single = [0.05] * 2 + [0.005] * 3 + [0.0005] * 4 + [0.00005] * 2
for i in range(4):
    single[i] *= 0.4 + i / 4 * (1 - 0.4)
compound('linearlr_and_multistep_lr', 10, both(single),
         lambda: [MultiStepLR(t.opt, gamma=0.1, milestones=[2, 5, 9]), LinearLR(t.opt, start_factor=0.4, total_iters=4)])
compound('cosanneal_and_step_lr', 10, both([x * 0.1 ** (i // 3) for i, x in enumerate(cos())]),
         lambda: [CosineAnnealingLR(t.opt, T_max=10, eta_min=1e-10), StepLR(t.opt, gamma=0.1, step_size=3)])
compound('cosanneal_and_multistep_lr', 10,
         both([x * y for x, y in zip(cos(), [1] * 2 + [0.1] * 3 + [0.01] * 4 + [0.001])]),
         lambda: [CosineAnnealingLR(t.opt, T_max=10, eta_min=1e-10), MultiStepLR(t.opt, gamma=0.1, milestones=[2, 5, 9])])
single = cos()
for i in range(4):
    single[i] *= 0.4 + i / 4 * (1 - 0.4)
compound('cosanneal_and_linearlr', 10, both(single),
         lambda: [LinearLR(t.opt, start_factor=0.4, total_iters=4), CosineAnnealingLR(t.opt, T_max=10, eta_min=1e-10)])
compound('cosanneal_and_exp_lr', 10, both([x * y for x, y in zip(cos(), [0.1 ** i for i in range(10)])]),
         lambda: [CosineAnnealingLR(t.opt, T_max=10, eta_min=1e-10), ExponentialLR(t.opt, gamma=0.1)])


def compound_plateau(label, lr, epochs, targets, metrics, make):
    name[0] = 'test_compound_reduce_lr_on_plateau' + label
    t.setUp()
    for param_group in t.opt.param_groups:
        param_group['lr'] = lr
    _test_reduce_lr_on_plateau(make(), targets, metrics, epochs)


# targets = targets[1:] in each: the helper checks no group (the zip is empty), so only the rates are printed
compound_plateau('1', 0.5, 10, [], [10 - i * 0.0167 for i in range(20)],
                 lambda: [ReduceLROnPlateau(t.opt, threshold_mode='abs', mode='min', threshold=0.01, patience=5, cooldown=5),
                          StepLR(t.opt, gamma=0.1, step_size=3)])
compound_plateau('2', 0.5, 22, [], [10 - i * 0.0165 for i in range(22)],
                 lambda: [ReduceLROnPlateau(t.opt, patience=5, cooldown=0, threshold_mode='abs', mode='min', threshold=0.1),
                          MultiStepLR(t.opt, gamma=0.1, milestones=[3, 8, 12])])
compound_plateau('3', 0.5, 22, [], [-0.8] * 2 + [-0.234] * 20,
                 lambda: [ReduceLROnPlateau(t.opt, mode='max', patience=5, cooldown=5, threshold_mode='abs'),
                          ExponentialLR(t.opt, gamma=0.1)])
compound_plateau('4', 0.05, 10, [], [1.5 * (1.025 ** i) for i in range(20)],
                 lambda: [ReduceLROnPlateau(t.opt, mode='max', patience=3, threshold_mode='rel', threshold=0.1),
                          CosineAnnealingLR(t.opt, 10, 1e-10)])
compound_plateau('5', 0.5, 22, [], [10 - i * 0.0165 for i in range(22)],
                 lambda: [ReduceLROnPlateau(t.opt, patience=5, cooldown=0, threshold_mode='abs', mode='min', threshold=0.1),
                          LinearLR(t.opt, start_factor=0.4, total_iters=4)])


def raises(label, fn):
    try:
        fn()
        report(label, 'no error', False)
    except ValueError:
        report(label, 'ValueError', True)


name[0] = 'test_cycle_lr_invalid_mode'
raises('CATS', lambda: CyclicLR(t.opt, base_lr=0, max_lr=0, mode="CATS"))


def cycle(label, lr_targets, momentum_targets, n, make, opt=None, use_beta1=False):
    name[0] = 'test_' + label
    t.setUp()
    if opt is not None:
        t.opt = opt()
    _test_cycle_lr(make(), lr_targets, momentum_targets, n, use_beta1)


lr_target = [1, 2, 3, 4, 5, 4, 3, 2, 1, 2, 3]
momentum_target = [5, 4, 3, 2, 1, 2, 3, 4, 5, 4, 3]
cycle('cycle_lr_triangular_mode_one_lr', [lr_target] * 2, [momentum_target] * 2, 11,
      lambda: CyclicLR(t.opt, base_lr=1, max_lr=5, step_size_up=4, cycle_momentum=True, base_momentum=1, max_momentum=5,
                       mode='triangular'))
cycle('cycle_lr_triangular_mode_one_lr_no_momentum', [lr_target] * 2, [[0] * 11] * 2, 11,
      lambda: CyclicLR(t.opt, base_lr=1, max_lr=5, step_size_up=4, cycle_momentum=False, mode='triangular'))
lr_target = [1, 2, 3, 4, 5, 4, 3, 2, 1, 1.5, 2.0, 2.5, 3.0, 2.5, 2.0, 1.5, 1, 1.25, 1.50, 1.75, 2.00, 1.75]
momentum_target = [5.0, 4.0, 3.0, 2.0, 1.0, 2.0, 3.0, 4.0, 5.0, 4.5, 4.0, 3.5, 3.0, 3.5, 4.0, 4.5, 5.0, 4.75, 4.5, 4.25,
                   4.0, 4.25]
cycle('cycle_lr_triangular2_mode_one_lr', [lr_target] * 2, [momentum_target] * 2, 22,
      lambda: CyclicLR(t.opt, base_lr=1, max_lr=5, step_size_up=4, cycle_momentum=True, base_momentum=1, max_momentum=5,
                       mode='triangular2'))
xs = [0, 0.25, 0.5, 0.75, 1, 0.75, 0.50, 0.25, 0, 0.25, 0.5, 0.75, 1]
cycle('cycle_lr_exp_range_mode_one_lr', [[1 + x * 4 * 0.9 ** i for i, x in enumerate(xs)]] * 2,
      [[5 - x * 4 * 0.9 ** i for i, x in enumerate(xs)]] * 2, 13,
      lambda: CyclicLR(t.opt, base_lr=1, max_lr=5, step_size_up=4, cycle_momentum=True, base_momentum=1, max_momentum=5,
                       mode='exp_range', gamma=0.9))
lr_target_1 = [1, 2, 3, 4, 5, 4, 3, 2, 1, 2, 3]
momentum_target_1 = [5, 4, 3, 2, 1, 2, 3, 4, 5, 4, 3]
cycle('cycle_lr_triangular_mode', [lr_target_1, [x + 1 for x in lr_target_1]],
      [momentum_target_1, [x + 1 for x in momentum_target_1]], 11,
      lambda: CyclicLR(t.opt, base_lr=[1, 2], max_lr=[5, 6], step_size_up=4, cycle_momentum=True, base_momentum=[1, 2],
                       max_momentum=[5, 6], mode='triangular'))
lr_target_1 = [1, 2, 3, 4, 5, 4, 3, 2, 1, 1.5, 2.0, 2.5, 3.0, 2.5, 2.0, 1.5, 1, 1.25, 1.50, 1.75, 2.00, 1.75]
momentum_target_1 = [5.0, 4.0, 3.0, 2.0, 1.0, 2.0, 3.0, 4.0, 5.0, 4.5, 4.0, 3.5, 3.0, 3.5, 4.0, 4.5, 5.0, 4.75, 4.5,
                     4.25, 4.0, 4.25]
cycle('cycle_lr_triangular2_mode', [lr_target_1, [x + 2 for x in lr_target_1]],
      [momentum_target_1, [x + 2 for x in momentum_target_1]], 22,
      lambda: CyclicLR(t.opt, base_lr=[1, 3], max_lr=[5, 7], step_size_up=4, cycle_momentum=True, base_momentum=[1, 3],
                       max_momentum=[5, 7], mode='triangular2'))
cycle('cycle_lr_exp_range_mode', [[1 + x * 4 * 0.9 ** i for i, x in enumerate(xs)], [5 + x * 7 * 0.9 ** i for i, x in enumerate(xs)]],
      [[5 - x * 4 * 0.9 ** i for i, x in enumerate(xs)], [12 - x * 7 * 0.9 ** i for i, x in enumerate(xs)]], 13,
      lambda: CyclicLR(t.opt, base_lr=[1, 5], max_lr=[5, 12], step_size_up=4, cycle_momentum=True, base_momentum=[1, 5],
                       max_momentum=[5, 12], mode='exp_range', gamma=0.9))
lr_target = [1.0, 2.0, 3.0, 4.0, 5.0, 13.0 / 3, 11.0 / 3, 9.0 / 3, 7.0 / 3, 5.0 / 3, 1.0]
momentum_target = [5.0, 4.0, 3.0, 2.0, 1.0, 5.0 / 3, 7.0 / 3, 3.0, 11.0 / 3, 13.0 / 3, 5.0]
cycle('cycle_lr_triangular_mode_step_size_up_down', [lr_target] * 2, [momentum_target] * 2, 11,
      lambda: CyclicLR(t.opt, base_lr=1, max_lr=5, step_size_up=4, step_size_down=6, cycle_momentum=True,
                       base_momentum=1, max_momentum=5, mode='triangular'))
lr_base_target = [1.0, 3.0, 5.0, 13.0 / 3, 11.0 / 3, 9.0 / 3, 7.0 / 3, 5.0 / 3, 1.0, 2.0, 3.0, 8.0 / 3, 7.0 / 3, 6.0 / 3,
                  5.0 / 3, 4.0 / 3, 1.0, 3.0 / 2, 2.0, 11.0 / 6, 10.0 / 6, 9.0 / 6, 8.0 / 6, 7.0 / 6]
momentum_base_target = [5.0, 3.0, 1.0, 5.0 / 3, 7.0 / 3, 3.0, 11.0 / 3, 13.0 / 3, 5.0, 4.0, 3.0, 10.0 / 3, 11.0 / 3, 4.0,
                        13.0 / 3, 14.0 / 3, 5.0, 4.5, 4.0, 25.0 / 6, 13.0 / 3, 4.5, 14.0 / 3, 29.0 / 6]
cycle('cycle_lr_triangular2_mode_step_size_up_down', [[x + d for x in lr_base_target] for d in (0, 2)],
      [[x + d for x in momentum_base_target] for d in (0, 2)], 24,
      lambda: CyclicLR(t.opt, base_lr=[1, 3], max_lr=[5, 7], step_size_up=2, step_size_down=6, cycle_momentum=True,
                       base_momentum=[1, 3], max_momentum=[5, 7], mode='triangular2'))
xs = [0.0, 0.5, 1.0, 5.0 / 6, 4.0 / 6, 3.0 / 6, 2.0 / 6, 1.0 / 6, 0.0, 0.5, 1.0, 5.0 / 6, 4.0 / 6]
cycle('cycle_lr_exp_range_mode_step_size_up_down', [[1 + x * 4 * 0.9 ** i for i, x in enumerate(xs)]] * 2,
      [[5 - x * 4 * 0.9 ** i for i, x in enumerate(xs)]] * 2, 13,
      lambda: CyclicLR(t.opt, base_lr=1, max_lr=5, step_size_up=2, step_size_down=6, cycle_momentum=True,
                       base_momentum=1, max_momentum=5, mode='exp_range', gamma=0.9))


def adam():
    return optim.Adam([{'params': t.net.conv1.parameters()}, {'params': t.net.conv2.parameters(), 'lr': 0.5}], lr=0.05)


cycle('cycle_lr_with_momentumless_optimizer', [[1, 2, 3, 4, 5, 4, 3, 2, 1, 2, 3]] * 2, [[None] * 11] * 2, 11,
      lambda: CyclicLR(t.opt, base_lr=1, max_lr=5, step_size_up=4, cycle_momentum=False, mode='triangular'), opt=adam)
name[0] = 'test_cycle_lr_cycle_momentum_fail_with_momentumless_optimizer'
raises('Adam', lambda: CyclicLR(optim.Adam(t.net.parameters()), base_lr=1, max_lr=5, cycle_momentum=True))
name[0] = 'test_onecycle_lr_invalid'
raises('anneal_strategy', lambda: OneCycleLR(t.opt, max_lr=1e-3, total_steps=10, anneal_strategy="CATS"))
raises('pct_start', lambda: OneCycleLR(t.opt, max_lr=1e-3, total_steps=10, pct_start=1.1))
raises('total_steps', lambda: OneCycleLR(t.opt, max_lr=1e-3))
lr_target = [1, 13, 25, 21.5, 18, 14.5, 11, 7.5, 4, 0.5]
momentum_target = [22, 11.5, 1, 4, 7, 10, 13, 16, 19, 22]
cycle('onecycle_lr_linear_annealing', [lr_target] * 2, [momentum_target] * 2, 10,
      lambda: OneCycleLR(t.opt, max_lr=25, final_div_factor=2, base_momentum=1, max_momentum=22, total_steps=10,
                         anneal_strategy='linear'))
cycle('onecycle_lr_linear_annealing_three_phases', [[1, 9, 17, 25, 17, 9, 1, 0.75, 0.5, 0.25]] * 2,
      [[22, 15, 8, 1, 8, 15, 22, 22, 22, 22]] * 2, 10,
      lambda: OneCycleLR(t.opt, max_lr=25, div_factor=25, base_momentum=1, max_momentum=22, total_steps=10,
                         anneal_strategy='linear', pct_start=0.4, final_div_factor=4, three_phase=True))


def annealing_cos(start, end, pct):
    return end + (start - end) / 2.0 * (math.cos(math.pi * pct) + 1)


cycle('onecycle_lr_cosine_annealing', [[1, 13, 25] + [annealing_cos(25, 0.5, k / 7.0) for k in range(1, 7)] + [0.5]] * 2,
      [[22, 11.5, 1] + [annealing_cos(1, 22, k / 7.0) for k in range(1, 7)] + [22]] * 2, 10,
      lambda: OneCycleLR(t.opt, max_lr=25, final_div_factor=2, base_momentum=1, max_momentum=22, total_steps=10))
cycle('cycle_lr_with_adam', [lr_target] * 2, [momentum_target] * 2, 10,
      lambda: OneCycleLR(t.opt, max_lr=25, final_div_factor=2, base_momentum=1, max_momentum=22, total_steps=10,
                         anneal_strategy='linear'), opt=adam, use_beta1=True)


@run
def test_lambda_lr():
    t.opt.param_groups[0]['lr'] = 0.05
    t.opt.param_groups[1]['lr'] = 0.4
    targets = [[0.05 * (0.9 ** x) for x in range(10)], [0.4 * (0.8 ** x) for x in range(10)]]
    _test(LambdaLR(t.opt, lr_lambda=[lambda x1: 0.9 ** x1, lambda x2: 0.8 ** x2]), targets, 10)


@run
def test_multiplicative_lr():
    t.opt.param_groups[0]['lr'] = 0.05
    t.opt.param_groups[1]['lr'] = 0.4
    targets = [[0.05 * (0.9 ** x) for x in range(10)], [0.4 * (0.8 ** x) for x in range(10)]]
    _test(MultiplicativeLR(t.opt, lr_lambda=[lambda x1: 0.9, lambda x2: 0.8]), targets, 10)


for T_mult in (1, 2, 4):
    name[0] = 'test_CosineAnnealingWarmRestarts_lr1_T_mult_%d' % T_mult
    t.setUp()
    iters, eta_min, T_i, T_cur = 100, 1e-10, 10, 0
    targets = [[0.05], [0.5]]
    scheduler = CosineAnnealingWarmRestarts(t.opt, T_0=T_i, T_mult=T_mult, eta_min=eta_min)
    for _ in range(1, iters, 1):
        T_cur += 1
        if T_cur >= T_i:
            T_cur = T_cur - T_i
            T_i = int(T_mult) * T_i
        targets[0] += [eta_min + (0.05 - eta_min) * (1 + math.cos(math.pi * T_cur / T_i)) / 2]
        targets[1] += [eta_min + (0.5 - eta_min) * (1 + math.cos(math.pi * T_cur / T_i)) / 2]
    _test(scheduler, targets, iters)

name[0] = 'test_CosineAnnealingWarmRestarts_lr2'
for T_mult in [1, 2, 4]:
    t.setUp()
    iters, eta_min, T_i, T_cur = 30, 1e-10, 10, 0
    targets = [[0.05], [0.5]]
    scheduler = CosineAnnealingWarmRestarts(t.opt, T_0=T_i, T_mult=T_mult, eta_min=eta_min)
    for _ in torch.arange(0.1, iters, 0.1):
        T_cur = round(T_cur + 0.1, 1)
        if T_cur >= T_i:
            T_cur = T_cur - T_i
            T_i = int(T_mult) * T_i
        targets[0] += [eta_min + (0.05 - eta_min) * (1 + math.cos(math.pi * T_cur / T_i)) / 2]
        targets[1] += [eta_min + (0.5 - eta_min) * (1 + math.cos(math.pi * T_cur / T_i)) / 2]
    _test_CosineAnnealingWarmRestarts(scheduler, targets, iters)

name[0] = 'test_CosineAnnealingWarmRestarts_lr3'
for epochs, T_mult, T_curs, T_is in zip(
        [[0, 1, 2, 3, 4, 5, 12, 27, 3, 4, 5, 6, 13], [0, 1, 2, 3, 4, 5, 25, 32, 33, 34, 80, 81, 3],
         [0, 0.1, 0.2, 0.3, 1.3, 2.3, 17.5, 18.5, 19.5, 29.5, 30.5, 31.5, 50]], [1, 2, 3],
        [[1, 2, 3, 4, 5, 2, 7, 3, 4, 5, 6, 3], [1, 2, 3, 4, 5, 15, 2, 3, 4, 10, 11, 3],
         [0.1, 0.2, 0.3, 1.3, 2.3, 7.5, 8.5, 9.5, 19.5, 20.5, 21.5, 10]],
        [[10] * 12, [10, 10, 10, 10, 10, 20, 40, 40, 40, 80, 80, 10], [10, 10, 10, 10, 10, 30, 30, 30, 30, 30, 30, 90]]):
    t.setUp()
    eta_min = 1e-10
    targets = [[0.05], [0.5]]
    scheduler = CosineAnnealingWarmRestarts(t.opt, T_0=10, T_mult=T_mult, eta_min=eta_min)
    for T_cur, T_i in zip(T_curs, T_is):
        targets[0] += [eta_min + (0.05 - eta_min) * (1 + math.cos(math.pi * T_cur / T_i)) / 2]
        targets[1] += [eta_min + (0.5 - eta_min) * (1 + math.cos(math.pi * T_cur / T_i)) / 2]
    _test_interleaved_CosineAnnealingWarmRestarts(scheduler, targets, epochs)

for label, constr, constr2, epochs in (
        ('step_lr', lambda: StepLR(t.opt, gamma=0.1, step_size=3), lambda: StepLR(t.opt, gamma=0.01 / 2, step_size=1), 10),
        ('multi_step_lr', lambda: MultiStepLR(t.opt, gamma=0.1, milestones=[2, 5, 9]),
         lambda: MultiStepLR(t.opt, gamma=0.01, milestones=[1, 4, 6]), 10),
        ('exp_step_lr', lambda: ExponentialLR(t.opt, gamma=0.1), lambda: ExponentialLR(t.opt, gamma=0.01), 10),
        ('cosine_lr', lambda: CosineAnnealingLR(t.opt, T_max=10, eta_min=1e-10),
         lambda: CosineAnnealingLR(t.opt, T_max=10 // 2, eta_min=1e-10 / 2), 10),
        ('CosineAnnealingWarmRestarts_lr', lambda: CosineAnnealingWarmRestarts(t.opt, T_0=10, T_mult=2),
         lambda: CosineAnnealingWarmRestarts(t.opt, T_0=100), 10)):
    name[0] = 'test_%s_state_dict' % label
    t.setUp()
    _check_scheduler_state_dict(constr, constr2, epochs)


@run
def test_reduce_lr_on_plateau_state_dict():
    scheduler = ReduceLROnPlateau(t.opt, mode='min', factor=0.1, patience=2)
    for score in [1.0, 2.0, 3.0, 4.0, 3.0, 4.0, 5.0, 3.0, 2.0, 1.0]:
        scheduler.step(score)
    scheduler_copy = ReduceLROnPlateau(t.opt, mode='max', factor=0.5, patience=10)
    scheduler_copy.load_state_dict(scheduler.state_dict())
    for key in ('factor', 'min_lrs', 'patience', 'cooldown', 'cooldown_counter', 'mode', 'threshold',
                'threshold_mode', 'best', 'num_bad_epochs', 'eps', 'last_epoch'):
        report(key, scheduler_copy.__dict__[key], scheduler.__dict__[key] == scheduler_copy.__dict__[key])


@run
def test_cosine_then_cyclic():
    model = torch.nn.Linear(2, 1)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.5)
    lr_scheduler_1 = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=20, eta_min=0.1)
    lr_scheduler_2 = torch.optim.lr_scheduler.CyclicLR(optimizer, base_lr=0.1, max_lr=0.3, step_size_up=1, step_size_down=3)
    for i in range(40):
        optimizer.step()
        if i <= lr_scheduler_1.T_max:
            lr_scheduler_1.step()
        else:
            lr_scheduler_2.step()
        last_lr = optimizer.param_groups[0]["lr"]
    report('last_lr', last_lr, last_lr <= 0.3)
