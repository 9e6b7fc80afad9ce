// nn.MultiheadAttention, F.multiHeadAttentionForward and the transformer modules against PyTorch 1.13
// (test/fixtures/transformer.json, gen_transformer.py): each case loads PyTorch's state_dict into the module built
// from the same arguments and compares outputs, output node names and grads; then a PyTorch TransformerEncoder
// checkpoint through safetensors, deepcopy, init, the module API and bad input.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import tg, { Tensor } from '../../lib/index.js';
import { dec, camel, opts, maxDiff, type TensorJson as TJ } from '../helpers/module_fixture.js';
import { deepcopy } from '../../lib/nn/clone.js';

interface Input { kind: 'x' | 'same' | 'mask'; t?: TJ; i?: number }
interface Case {
  id: string; module: string; kwargs: Record<string, unknown>; dtype: 'float32' | 'float64'; repr: string; eval: boolean;
  state: [string, TJ][]; inputs: Input[]; call: Record<string, TJ | boolean>; outs: TJ[]; names?: string[]; weights?: TJ[]; grads?: TJ[];
}
const FIX = JSON.parse(readFileSync(join(__dirname, '../fixtures/transformer.json'), 'utf8')) as {
  cases: Case[]; squareMask: TJ; checkpoint: { file: string; kwargs: Record<string, unknown>; x: TJ; y: TJ; lengths: number[] };
};

const nn = tg.nn;
type Ctor = new (...a: unknown[]) => tg.nn.Module;
const ctor = (name: string): Ctor => (nn as unknown as Record<string, Ctor>)[name];

function build(name: string, kw: Record<string, unknown>, dtype: string): tg.nn.Module {
  if (name === 'TransformerEncoder' || name === 'TransformerDecoder') {
    const layerKw = kw.layer as Record<string, unknown>;
    const layer = new (ctor(name === 'TransformerEncoder' ? 'TransformerEncoderLayer' : 'TransformerDecoderLayer'))({ ...opts(layerKw), dtype });
    const norm = kw.norm ? new nn.LayerNorm(layerKw.d_model as number, { dtype: dtype as 'float32' }) : null;
    return new (ctor(name))(layer, kw.num_layers, norm);
  }
  return new (ctor(name))({ ...opts(kw), dtype });
}

describe('attention and transformer modules match PyTorch 1.13 (transformer.json)', () => {
  for (const c of FIX.cases) {
    it(c.id, () => {
      const m = build(c.module, c.kwargs, c.dtype);
      expect(String(m)).toBe(c.repr);
      expect(Object.keys(m.stateDict())).toEqual(c.state.map(([k]) => k));
      m.loadStateDict(Object.fromEntries(c.state.map(([k, t]) => [k, dec(t)])));
      if (c.eval) m.eval();
      const args: Tensor[] = [];
      for (const inp of c.inputs) args.push(inp.kind === 'same' ? args[inp.i!] : dec(inp.t!, inp.kind === 'x' && !c.eval));
      const call = Object.fromEntries(Object.entries(c.call).map(([k, v]) => [camel(k), typeof v === 'boolean' ? v : dec(v)]));
      const run = (): unknown => (Object.keys(call).length ? m(...args, call) : m(...args));
      const out = c.eval ? tg.noGrad(run) : run();
      const outs = (Array.isArray(out) ? out : [out]).filter((o) => o !== null) as Tensor[];
      expect(outs.length).toBe(c.outs.length);
      const tol = c.dtype === 'float64' ? 1e-12 : 5e-6;
      outs.forEach((o, i) => expect(maxDiff(o, dec(c.outs[i]))).toBeLessThan(tol));
      if (c.eval) return;
      outs.forEach((o, i) => expect(o.gradFn?.name).toBe(c.names![i]));
      const loss = outs.map((o, i) => o.mul(dec(c.weights![i])).sum()).reduce((a, b) => a.add(b));
      const xs = args.filter((a, i) => c.inputs[i].kind === 'x');
      const grads = tg.autograd.grad(loss, [...xs, ...m.parameters()]);
      expect(grads.length).toBe(c.grads!.length);
      grads.forEach((g, i) => expect(maxDiff(g as Tensor, dec(c.grads![i]))).toBeLessThan(c.dtype === 'float64' ? 1e-11 : 1e-5));
    });
  }

  it('Transformer.generateSquareSubsequentMask is PyTorch’s', () => {
    expect(nn.Transformer.generateSquareSubsequentMask(3).equal(dec(FIX.squareMask))).toBe(true);
  });

  it("a PyTorch TransformerEncoder checkpoint (safetensors) loads by PyTorch's keys and gives PyTorch's output", () => {
    const ck = FIX.checkpoint;
    const enc = build('TransformerEncoder', ck.kwargs, 'float32');
    const state = tg.load(join(__dirname, '../fixtures', ck.file));
    expect(Object.keys(state)).toEqual(Object.keys(enc.stateDict()));
    expect(enc.loadStateDict(state)).toEqual({ missingKeys: [], unexpectedKeys: [] });
    enc.eval();
    const kpm = tg.tensor(ck.lengths.map((n) => Array.from({ length: 7 }, (_, j) => j >= n)), { dtype: 'bool' });
    const y = tg.noGrad(() => enc(dec(ck.x), { srcKeyPaddingMask: kpm })) as Tensor;
    expect(maxDiff(y, dec(ck.y))).toBeLessThan(5e-6);
  });
});

