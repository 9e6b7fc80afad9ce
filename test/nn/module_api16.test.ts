// issue 16's remaining Module API against PyTorch 1.13 (test/fixtures/module_api16.json, from
// test/fixtures/gen/gen_module_api16.py): Sequential / ModuleList insert and pop (reprs to the character),
// ParameterDict copy / fromkeys / popitem / setdefault, getExtraState / setExtraState saved as `_extra_state`,
// registerLoadStateDictPostHook (call order and the key lists each hook sees), type and toEmpty.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import tg, { Tensor } from '../../lib/index.js';

const FIX = JSON.parse(readFileSync(new URL('../fixtures/module_api16.json', import.meta.url), 'utf8'));
const C = FIX.containers, X = FIX.extra_state, H = FIX.post_hooks, K = FIX.casts;
const nn = tg.nn;
const seq = (): InstanceType<typeof nn.Sequential> => new nn.Sequential(new nn.Linear(2, 3), new nn.ReLU(), new nn.Tanh());

describe('Sequential and ModuleList insert / pop, as PyTorch', () => {
  it('Sequential.insert at 1, -1 and the end; out of range is a RangeError', () => {
    expect(String(seq().insert(1, new nn.Sigmoid()))).toBe(C.seq_insert_1);
    expect(String(seq().insert(-1, new nn.Sigmoid()))).toBe(C.seq_insert_neg1);
    expect(String(seq().insert(3, new nn.Sigmoid()))).toBe(C.seq_insert_end);
    expect(() => seq().insert(5, new nn.ReLU())).toThrow(new RegExp(`^Sequential.insert: ${C.seq_insert_out_of_range}`));
    expect(() => seq().insert(0, tg.ones(1) as never)).toThrow(/Sequential.insert: module is not a Module/);
    expect(() => new nn.Sequential(new Map([['a', new nn.ReLU()]])).insert(0, new nn.Tanh())).toThrow(/Sequential.insert: .*'a'/);
  });

  it('Sequential.pop returns the module and renumbers the rest; the inserted module runs in forward', () => {
    const s = seq();
    const p = s.pop(1);
    expect([String(p), String(s)]).toEqual(C.seq_pop_1);
    const t = seq();
    expect([String(t.pop(-1)), String(t)]).toEqual(C.seq_pop_neg1);
    expect(() => t.pop(2)).toThrow(/Sequential.pop: index 2 is out of range/);
    const u = new nn.Sequential(new nn.ReLU()).insert(0, new nn.Linear(1, 1));
    expect(u.call(tg.ones(2, 1)).shape).toEqual([2, 1]);
    expect(Object.keys(u.stateDict())).toEqual(['0.weight', '0.bias']);
  });

  it('ModuleList.insert / pop; a negative insert index is PyTorch 1.13\'s KeyError', () => {
    const l = new nn.ModuleList([new nn.ReLU(), new nn.Tanh()]);
    l.insert(0, new nn.Sigmoid());
    expect(String(l)).toBe(C.list_insert_0);
    const e = new nn.ModuleList([new nn.ReLU(), new nn.Tanh()]);
    e.insert(2, new nn.Sigmoid());
    expect(String(e)).toBe(C.list_insert_end);
    const q = new nn.ModuleList([new nn.ReLU(), new nn.Tanh(), new nn.Sigmoid()]);
    expect([String(q.pop(0)), String(q)]).toEqual(C.list_pop_0);
    expect(C.list_insert_neg).toMatch(/^KeyError/);
    expect(() => new nn.ModuleList([new nn.ReLU()]).insert(-1, new nn.Tanh())).toThrow(/ModuleList.insert: Index out of range: -1/);
  });
});

describe('ParameterDict copy / fromkeys / popitem / setdefault, as PyTorch', () => {
  const pd = (): InstanceType<typeof nn.ParameterDict> => new nn.ParameterDict(new Map([['a', nn.Parameter(tg.ones(2))], ['b', nn.Parameter(tg.zeros(3))]]));

  it('copy is shallow: same parameters, same repr', () => {
    const d = pd(), c = d.copy();
    expect([String(c), c.keys(), c.get('a') === d.get('a')]).toEqual(C.pd_copy);
    c.pop('a');
    expect(d.keys()).toEqual(['a', 'b']);
  });

  it('fromkeys shares one parameter under every key', () => {
    const f = pd().fromkeys(['x', 'y'], nn.Parameter(tg.zeros(1, 2)));
    expect([String(f), f.keys(), f.get('x') === f.get('y')]).toEqual(C.pd_fromkeys);
    expect(f.parameters().length).toBe(1);
    expect(() => pd().fromkeys(['x'], null as never)).toThrow(/ParameterDict.fromkeys: default must be a Tensor/);
  });

  it('popitem removes the last inserted; setdefault sets only a missing key', () => {
    const d = pd();
    const [k, v] = d.popitem();
    expect([k, v.shape, d.keys()]).toEqual(C.pd_popitem);
    const p = d.setdefault('c', nn.Parameter(tg.ones(4)));
    const q = d.setdefault('a', nn.Parameter(tg.ones(5)));
    expect([p.shape, q.shape, d.keys()]).toEqual(C.pd_setdefault);
    expect(() => new nn.ParameterDict().popitem()).toThrow(new RegExp(`ParameterDict.popitem: ${C.pd_popitem_empty.slice(1, -1).replace(/[()]/g, '\\$&')}`));
  });
});

class WithExtra extends nn.Module {
  w = nn.Parameter(tg.ones(2));
  child: InstanceType<typeof nn.Linear>;
  count = 3;
  constructor() {
    super();
    this.registerBuffer('b', tg.zeros(1));
    this.child = new nn.Linear(1, 1);
  }
  override getExtraState(): unknown {
    return { count: this.count };
  }
  override setExtraState(state: unknown): void {
    this.count = (state as { count: number }).count;
  }
}

