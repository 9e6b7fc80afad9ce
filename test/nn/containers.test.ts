// Containers and shared modules/parameters against PyTorch 1.13 (test/fixtures/nn_repr.json, made by
// test/fixtures/gen/gen_nn_repr.py): printouts to the character, stateDict keys (every registration) versus
// namedParameters / namedChildren / modules (deduplicated), Sequential's positional API, Parameter printing.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inspect, format } from 'node:util';
import { describe, it, expect } from 'vitest';
import tg, { Tensor, nn } from '../../lib/index.js';
import { FIXTURE_DIR } from './helpers.js';

interface ModuleCase {
  name: string;
  repr: string;
  len?: number;
  stateDictKeys: string[];
  namedParameters: string[];
  namedChildren: string[];
  namedModules: string[];
  namedBuffers: string[];
}
interface ParamCase {
  name: string;
  dtype: 'float32' | 'float64' | 'int32';
  shape: number[];
  data: number[];
  requiresGrad: boolean;
  str: string;
  repr: string;
}
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const fx: any = JSON.parse(readFileSync(join(FIXTURE_DIR, 'nn_repr.json'), 'utf8'));
const moduleCases: ModuleCase[] = fx.modules;
const paramCases: ParamCase[] = fx.parameters;

type Attrs = Record<string, unknown>;
const lin = (i = 2, o = 2) => new nn.Linear(i, o);

class Tied extends nn.Module {
  enc = lin(3, 3);
  dec = lin(3, 3);
  again: nn.Module;
  act = new nn.ReLU();
  constructor() {
    super();
    this.dec.weight = this.enc.weight;
    this.again = this.enc;
  }
}
class SharedParam extends nn.Module {
  w = nn.Parameter(tg.zeros([2]));
  v = this.w;
  inner = new nn.Module();
  constructor() {
    super();
    (this.inner as unknown as Attrs).p = this.w;
  }
}
class SharedBuffer extends nn.Module {
  inner = new nn.Module();
  constructor() {
    super();
    const t = tg.zeros([2]);
    this.registerBuffer('a', t);
    this.registerBuffer('b', t);
    this.inner.registerBuffer('c', t);
  }
}
class ExtraMultiline extends nn.Module {
  pl = new nn.ParameterList([nn.Parameter(tg.zeros([2]))]);
  heads = new nn.ModuleDict(new Map<string, nn.Module>([['cls', lin(2, 3)], ['box', new nn.Unflatten(1, [2, 1])]]));
  constructor() {
    super();
    this.registerBuffer('mask', tg.ones([2]));
    this.registerBuffer('cache', tg.zeros([3]), { persistent: false });
  }
  override extraRepr(): string {
    return 'alpha=1\nbeta=2';
  }
}
function seqNamedThenAppend(): nn.Sequential {
  const s = new nn.Sequential();
  s.addModule('block 0', new nn.ReLU());
  s.addModule('b', new nn.Tanh());
  s.append(new nn.Sigmoid());
  return s;
}