describe('deepcopy and the stacks', () => {
  it('TransformerEncoder holds independent copies of its layer, values equal, storage not shared', () => {
    tg.manualSeed(3);
    const layer = new nn.TransformerEncoderLayer(8, 2, 16, 0);
    const enc = new nn.TransformerEncoder(layer, 3);
    const [l0, l1] = [enc.layers.get(0), enc.layers.get(1)] as InstanceType<typeof nn.TransformerEncoderLayer>[];
    expect(l0).not.toBe(layer);
    expect(l0.linear1.weight.equal(layer.linear1.weight)).toBe(true);
    expect(l0.linear1.weight.dataPtr()).not.toBe(l1.linear1.weight.dataPtr());
    expect(l0.selfAttn).toBeInstanceOf(nn.MultiheadAttention);
    l0.linear1.weight.data.fill_(0);
    expect(l1.linear1.weight.abs().sum().item()).toBeGreaterThan(0);
    expect(layer.linear1.weight.abs().sum().item()).toBeGreaterThan(0);
    expect(enc.parameters().length).toBe(3 * layer.parameters().length);
    expect(enc.parameters().every((p) => p.isLeaf && p.requiresGrad)).toBe(true);
  });

  it('deepcopy keeps tied weights tied, buffers buffers, modes and hooks', () => {
    const lin = new nn.Linear(2, 2);
    const seq = new nn.Sequential(lin, new nn.ReLU(), lin);
    seq.registerBuffer('steps', tg.tensor([3]));
    seq.eval();
    const c = deepcopy(seq);
    expect(c.get(0)).toBe(c.get(2));
    expect(c.get(0)).not.toBe(lin);
    expect(c.buffers().length).toBe(1);
    expect(c.training).toBe(false);
    expect(String(c)).toBe(String(seq));
    expect(Object.keys(c.stateDict())).toEqual(Object.keys(seq.stateDict()));
    const x = tg.randn([1, 2]);
    expect((c(x) as Tensor).equal(seq(x) as Tensor)).toBe(true);
  });

  it('MultiheadAttention init: Xavier-uniform in_proj_weight, zero biases, the out_proj keeps Linear’s init', () => {
    tg.manualSeed(0);
    const mha = new nn.MultiheadAttention(64, 4, { addBiasKv: true });
    const bound = Math.sqrt(6 / (64 + 192));
    expect(mha.inProjWeight!.abs().max().item()).toBeLessThanOrEqual(bound);
    expect(mha.inProjWeight!.abs().max().item()).toBeGreaterThan(bound * 0.95);
    expect(mha.inProjBias!.abs().max().item()).toBe(0);
    expect(mha.outProj.bias!.abs().max().item()).toBe(0);
    expect(mha.outProj.weight.abs().max().item()).toBeLessThanOrEqual(1 / 8);
    expect(mha.biasK!.shape).toEqual([1, 1, 64]);
    expect(Object.keys(mha.stateDict())).toEqual(['in_proj_weight', 'in_proj_bias', 'bias_k', 'bias_v', 'out_proj.weight', 'out_proj.bias']);
  });

  it('F.multiHeadAttentionForward on a batch-first (transposed) query: the layout path of Note [MHA layouts] gives the contiguous query\'s output, grads and output node (ViewBackward0, as PyTorch)', () => {
    tg.manualSeed(3);
    const mha = new nn.MultiheadAttention(12, 3, { dtype: 'float64' });
    const xs = tg.randn([2, 5, 12], { dtype: 'float64' });
    const run = (q: Tensor) => tg.nn.functional.multiHeadAttentionForward(q, q, q, 12, 3, mha.inProjWeight, mha.inProjBias, null, null, false, 0,
      mha.outProj.weight, mha.outProj.bias, { needWeights: false })[0];
    const a = xs.clone().requiresGrad_(), b = xs.clone().requiresGrad_();
    const ya = run(a.transpose(0, 1)), yb = run(b.transpose(0, 1).contiguous());
    expect(ya.gradFn?.name).toBe('ViewBackward0');
    expect(ya.shape).toEqual([5, 2, 12]);
    expect(maxDiff(ya, yb)).toBeLessThan(1e-12);
    const g = tg.randn([5, 2, 12], { dtype: 'float64' });
    ya.backward(g);
    yb.backward(g);
    expect(maxDiff(a.grad!, b.grad!)).toBeLessThan(1e-12);
  });

  it('Transformer: Xavier-uniform on every matrix, default sizes, batch checks', () => {
    tg.manualSeed(1);
    const t = new nn.Transformer({ dModel: 16, nhead: 2, numEncoderLayers: 1, numDecoderLayers: 1, dimFeedforward: 32 });
    const w = (t.encoder as InstanceType<typeof nn.TransformerEncoder>).layers.get(0) as InstanceType<typeof nn.TransformerEncoderLayer>;
    expect(w.linear1.weight.abs().max().item()).toBeLessThanOrEqual(Math.sqrt(6 / 48));
    expect(() => t(tg.zeros([3, 2, 16]), tg.zeros([4, 3, 16]))).toThrow(/Transformer.*the batch number of src and tgt must be equal/);
    expect(() => t(tg.zeros([3, 2, 16]), tg.zeros([4, 2, 8]))).toThrow(/Transformer.*d_model/);
  });
});

