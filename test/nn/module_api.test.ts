// PyTorch's Module API beyond registration by assignment: buffers (persistent flag, reassignment),
// registerParameter/addModule name checks, namedModules(prefix, removeDuplicate), zeroGrad({ setToNone }),
// requiresGrad_, to/double/float, loadStateDict's reports, and the containers' own methods (ModuleDict,
// ParameterList, ParameterDict) and Unflatten's forward. Reprs are compared with PyTorch in containers.test.ts.
import { describe, it, expect } from 'vitest';
import tg, { Tensor } from '../../lib/index.js';

const nn = tg.nn;
type Attrs = Record<string, unknown>;

class WithBuffers extends nn.Module {
  fc = new nn.Linear(2, 2);
  constructor() {
    super();
    this.registerBuffer('mean', tg.zeros([2]));
    this.registerBuffer('cache', tg.ones([3]), { persistent: false });
  }
}

describe('buffers', () => {
  it('a non-persistent buffer is a buffer but not in stateDict, and loadStateDict(strict) does not expect it', () => {
    const m = new WithBuffers();
    expect(m.namedBuffers().map(([n]) => n)).toEqual(['mean', 'cache']);
    expect(m.buffers().length).toBe(2);
    expect(Object.keys(m.stateDict())).toEqual(['mean', 'fc.weight', 'fc.bias']);
    const other = new WithBuffers();
    expect(other.loadStateDict(m.stateDict())).toEqual({ missingKeys: [], unexpectedKeys: [] });
    // re-registering as persistent puts it back
    m.registerBuffer('cache', tg.ones([3]), true);
    expect(Object.keys(m.stateDict())).toEqual(['mean', 'cache', 'fc.weight', 'fc.bias']);
    expect(() => m.registerBuffer('x', tg.ones([1]), { persistent: 1 as never })).toThrow(/registerBuffer.*persistent must be a boolean/);
  });

  it('assigning a new tensor to a buffer keeps it a buffer; a Parameter makes it a parameter; delete unregisters', () => {
    const m = new WithBuffers() as WithBuffers & Attrs;
    m.mean = tg.full([2], 5);
    expect(m.namedBuffers().map(([n]) => n)).toEqual(['mean', 'cache']);
    expect((m.stateDict().mean as Tensor).tolist()).toEqual([5, 5]);
    // a leaf requiring grad assigned to a buffer name stays a buffer (it is not a Parameter)
    m.mean = tg.zeros([2]).requiresGrad_(true);
    expect(m.namedParameters().map(([n]) => n)).toEqual(['fc.weight', 'fc.bias']);
    m.mean = nn.Parameter(tg.zeros([2]));
    expect(m.namedParameters().map(([n]) => n)).toEqual(['mean', 'fc.weight', 'fc.bias']);
    expect(m.namedBuffers().map(([n]) => n)).toEqual(['cache']);
    delete m.cache;
    // (a delete is seen at the next traversal: JS cannot intercept it as PyTorch's __delattr__ does)
    expect(m.namedBuffers().map(([n]) => n)).toEqual([]);
    m.cache = tg.ones([1]);
    expect(m.namedBuffers().map(([n]) => n)).toEqual([]);
  });

  it('a plain tensor attribute that is some other module\'s buffer is not registered here', () => {
    const m = new WithBuffers();
    class Holder extends nn.Module {
      alias = m.buffers()[0];
    }
    expect(new Holder().namedBuffers()).toEqual([]);
  });
});