// The same structures as MODULES in gen_nn_repr.py, by case name.
const builders: Record<string, () => nn.Module> = {
  transformer_layer_reprs: () =>
    new nn.Sequential(
      new nn.Embedding(10, 3), new nn.Embedding(10, 3, { paddingIdx: -2 }),
      new nn.Embedding(5, 2, { paddingIdx: 0, maxNorm: 1.5, normType: 1.0, scaleGradByFreq: true }),
      new nn.LayerNorm(4), new nn.LayerNorm([2, 3], { eps: 1e-6, elementwiseAffine: false }), new nn.Dropout1d(), new nn.Dropout2d(0.25),
    ),
  leaf_reprs: () =>
    new nn.Sequential(
      new nn.Identity(), new nn.ReLU(), new nn.Tanh(), new nn.Sigmoid(), new nn.GELU(),
      new nn.GELU({ approximate: 'tanh' }), new nn.Softmax(1), new nn.LogSoftmax(-1), new nn.Dropout(), new nn.Dropout(0.0),
      new nn.Dropout(0.25), new nn.Dropout(1.0), new nn.Dropout(1e-5), new nn.Flatten(), new nn.Flatten(0, 2),
      new nn.Linear(3, 1, { bias: false }), new nn.MSELoss(), new nn.NLLLoss(), new nn.CrossEntropyLoss(),
      new nn.BCEWithLogitsLoss(), new nn.MSELoss({ reduction: 'sum' }),
    ),
  sequential_lin_lin: () => {
    const a = lin();
    return new nn.Sequential(a, a);
  },
  sequential_shared_twice: () => {
    const a = lin();
    return new nn.Sequential(a, new nn.ReLU(), a);
  },
  sequential_nested_shared: () => {
    const a = lin();
    const inner = new nn.Sequential(a, a);
    return new nn.Sequential(inner, new nn.Tanh(), inner);
  },
  sequential_named_then_append: seqNamedThenAppend,
  sequential_numeric_names_out_of_order: () =>
    new nn.Sequential(new Map<string, nn.Module>([['b', new nn.ReLU()], ['1', lin()], ['0', new nn.Sigmoid()]])),
  sequential_slice: () => seqNamedThenAppend().slice(1),
  sequential_slice_negative: () => seqNamedThenAppend().slice(-2),
  sequential_slice_empty: () => seqNamedThenAppend().slice(5),
  sequential_extend_shared: () => {
    const a = lin();
    return new nn.Sequential(new nn.ReLU()).extend([a, a]);
  },
  module_list_shared_append: () => {
    const a = lin();
    return new nn.ModuleList([a, a]).append(new nn.ReLU()).append(a);
  },
  module_list_slice: () => {
    const a = lin();
    return new nn.ModuleList([new nn.ReLU(), a, a]).slice(1);
  },
  tied: () => new Tied(),
  shared_param: () => new SharedParam(),
  shared_buffer: () => new SharedBuffer(),
  empty_sequential: () => new nn.Sequential(),
  module_dict: () => new nn.ModuleDict({ fc: lin(2, 3), act: new nn.ReLU(), un: new nn.Unflatten(-1, [3, 1]) }),
  empty_module_dict: () => new nn.ModuleDict(),
  parameter_list: () =>
    new nn.ParameterList([nn.Parameter(tg.zeros([3, 4])), tg.zeros([2], { dtype: 'float64' }), nn.Parameter(tg.zeros([])), nn.Parameter(tg.zeros([0, 2]))]),
  parameter_list_one: () => new nn.ParameterList([nn.Parameter(tg.zeros([2]))]),
  empty_parameter_list: () => new nn.ParameterList(),
  parameter_dict: () => new nn.ParameterDict({ b: nn.Parameter(tg.zeros([3])), a: nn.Parameter(tg.zeros([1, 2], { dtype: 'float64' })) }),
  parameter_dict_ordered: () => new nn.ParameterDict(new Map([['b', nn.Parameter(tg.zeros([3]))], ['a', nn.Parameter(tg.zeros([1, 2]))]])),
  unflattens: () => new nn.Sequential(new nn.Unflatten(1, [2, 5]), new nn.Unflatten(0, [4]), new nn.Unflatten(-1, [2, -1])),
  extra_multiline: () => new ExtraMultiline(),
};

describe('module structure and printout match PyTorch', () => {
  it('every fixture case has a builder and every builder a case', () => {
    expect(Object.keys(builders).sort()).toEqual(moduleCases.map((c) => c.name).sort());
  });
  for (const c of moduleCases) {
    it(c.name, () => {
      const m = builders[c.name]();
      expect(String(m)).toBe(c.repr);
      expect(inspect(m)).toBe(c.repr);
      expect(Object.keys(m.stateDict())).toEqual(c.stateDictKeys);
      expect(m.namedParameters().map(([n]) => n)).toEqual(c.namedParameters);
      expect(m.namedChildren().map(([n]) => n)).toEqual(c.namedChildren);
      expect(m.namedModules().map(([n]) => n)).toEqual(c.namedModules);
      expect(m.namedBuffers().map(([n]) => n)).toEqual(c.namedBuffers);
      expect(m.buffers().length).toBe(c.namedBuffers.length);
      expect(m.parameters().length).toBe(c.namedParameters.length);
      if (c.len !== undefined) {
        const list = m as nn.Sequential;
        expect(list.length).toBe(c.len);
        expect([...list].length).toBe(c.len);
      }
    });
  }
});