describe('multi-head attention: bad input names the op and the shapes', () => {
  const mha = new nn.MultiheadAttention(8, 2);
  it.each([
    ['heads', () => new nn.MultiheadAttention(6, 4), /MultiheadAttention.*embed_dim must be divisible by num_heads/],
    ['rank', () => mha(tg.zeros([2, 3, 4, 8]), tg.zeros([2, 3, 8]), tg.zeros([2, 3, 8])), /multiHeadAttentionForward.*query should be unbatched 2D or batched 3D tensor but received 4-D/],
    ['key rank', () => mha(tg.zeros([2, 3, 8]), tg.zeros([3, 8]), tg.zeros([3, 8])), /expected `key` and `value` to be 3-D but found 2-D and 2-D/],
    ['embed dim', () => mha(tg.zeros([2, 3, 6]), tg.zeros([2, 3, 6]), tg.zeros([2, 3, 6])), /was expecting embedding dimension of 8, but got 6/],
    ['2-D mask', () => mha(tg.zeros([2, 3, 8]), tg.zeros([4, 3, 8]), tg.zeros([4, 3, 8]), { attnMask: tg.zeros([2, 2]) }), /The shape of the 2D attn_mask is \[2, 2\], but should be \[2, 4\]/],
    ['3-D mask', () => mha(tg.zeros([2, 3, 8]), tg.zeros([4, 3, 8]), tg.zeros([4, 3, 8]), { attnMask: tg.zeros([3, 2, 4]) }), /The shape of the 3D attn_mask is \[3, 2, 4\], but should be \[6, 2, 4\]/],
    ['padding mask', () => mha(tg.zeros([2, 3, 8]), tg.zeros([4, 3, 8]), tg.zeros([4, 3, 8]), { keyPaddingMask: tg.zeros([3, 5], { dtype: 'bool' }) }), /expecting key_padding_mask shape of \[3, 4\], but got \[3, 5\]/],
    ['padding mask dtype', () => mha(tg.zeros([2, 3, 8]), tg.zeros([4, 3, 8]), tg.zeros([4, 3, 8]), { keyPaddingMask: tg.zeros([3, 4], { dtype: 'int32' }) }), /only bool and floating types of key_padding_mask/],
    ['key/value', () => mha(tg.zeros([2, 3, 8]), tg.zeros([4, 3, 8]), tg.zeros([5, 3, 8])), /key shape \[4, 3, 8\] does not match value shape \[5, 3, 8\]/],
    ['activation', () => new nn.TransformerEncoderLayer(8, 2, { activation: 'tanh' as never }), /TransformerEncoderLayer.*activation should be relu\/gelu, not/],
    ['encoder layer', () => new nn.TransformerEncoder({} as never, 2), /TransformerEncoder.*expected a TransformerEncoderLayer/],
  ])('%s', (_, f, re) => {
    expect(f).toThrow(re);
  });
});