describe('registration API', () => {
  it('registerParameter, addModule and registerModule file under the name, in order', () => {
    const m = new nn.Module();
    m.registerParameter('w', nn.Parameter(tg.zeros([2])));
    m.addModule('act', new nn.ReLU());
    m.registerParameter('b', null);
    m.registerModule('fc', new nn.Linear(1, 1));
    expect(m.namedParameters().map(([n]) => n)).toEqual(['w', 'fc.weight', 'fc.bias']);
    expect(m.namedChildren().map(([n]) => n)).toEqual(['act', 'fc']);
    expect(String(m)).toBe('Module(\n  (act): ReLU()\n  (fc): Linear(in_features=1, out_features=1, bias=True)\n)');
  });

  it('a name that would shadow a method, getter or training is "attribute already exists" (PyTorch KeyError)', () => {
    const m = new nn.Module();
    expect(() => m.registerBuffer('forward', tg.zeros([1]))).toThrow(/registerBuffer.*attribute 'forward' already exists/);
    expect(() => m.registerParameter('training', null)).toThrow(/attribute 'training' already exists/);
    expect(() => new nn.ModuleDict({ keys: new nn.ReLU() })).toThrow(/attribute 'keys' already exists/);
    expect(() => new nn.Sequential().addModule('length', new nn.ReLU())).toThrow(/attribute 'length' already exists/);
    expect(() => m.addModule('a.b', new nn.ReLU())).toThrow(/can't be empty or contain "."/);
  });

  it('namedModules(memo, prefix, removeDuplicate) as PyTorch', () => {
    const lin = new nn.Linear(2, 2);
    const seq = new nn.Sequential(lin, new nn.ReLU(), lin);
    expect(seq.namedModules(null, 'model').map(([n]) => n)).toEqual(['model', 'model.0', 'model.1']);
    expect(seq.namedModules(null, '', false).map(([n]) => n)).toEqual(['', '0', '1', '2']);
    expect(seq.namedModules(new Set([lin])).map(([n]) => n)).toEqual(['', '1']);
    expect(() => seq.namedModules(null, 3 as never)).toThrow(/namedModules.*prefix must be a string/);
  });
});

describe('grads and dtypes', () => {
  it('zeroGrad() zeroes grads in place (PyTorch 1.13 default); { setToNone: true } drops them', () => {
    const lin = new nn.Linear(3, 2);
    lin(tg.randn([4, 3])).sum().backward();
    const g = lin.weight.grad as Tensor;
    lin.zeroGrad();
    expect(lin.weight.grad).toBe(g);
    expect(g.abs().sum().item()).toBe(0);
    lin.zeroGrad({ setToNone: true });
    expect(lin.weight.grad).toBeNull();
    expect(lin.bias?.grad ?? null).toBeNull();
  });

  it('requiresGrad_ sets every parameter; to/double/float convert parameters and buffers', () => {
    const m = new WithBuffers();
    expect(m.requiresGrad_(false)).toBe(m);
    expect(m.parameters().map((p) => p.requiresGrad)).toEqual([false, false]);
    m.requiresGrad_();
    expect(m.parameters().every((p) => p.requiresGrad)).toBe(true);
    expect(m.double()).toBe(m);
    expect([...m.parameters(), ...m.buffers()].map((t) => t.dtype)).toEqual(Array(4).fill('float64'));
    expect(Object.keys(m.stateDict())).toEqual(['mean', 'fc.weight', 'fc.bias']); // cache stays non-persistent
    m.float();
    expect([...m.parameters(), ...m.buffers()].every((t) => t.dtype === 'float32')).toBe(true);
    m.to('float64');
    expect(m.fc(tg.ones([1, 2], { dtype: 'float64' })).dtype).toBe('float64');
  });
});

describe('loadStateDict reports', () => {
  it('missing and unexpected keys (strict throws naming them; strict false returns them)', () => {
    const m = new WithBuffers();
    const sd = m.stateDict();
    const { mean: _mean, ...partial } = sd;
    void _mean;
    expect(() => new WithBuffers().loadStateDict({ ...partial, extra: tg.zeros([1]) })).toThrow(
      'Error(s) in loading state_dict for WithBuffers:\n\tUnexpected key(s) in state_dict: "extra".\n\tMissing key(s) in state_dict: "mean".',
    );
    expect(new WithBuffers().loadStateDict({ ...partial, extra: tg.zeros([1]) }, { strict: false })).toEqual({ missingKeys: ['mean'], unexpectedKeys: ['extra'] });
  });

  it('a shape mismatch names the key and both shapes, strict or not, and loads nothing', () => {
    const m = new WithBuffers();
    const target = new WithBuffers();
    const before = target.fc.bias?.clone() as Tensor;
    const bad = { ...m.stateDict(), 'fc.weight': tg.zeros([3, 2]) };
    for (const strict of [true, false])
      expect(() => target.loadStateDict(bad, strict)).toThrow(
        'size mismatch for fc.weight: copying a param with shape [3, 2] from checkpoint, the shape in current model is [2, 2].',
      );
    expect(tg.equal(target.fc.bias as Tensor, before)).toBe(true);
  });
});

describe('containers', () => {
  it('ModuleDict: attributes, get/set/has/pop/clear, keys/values/items, iteration over keys, called children', () => {
    const d = new nn.ModuleDict({ fc: new nn.Linear(2, 3), act: new nn.ReLU() });
    expect(d.length).toBe(2);
    expect(d.get('fc')).toBe((d as unknown as Attrs).fc);
    expect([...d]).toEqual(['fc', 'act']);
    expect(d.keys()).toEqual(['fc', 'act']);
    expect(d.values()[1]).toBeInstanceOf(nn.ReLU);
    expect(d.has('act') && !d.has('nope')).toBe(true);
    expect(() => d.get('nope')).toThrow(/ModuleDict.get.*no module under key 'nope' \(keys: fc, act\)/);
    d.set('out', new nn.Tanh());
    d.update([['act', new nn.Sigmoid()]]); // an existing key keeps its place
    expect(d.items().map(([k, m]) => `${k}=${m}`)).toEqual(['fc=Linear(in_features=2, out_features=3, bias=True)', 'act=Sigmoid()', 'out=Tanh()']);
    expect(String(d.pop('fc'))).toContain('Linear');
    expect(d.keys()).toEqual(['act', 'out']);
    expect(d.parameters()).toEqual([]);
    d.clear();
    expect(d.length).toBe(0);
    expect(() => d.update({ x: 3 } as never)).toThrow(/ModuleDict.update.*value for key 'x' is not a Module \(got number 3\)/);
    expect(() => new nn.ModuleDict(5 as never)).toThrow(/expected a Map or object of modules, got number 5/);
  });

  it('ParameterList: plain tensors become Parameters; get/at/append/extend; parameters() in order', () => {
    const t = tg.ones([2]);
    const pl = new nn.ParameterList([nn.Parameter(tg.zeros([3])), t]);
    expect(t.requiresGrad).toBe(false); // the tensor itself is left alone, as nn.Parameter does
    expect(pl.length).toBe(2);
    expect(pl.get(1).requiresGrad && pl.get(1).isLeaf).toBe(true);
    expect(pl.at(-1)).toBe(pl.get(1));
    pl.append(tg.zeros([1])).extend([tg.zeros([4])]);
    expect(pl.namedParameters().map(([n, p]) => [n, p.shape])).toEqual([['0', [3]], ['1', [2]], ['2', [1]], ['3', [4]]]);
    expect([...pl].length).toBe(4);
    expect(() => pl.get(4)).toThrow(/ParameterList.get.*index 4 is out of range/);
    expect(() => pl.append(3 as never)).toThrow(/ParameterList.append.*expected a Tensor, got number 3/);
    // in a model: optimizers see them and stateDict names them 'ws.0'
    class M extends nn.Module {
      ws = new nn.ParameterList([tg.ones([2])]);
      override forward(x: Tensor): Tensor {
        return x.mul(this.ws.get(0));
      }
    }
    const m = new M();
    expect(Object.keys(m.stateDict())).toEqual(['ws.0']);
    m(tg.ones([2])).sum().backward();
    expect((m.ws.get(0).grad as Tensor).tolist()).toEqual([1, 1]);
  });

  it('ParameterDict: sorted keys from an object (PyTorch sorts a dict), Map order kept; get(key, default)', () => {
    const pd = new nn.ParameterDict({ b: tg.zeros([1]), a: tg.ones([2]) });
    expect(pd.keys()).toEqual(['a', 'b']);
    expect(new nn.ParameterDict(new Map([['b', tg.zeros([1])], ['a', tg.ones([2])]])).keys()).toEqual(['b', 'a']);
    expect(pd.get('a')?.requiresGrad).toBe(true);
    expect(pd.get('zz')).toBeUndefined();
    expect(pd.get('zz', null)).toBeNull();
    pd.set('c', nn.Parameter(tg.zeros([3])));
    expect(pd.has('c') && pd.length === 3).toBe(true);
    expect(pd.pop('a').shape).toEqual([2]);
    expect([...pd]).toEqual(['b', 'c']);
    expect(pd.values().map((p) => p.shape)).toEqual([[1], [3]]);
    expect(Object.keys(pd.stateDict())).toEqual(['b', 'c']);
    expect(() => pd.pop('a')).toThrow(/ParameterDict.pop.*no parameter under key 'a'/);
    expect(() => pd.set('d', 'x' as never)).toThrow(/ParameterDict.set.*value for key 'd' is not a Tensor \(got string\)/);
    pd.clear();
    expect(pd.length).toBe(0);
  });

  it('Unflatten splits a dim (one -1 inferred), backward flows; a size that does not multiply up names the shapes', () => {
    const x = tg.arange(24).reshape([2, 12]).requiresGrad_(true);
    const y = new nn.Unflatten(1, [3, -1])(x);
    expect(y.shape).toEqual([2, 3, 4]);
    expect(tg.equal(y, x.reshape([2, 3, 4]))).toBe(true);
    expect(new nn.Unflatten(-1, [2, 2, 3])(x).shape).toEqual([2, 2, 2, 3]);
    expect(new nn.Unflatten(0, [1, 2])(x).shape).toEqual([1, 2, 12]);
    y.sum().backward();
    expect((x.grad as Tensor).shape).toEqual([2, 12]);
    expect(() => new nn.Unflatten(1, [5, 2])(x)).toThrow(/Unflatten.*sizes \[5, 2\] don't multiply up to the size of dim 1 \(12\) of the input of shape \[2, 12\]/);
    expect(() => new nn.Unflatten(1, [5, -1])(x)).toThrow(/don't multiply up/);
    expect(() => new nn.Unflatten(2, [2, 6])(x)).toThrow(/Unflatten.*dim 2 is out of range for an input of shape \[2, 12\]/);
    expect(() => new nn.Unflatten(1, [-1, -1])(x)).toThrow(/one -1/);
    expect(() => new nn.Unflatten(1, 6 as never)).toThrow(/Unflatten.*unflattenedSize must be an array of integers, got number 6/);
    expect(() => new nn.Unflatten(1, [2, 1.5])).toThrow(/found number 1.5 at position 1/);
  });
});