describe('extra state: `_extra_state` in stateDict, as PyTorch', () => {
  it('saved after the own tensors, before the children; nested under the child prefix', () => {
    const m = new WithExtra();
    const sd = m.stateDict() as Record<string, unknown>;
    expect(Object.keys(sd)).toEqual(X.keys);
    expect(sd._extra_state).toEqual(X.value);
    expect(Object.keys(new nn.Sequential(new nn.Linear(1, 1), new WithExtra()).stateDict())).toEqual(X.nested_keys);
  });

  it('loadStateDict hands it to setExtraState; missing is reported, and unexpected where the class has none', () => {
    const sd = new nn.Sequential(new nn.Linear(1, 1), new WithExtra()).stateDict() as Record<string, unknown>;
    sd['1._extra_state'] = { count: 7 };
    const target = new nn.Sequential(new nn.Linear(1, 1), new WithExtra());
    const r = target.loadStateDict(sd as never);
    expect((target.get(1) as WithExtra).count).toBe(X.loaded_count);
    expect([r.missingKeys, r.unexpectedKeys]).toEqual(X.load_result);
    delete sd['1._extra_state'];
    const r2 = target.loadStateDict(sd as never, { strict: false });
    expect([r2.missingKeys, r2.unexpectedKeys]).toEqual(X.missing_extra);
    expect(() => target.loadStateDict(sd as never)).toThrow(/Missing key\(s\) in state_dict: "1._extra_state"/);
    const plain = { ...new nn.Linear(1, 1).stateDict(), _extra_state: 1 } as Record<string, unknown>;
    const r3 = new nn.Linear(1, 1).loadStateDict(plain as never, { strict: false });
    expect([r3.missingKeys, r3.unexpectedKeys]).toEqual(X.unexpected_extra);
  });

  it('the base getExtraState / setExtraState throw, as PyTorch\'s', () => {
    expect(X.base_raises).toBe(true);
    expect(() => new nn.Linear(1, 1).getExtraState()).toThrow(/^getExtraState: /);
    expect(() => new nn.Linear(1, 1).setExtraState(1)).toThrow(/^setExtraState: /);
  });
});

describe('registerLoadStateDictPostHook, as PyTorch', () => {
  it('hooks run children first, each seeing the keys found so far', () => {
    const calls: unknown[] = [];
    const model = new nn.Sequential(new nn.Linear(2, 2), new nn.Sequential(new nn.Linear(2, 1)));
    const rec = (name: string) => (_m: unknown, k: { missingKeys: string[]; unexpectedKeys: string[] }): void => void calls.push([name, [...k.missingKeys], [...k.unexpectedKeys]]);
    model.registerLoadStateDictPostHook(rec('outer'));
    (model.get(1) as InstanceType<typeof nn.Module>).registerLoadStateDictPostHook(rec('inner'));
    const h = (model.get(0) as InstanceType<typeof nn.Module>).registerLoadStateDictPostHook(rec('first'));
    const sd = model.stateDict() as Record<string, Tensor>;
    delete sd['1.0.bias'];
    sd.extra = tg.zeros(1);
    const r = model.loadStateDict(sd, { strict: false });
    expect(calls).toEqual(H.calls);
    expect([r.missingKeys, r.unexpectedKeys]).toEqual(H.result);
    h.remove();
    calls.length = 0;
    model.loadStateDict(sd, { strict: false });
    expect(calls.map((c) => (c as string[])[0])).toEqual(['inner', 'outer']);
  });

  it('a hook that clears missingKeys lets a strict load pass (after loading the weight); a returned value is an error', () => {
    const m = new nn.Linear(2, 1);
    m.registerLoadStateDictPostHook((_mod, k) => void (k.missingKeys.length = 0));
    const r = m.loadStateDict({ weight: tg.ones(1, 2) });
    expect([r.missingKeys, r.unexpectedKeys, m.weight.tolist()]).toEqual(H.cleared);
    const n = new nn.Linear(2, 1);
    n.registerLoadStateDictPostHook((() => 1) as never);
    expect(() => n.loadStateDict(n.stateDict())).toThrow(/registerLoadStateDictPostHook: hooks are not expected to return/);
    expect(() => n.registerLoadStateDictPostHook(3 as never)).toThrow(/registerLoadStateDictPostHook: hook must be a function/);
  });
});

describe('type and toEmpty, as PyTorch', () => {
  const dtypes = (m: InstanceType<typeof nn.Module>): Record<string, string> => Object.fromEntries(Object.entries(m.stateDict()).map(([k, v]) => [k, v.dtype]));

  it('type casts every tensor, integer buffers too; to casts the floating point ones only', () => {
    expect(dtypes(new nn.BatchNorm1d(2).type('float64'))).toEqual(K.type_float64);
    expect(dtypes(new nn.BatchNorm1d(2).to('float64'))).toEqual(K.to_float64);
    expect(() => new nn.Linear(1, 1).type('half' as never)).toThrow(/^type: dstType must be a dtype name/);
  });

  it('toEmpty gives fresh storage of the same shapes, parameters staying parameters with their requiresGrad', () => {
    const lin = new nn.Linear(2, 3);
    lin.weight.requiresGrad_(false);
    const before = lin.weight;
    lin.toEmpty();
    expect({
      shapes: lin.parameters().map((p) => p.shape), requires_grad: lin.parameters().map((p) => p.requiresGrad),
      is_parameter: lin.parameters().map((p) => nn.isParameter(p)),
    }).toEqual(K.to_empty);
    expect(lin.weight).not.toBe(before);
    expect(lin.weight.dataPtr()).not.toBe(before.dataPtr());
  });
});