describe('shared modules and parameters', () => {
  it('Sequential(lin, lin) applies lin twice and its grads sum both uses (PyTorch values)', () => {
    const s = fx.shared;
    const a = lin();
    tg.noGrad(() => {
      a.weight.copy_(tg.tensor(s.weight).reshape([2, 2]));
      (a.bias as Tensor).copy_(tg.tensor(s.bias));
    });
    const x = tg.tensor(s.x).reshape([2, 2]);
    const y = new nn.Sequential(a, a).call(x) as Tensor;
    expect(y.equal(a.call(a.call(x)))).toBe(true);
    expect(Array.from(y.toTypedArray() as Float32Array)).toEqual(s.y.map(Math.fround));
    y.sum().backward();
    const close = (t: Tensor, e: number[]) => Array.from(t.toTypedArray() as Float32Array).forEach((v, i) => expect(v).toBeCloseTo(e[i], 5));
    close(a.weight.grad as Tensor, s.weightGrad);
    close((a.bias as Tensor).grad as Tensor, s.biasGrad);
  });

  it('a state dict of a shared module loads into every key (strict needs both)', () => {
    const a = lin();
    const seq = new nn.Sequential(a, a);
    const sd = seq.stateDict();
    expect(sd['0.weight'].equal(sd['1.weight'])).toBe(true);
    expect(() => seq.loadStateDict({ '0.weight': sd['0.weight'], '0.bias': sd['0.bias'] })).toThrow(/Missing key\(s\) in state_dict: "1.weight", "1.bias"/);
    const other = new nn.Sequential(lin(), lin());
    other.loadStateDict(sd);
    expect(other.get(1).stateDict().weight.equal(a.weight)).toBe(true);
  });

  it('train()/eval() and zeroGrad reach a module and parameter shared under two names once each', () => {
    const t = new Tied();
    t.eval();
    expect(t.enc.training || t.dec.training || t.act.training).toBe(false);
    t.enc.weight.grad = tg.onesLike(t.enc.weight);
    t.zeroGrad();
    expect(t.enc.weight.grad?.sum().item()).toBe(0);
  });

  it('to()/double() keep tied parameters and shared modules shared, as PyTorch does', () => {
    const t = new Tied().double();
    expect(t.dec.weight === t.enc.weight && t.again === t.enc).toBe(fx.facts.tiedStaysTiedAfterDouble);
    expect(t.dec.weight.dtype).toBe(fx.facts.tiedDtypeAfterDouble);
    expect(t.parameters().every((p) => p.dtype === 'float64')).toBe(true);
    const sp = new SharedParam().double();
    expect(sp.v === sp.w && (sp.inner as unknown as Attrs).p === sp.w).toBe(fx.facts.sharedParamStaysSharedAfterDouble);
    expect(sp.w.dtype).toBe('float64');
    const sb = new SharedBuffer().double();
    const bufs = sb as unknown as Record<string, Tensor>;
    expect(bufs.a === bufs.b || (sb.inner as unknown as Record<string, Tensor>).c === bufs.a).toBe(fx.facts.sharedBufferStaysSharedAfterDouble);
    expect(Object.values(sb.stateDict()).every((b) => b.dtype === 'float64')).toBe(true);
  });
});

describe('registration order', () => {
  it('names that look like integers keep registration order (JS would sort them first)', () => {
    const m = new nn.Module();
    m.addModule('b', new nn.ReLU());
    m.addModule('1', new nn.Tanh());
    m.addModule('0', new nn.Sigmoid());
    expect(m.namedChildren().map(([n]) => n)).toEqual(['b', '1', '0']);
    const p = new nn.Module();
    p.registerParameter('z', nn.Parameter(tg.zeros([1])));
    p.registerParameter('3', nn.Parameter(tg.zeros([2])));
    p.registerParameter('1', nn.Parameter(tg.zeros([3])));
    expect(p.namedParameters().map(([n]) => n)).toEqual(['z', '3', '1']);
    // (stateDict() is a plain object, so there JS lists a top-level integer-like key first whatever we do.)
    const outer = new nn.Module();
    outer.addModule('x', p);
    outer.addModule('0', new nn.Linear(1, 1));
    expect(Object.keys(outer.stateDict())).toEqual(['x.z', 'x.3', 'x.1', '0.weight', '0.bias']);
  });

  it('a deleted property is no longer registered, and a name added later goes last', () => {
    const m = new nn.Module();
    m.addModule('0', new nn.ReLU());
    (m as unknown as Attrs).fc = new nn.Linear(1, 1);
    m.addModule('1', new nn.Tanh());
    expect(m.namedChildren().map(([n]) => n)).toEqual(['0', 'fc', '1']);
    delete (m as unknown as Attrs).fc;
    m.addModule('x', new nn.Sigmoid());
    expect(m.namedChildren().map(([n]) => n)).toEqual(['0', '1', 'x']);
    expect(Object.keys(m.stateDict())).toEqual([]);
  });

  it('a re-registered name keeps its place, as in a PyTorch dict', () => {
    const s = new nn.Sequential(new nn.ReLU(), new nn.Tanh());
    s.addModule('0', new nn.Sigmoid());
    expect(String(s)).toBe('Sequential(\n  (0): Sigmoid()\n  (1): Tanh()\n)');
  });
});

