// tg.nn modules: Module registration, traversal, train/eval, zeroGrad, stateDict round trips, Linear's
// PyTorch init, Sequential, activations, and a small model trained 20 steps against PyTorch's loss curve.
import { describe, it, expect } from 'vitest';
import tg, { Tensor } from '../../lib/index.js';
import { nnFixture, fromEnc, expectClose } from './helpers.js';

const nn = tg.nn;

class Net extends nn.Module {
  fc1 = new nn.Linear(4, 8);
  act = new nn.ReLU();
  drop = new nn.Dropout(0.5);
  fc2 = new nn.Linear(8, 2, { bias: false });
  scale = nn.Parameter(tg.ones([2]));
  constructor() {
    super();
    this.registerBuffer('steps', tg.zeros([1]));
  }
  override forward(x: Tensor): Tensor {
    return this.fc2.call(this.drop.call(this.act.call(this.fc1.call(x)))).mul(this.scale);
  }
}

describe('nn.Module', () => {
  it('registers parameters, children and buffers by assignment, in order', () => {
    const net = new Net();
    // PyTorch order: the module's own parameters first, then each child's (named_modules order).
    expect(net.namedParameters().map(([n, p]) => [n, p.shape])).toEqual([
      ['scale', [2]], ['fc1.weight', [8, 4]], ['fc1.bias', [8]], ['fc2.weight', [2, 8]],
    ]);
    expect(net.namedChildren().map(([n]) => n)).toEqual(['fc1', 'act', 'drop', 'fc2']);
    expect(net.parameters().every((p) => p.requiresGrad && p.isLeaf)).toBe(true);
    expect(Object.keys(net.stateDict())).toEqual(['scale', 'steps', 'fc1.weight', 'fc1.bias', 'fc2.weight']);
    expect(net.namedBuffers().map(([n]) => n)).toEqual(['steps']);
    expect(net.modules().length).toBe(5);
    expect(net.fc2.bias).toBeNull();
    expect(String(net.fc2)).toBe('Linear(in_features=8, out_features=2, bias=False)');
  });

  it('registerParameter / reassignment replace parameters; non-leaf tensors are not parameters', () => {
    const m = new nn.Module();
    m.registerParameter('w', tg.randn([3]));
    expect(m.parameters().length).toBe(1);
    expect(m.parameters()[0].requiresGrad).toBe(false); // registerParameter keeps the flag, like assigning a Parameter(requires_grad=False)
    (m as unknown as Record<string, Tensor>).w = nn.Parameter(tg.zeros([4]));
    expect(m.parameters()[0].shape).toEqual([4]);
    (m as unknown as Record<string, Tensor>).tmp = tg.randn([2], { requiresGrad: true }).mul(2);
    expect(m.parameters().length).toBe(1);
    expect(() => m.registerParameter('a.b', null)).toThrow(/"\."/);
    expect(() => m.forward()).toThrow(/missing the required "forward"/);
  });

  it('train()/eval() propagate and switch dropout', () => {
    const net = new Net();
    expect(net.training && net.drop.training).toBe(true);
    net.eval();
    expect(net.training || net.fc1.training || net.drop.training).toBe(false);
    const x = tg.randn([3, 4]);
    expect(net.call(x).equal(net.call(x))).toBe(true);
    expect(net.train()).toBe(net);
    expect(net.drop.training).toBe(true);
  });

  it('zeroGrad zeroes in place by default (PyTorch 1.13) and drops grads with setToNone', () => {
    const net = new Net();
    net.call(tg.randn([5, 4])).sum().backward();
    const g = net.fc1.weight.grad as Tensor;
    expect(g.abs().sum().item()).toBeGreaterThan(0);
    net.zeroGrad();
    expect(net.fc1.weight.grad).toBe(g);
    expect(g.abs().sum().item()).toBe(0);
    net.zeroGrad({ setToNone: true });
    expect(net.parameters().every((p) => p.grad === null)).toBe(true);
  });

  it('stateDict shares storage; loadStateDict copies, checks keys and shapes', () => {
    const a = new Net(), b = new Net();
    const sd = a.stateDict();
    expect(sd['fc1.weight'].requiresGrad).toBe(false);
    b.loadStateDict(sd);
    expect(b.fc1.weight.equal(a.fc1.weight)).toBe(true);
    expect(b.fc1.weight.requiresGrad).toBe(true);
    const x = tg.randn([2, 4]);
    a.eval(); b.eval();
    expect(a.call(x).equal(b.call(x))).toBe(true);
    const { ['fc1.bias']: _drop, ...partial } = sd;
    void _drop;
    expect(() => b.loadStateDict(partial)).toThrow(/Missing key\(s\) in state_dict: "fc1.bias"/);
    expect(b.loadStateDict({ ...partial, extra: tg.zeros([1]) }, { strict: false })).toEqual({ missingKeys: ['fc1.bias'], unexpectedKeys: ['extra'] });
    expect(() => b.loadStateDict({ ...sd, 'fc1.bias': tg.zeros([3]) })).toThrow(/size mismatch for fc1.bias/);
  });

  it('to(float64) / double() re-register parameters with the new dtype', () => {
    const net = new Net().double();
    expect(net.parameters().every((p) => p.dtype === 'float64' && p.requiresGrad)).toBe(true);
    expect(net.buffers()[0].dtype).toBe('float64');
    net.eval();
    expect(net.call(tg.randn([2, 4], { dtype: 'float64' })).dtype).toBe('float64');
  });
});

