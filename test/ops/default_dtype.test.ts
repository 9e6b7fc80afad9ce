// tg.setDefaultDtype / getDefaultDtype / setDefaultTensorType (Note [Default dtype] in lib/dtype.ts) against
// PyTorch 1.13 (test/fixtures/default_dtype.json, from test/fixtures/gen/gen_default_dtype.py): the same
// script run under float32 and float64, the dtype of every result (values and reprs for some).
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import tg, { Tensor } from '../../lib/index.js';

type Res = { dtype?: string; values?: unknown; repr?: string; error?: string | null };
const FIX: Record<'float32' | 'float64', Record<string, Res>> & {
  tensor_type: { errors: Record<string, string>; after_double: string; after_float: string }; set_int64_error: string;
} = JSON.parse(readFileSync(new URL('../fixtures/default_dtype.json', import.meta.url), 'utf8'));

const I = (): Tensor => tg.tensor([1, 2, 3], { dtype: 'int64' });
const B = (): Tensor => tg.tensor([true, false]);
const nn = tg.nn;
// each fixture case, spelled in tensorgrad
const CASES: Record<string, () => Tensor> = {
  zeros: () => tg.zeros([2]),
  ones: () => tg.ones([2, 3]),
  empty: () => tg.empty([2]),
  full_frac: () => tg.full([2], 1.5),
  full_bool: () => tg.full([2], true),
  rand: () => tg.rand([2]),
  randn: () => tg.randn([2]),
  normal: () => tg.normal(0, 1, [3]),
  arange_frac: () => tg.arange(0, 1, 0.25),
  linspace: () => tg.linspace(0, 1, 5),
  logspace: () => tg.logspace(0, 2, 3),
  eye: () => tg.eye(3),
  empty_strided: () => tg.emptyStrided([2, 2], [2, 1]),
  scalar_tensor: () => tg.scalarTensor(2.5),
  tensor_frac: () => tg.tensor([1.5, 2.0]),
  tensor_0d: () => tg.tensor(0.1),
  tensor_f32_kept: () => tg.tensor([1.5], { dtype: 'float32' }),
  int_mul_frac: () => I().mul(1.5),
  int_add_int: () => I().add(2),
  bool_add_frac: () => B().add(0.5),
  int_div_int: () => I().div(tg.tensor([2, 2, 2], { dtype: 'int64' })),
  int_div_scalar: () => I().div(3),
  int_sqrt: () => tg.sqrt(I()),
  int_exp: () => tg.exp(I()),
  int_sigmoid: () => tg.sigmoid(I()),
  int_logsumexp: () => tg.logsumexp(I(), 0),
  int_atan2: () => tg.atan2(I(), I()),
  f32_mul_frac: () => tg.ones([2], { dtype: 'float32' }).mul(1.5),
  where_scalars: () => tg.where(B(), 1.5, 2.5),
  linear_weight: () => new nn.Linear(2, 3).weight,
  conv2d_weight: () => new nn.Conv2d(1, 2, 3).weight,
  lstm_weight: () => new nn.LSTM(2, 3).weightIhL0,
  gru_weight: () => new nn.GRU(2, 3).weightHhL0,
  embedding_weight: () => new nn.Embedding(4, 2).weight,
  layernorm_weight: () => new nn.LayerNorm(3).weight as Tensor,
  batchnorm_running_mean: () => new nn.BatchNorm1d(3).runningMean as Tensor,
  prelu_weight: () => new nn.PReLU().weight,
  bilinear_weight: () => new nn.Bilinear(2, 2, 3).weight,
  mha_in_proj: () => new nn.MultiheadAttention(4, 2).inProjWeight as Tensor,
  init_xavier: () => nn.init.xavierUniform_(tg.empty([2, 3])),
};
const REPRS: Record<string, () => Tensor> = {
  repr_f32: () => tg.tensor([1.5, 2.0], { dtype: 'float32' }),
  repr_f64: () => tg.tensor([1.5, 2.0], { dtype: 'float64' }),
  repr_empty_f32: () => tg.zeros([0], { dtype: 'float32' }),
  repr_empty_f64: () => tg.zeros([0], { dtype: 'float64' }),
};

afterEach(() => tg.setDefaultDtype('float32'));

describe.each(['float32', 'float64'] as const)('under default %s', (def) => {
  const fx = FIX[def];
  it('every case has a fixture and the fixtures have no case left out', () => {
    expect(Object.keys(fx).sort()).toEqual([...Object.keys(CASES), ...Object.keys(REPRS), 'int_mean'].sort());
  });
  it.each(Object.keys(CASES))('%s: PyTorch\'s dtype (and values)', (name) => {
    tg.setDefaultDtype(def);
    const t = (CASES[name] as () => Tensor)();
    expect(t.dtype).toBe(fx[name]!.dtype);
    if (fx[name]!.values !== undefined) expect(t.tolist()).toEqual(fx[name]!.values);
  });
  it.each(Object.keys(REPRS))('%s: prints its dtype unless it is the default', (name) => {
    tg.setDefaultDtype(def);
    expect(String((REPRS[name] as () => Tensor)())).toBe(fx[name]!.repr);
  });
  it('mean of an integer tensor throws under either default', () => {
    tg.setDefaultDtype(def);
    expect(fx.int_mean!.error).toMatch(/could not infer output dtype/);
    expect(() => I().mean()).toThrow(/mean/);
  });
});

describe('setDefaultDtype / setDefaultTensorType', () => {
  it('getDefaultDtype follows both setters', () => {
    expect(tg.getDefaultDtype()).toBe('float32');
    tg.setDefaultTensorType('torch.DoubleTensor');
    expect(`torch.${tg.getDefaultDtype()}`).toBe(FIX.tensor_type.after_double);
    tg.setDefaultTensorType('torch.FloatTensor');
    expect(`torch.${tg.getDefaultDtype()}`).toBe(FIX.tensor_type.after_float);
    tg.setDefaultDtype(tg.float64);
    expect(tg.getDefaultDtype()).toBe('float64');
  });
  it('non-float types throw PyTorch\'s TypeError and leave the default as it was', () => {
    tg.setDefaultDtype('float64');
    for (const t of Object.keys(FIX.tensor_type.errors)) {
      expect(() => tg.setDefaultTensorType(t)).toThrow(TypeError);
      expect(() => tg.setDefaultTensorType(t)).toThrow(/^setDefaultTensorType: only floating-point types are supported as the default type/);
    }
    expect(FIX.set_int64_error).toMatch(/only floating-point types/);
    expect(() => tg.setDefaultDtype('int64')).toThrow(/^setDefaultDtype: only floating-point types are supported as the default type/);
    expect(() => tg.setDefaultDtype('float16')).toThrow(TypeError);
    expect(() => tg.setDefaultTensorType('torch.Foo')).toThrow(/^setDefaultTensorType: invalid type/);
    expect(tg.getDefaultDtype()).toBe('float64');
  });
  it('an integer-only pipeline is unaffected, and the keyword form works', () => {
    tg.setDefaultDtype({ d: 'float64' } as never);
    expect(tg.getDefaultDtype()).toBe('float64');
    expect(tg.randint(0, 5, [3]).dtype).toBe('int64');
    expect(I().add(2).dtype).toBe('int64');
  });
});