describe('Sequential and ModuleList positional API', () => {
  it('get/at index by position whatever the names; negative counts from the end', () => {
    const s = seqNamedThenAppend();
    expect(s.get(0)).toBeInstanceOf(nn.ReLU);
    expect(s.get(1)).toBeInstanceOf(nn.Tanh);
    expect(s.get(-1)).toBeInstanceOf(nn.Sigmoid);
    expect(s.at(-3)).toBeInstanceOf(nn.ReLU);
    expect((s as unknown as Attrs)['block 0']).toBe(s.get(0));
    expect([...s].map((m) => m.constructor.name)).toEqual(['ReLU', 'Tanh', 'Sigmoid']);
    expect(() => s.get(3)).toThrow(new RangeError('Sequential.get: index 3 is out of range'));
    expect(() => s.get(-4)).toThrow(/index -4 is out of range/);
    expect(() => s.get(1.5)).toThrow(TypeError);
    expect(() => s.get('0' as never)).toThrow(TypeError);
  });

  it('forward runs the modules in positional order with non-index names', () => {
    const s = new nn.Sequential();
    s.addModule('block 0', new nn.Flatten());
    s.addModule('head', new nn.Linear(6, 2));
    expect((s.call(tg.randn([4, 2, 3])) as Tensor).shape).toEqual([4, 2]);
  });

  it('slice returns a Sequential of the same modules under their names; ModuleList renumbers', () => {
    const s = seqNamedThenAppend();
    const t = s.slice(0, -1);
    expect(t).toBeInstanceOf(nn.Sequential);
    expect(t.get(1)).toBe(s.get(1));
    expect(t.namedChildren().map(([n]) => n)).toEqual(['block 0', 'b']);
    expect(s.slice().length).toBe(3);
    const ml = new nn.ModuleList([new nn.ReLU(), new nn.Tanh()]);
    expect(ml.slice(-1).namedChildren().map(([n]) => n)).toEqual(['0']);
    expect(ml.get(-1)).toBe(ml.get(1));
    expect(() => ml.get(2)).toThrow(/ModuleList.get: index 2 is out of range/);
  });

  it('append/extend type-check their arguments', () => {
    const s = new nn.Sequential();
    expect(() => s.append(new Map() as never)).toThrow(/^Sequential.append: argument is not a Module \(got Map/);
    // A plain object is the options form (Note [Keyword arguments]): { module } names the argument.
    expect(() => s.append({ modul: new nn.ReLU() } as never)).toThrow(/Sequential.append\(\) got an unexpected keyword argument 'modul'/);
    expect(() => s.extend([3 as never])).toThrow(/^Sequential.append: argument is not a Module \(got number 3\)/);
    expect(() => new nn.ModuleList().extend([new nn.ReLU(), 3 as never])).toThrow(/^ModuleList.append: argument is not a Module/);
    expect(() => new nn.ModuleList([1 as never])).toThrow(/^ModuleList.append: argument is not a Module/);
    expect(() => new nn.ModuleList(5 as never)).toThrow(/^ModuleList.extend: expected an iterable of Modules, got number 5/);
    expect(() => s.extend(null as never)).toThrow(/^Sequential.extend: expected an iterable of Modules, got null/);
    expect(() => s.slice('1' as never)).toThrow(/^Sequential.slice: start must be an integer, got string/);
    expect(() => new nn.ModuleList().slice(0, 0.5)).toThrow(/^ModuleList.slice: stop must be an integer, got number 0.5/);
  });
});

describe('Parameter printing', () => {
  for (const c of paramCases) {
    it(c.name, () => {
      const p = nn.Parameter(tg.tensor(c.data, { dtype: c.dtype }).reshape(c.shape), c.requiresGrad);
      expect(String(p)).toBe(c.str);
      expect(`${p}`).toBe(c.str);
      expect(p.toString()).toBe(c.str);
      expect(inspect(p)).toBe(c.repr);
      expect(format(p)).toBe(c.repr); // what console.log prints
      // `new nn.Parameter(t)` (PyTorch's spelling, a JS call with new) is the same Parameter.
      const q = new (nn.Parameter as unknown as new (t: Tensor, rg: boolean) => Tensor)(tg.tensor(c.data, { dtype: c.dtype }).reshape(c.shape), c.requiresGrad);
      expect(String(q)).toBe(c.str);
    });
  }

  it('Parameter(t) is a new tensor sharing t\'s storage and leaves t as it was', () => {
    const t = tg.zeros([2]);
    const p = nn.Parameter(t);
    expect(p !== t).toBe(fx.facts.parameterIsANewObject);
    expect(t.requiresGrad).toBe(fx.facts.parameterOfTensorLeavesItsRequiresGrad);
    expect(String(t)).toBe(fx.facts.strOfTensorAfterParameter);
    expect(String(p.mul(2))).toBe(fx.facts.parameterTimesTwo);
    expect(String(p.detach())).toBe(fx.facts.parameterDetach);
    tg.noGrad(() => p.fill_(3));
    expect(t.tolist()).toEqual([3, 3]);
  });

  it('a Parameter in a module prints with the prefix; one from a state dict does not', () => {
    const fc = new nn.Linear(2, 1);
    expect(String(fc.weight).startsWith('Parameter containing:\ntensor([[')).toBe(true);
    expect(String(fc.stateDict().weight).startsWith('tensor([[')).toBe(true);
    expect(String(fc.double().weight)).toMatch(/^Parameter containing:\n.*dtype=torch.float64, requires_grad=True\)$/s);
  });
});