describe('layers', () => {
  it("Linear uses PyTorch's default init: U(-1/sqrt(in), 1/sqrt(in)) for weight and bias", () => {
    tg.manualSeed(0);
    const fc = new nn.Linear(400, 300);
    const bound = 1 / Math.sqrt(400);
    for (const p of [fc.weight, fc.bias as Tensor]) {
      expect(p.abs().max().item()).toBeLessThanOrEqual(bound);
      expect(p.abs().max().item()).toBeGreaterThan(bound * 0.95);
    }
    // variance of U(-b, b) is b^2 / 3
    expect(fc.weight.var().item() / (bound * bound / 3)).toBeCloseTo(1, 1);
    expect(Math.abs(fc.weight.mean().item() as number)).toBeLessThan(bound * 0.02);
    tg.manualSeed(0);
    expect(new nn.Linear(400, 300).weight.equal(fc.weight)).toBe(true);
  });

  it('Sequential: indexing, length, iteration, append, named form, repr', () => {
    const seq = new nn.Sequential(new nn.Flatten(), new nn.Linear(6, 3), new nn.Tanh());
    expect(seq.length).toBe(3);
    expect(seq.get(1)).toBeInstanceOf(nn.Linear);
    expect(seq.at(-1)).toBeInstanceOf(nn.Tanh);
    expect([...seq].length).toBe(3);
    seq.append(new nn.Sigmoid());
    expect(Object.keys(seq.stateDict())).toEqual(['1.weight', '1.bias']);
    const y = seq.call(tg.randn([4, 2, 3]));
    expect(y.shape).toEqual([4, 3]);
    expect(y.gradFn?.name).toBe('SigmoidBackward0');
    expect(String(seq)).toBe(
      'Sequential(\n  (0): Flatten(start_dim=1, end_dim=-1)\n  (1): Linear(in_features=6, out_features=3, bias=True)\n  (2): Tanh()\n  (3): Sigmoid()\n)',
    );
    const named = new nn.Sequential({ enc: new nn.Linear(2, 2), act: new nn.GELU() });
    expect(Object.keys(named.stateDict())).toEqual(['enc.weight', 'enc.bias']);
    expect(() => new nn.Sequential('x' as never, new nn.ReLU())).toThrow(TypeError);
  });

  it('activation modules match the functional forms', () => {
    const x = tg.randn([3, 4]);
    const F = nn.functional;
    expect(new nn.ReLU().call(x).equal(F.relu(x))).toBe(true);
    expect(new nn.GELU().call(x).equal(F.gelu(x))).toBe(true);
    expect(new nn.GELU({ approximate: 'tanh' }).call(x).equal(F.gelu(x, { approximate: 'tanh' }))).toBe(true);
    expect(new nn.Sigmoid().call(x).equal(x.sigmoid())).toBe(true);
    expect(new nn.Tanh().call(x).equal(x.tanh())).toBe(true);
    expect(new nn.Softmax(1).call(x).equal(x.softmax(1))).toBe(true);
    const t = tg.tensor([0, 2, 1], { dtype: 'int32' });
    expect(new nn.CrossEntropyLoss().call(x, t).equal(F.crossEntropy(x, t))).toBe(true);
    expect(new nn.MSELoss({ reduction: 'sum' }).call(x, x.mul(2)).equal(F.mseLoss(x, x.mul(2), { reduction: 'sum' }))).toBe(true);
  });
});

describe('training matches PyTorch (6-16-3 MLP, 20 full-batch steps from the same initial weights)', () => {
  const fx = nnFixture.training;
  for (const run of fx.runs) {
    it(`${run.optimizer} ${JSON.stringify(run.opts)}`, () => {
      const model = new nn.Sequential(new nn.Linear(6, 16), new nn.ReLU(), new nn.Linear(16, 3));
      const init: Record<string, Tensor> = {};
      for (const [k, v] of Object.entries(fx.init)) init[k] = fromEnc(v as never, false);
      model.loadStateDict(init);
      const X = fromEnc(fx.X), y = fromEnc(fx.y);
      const Opt = (tg.optim as unknown as Record<string, new (p: Tensor[], o: object) => InstanceType<typeof tg.optim.SGD>>)[run.optimizer];
      const opt = new Opt(model.parameters(), run.opts);
      const losses: number[] = [];
      for (let i = 0; i < 20; i++) {
        opt.zeroGrad();
        const loss = nn.functional.crossEntropy(model.call(X), y);
        loss.backward();
        opt.step();
        losses.push(loss.item() as number);
      }
      expectClose(losses, run.losses, 1e-4, 1e-6, 'loss curve');
      const sd = model.stateDict();
      for (const [k, v] of Object.entries(run.final)) expectClose(sd[k], v as never, 1e-3, 1e-5, `final ${k}`);
    });
  }
});
