// The list of PyTorch 1.13 functions, methods and classes tensorgrad still lacks (issue 15's closing list),
// generated from PyTorch's own API (test/fixtures/kwargs.json, made by test/fixtures/gen/gen_kwargs.py from
// torch's type stubs and signatures) and compared with what tensorgrad exports. docs/missing-ops.md is this
// test's output: the test fails when the committed page differs from the surface, so the page is never stale
// and never hand-written. After adding ops: `UPDATE_MISSING_OPS=1 npx vitest run test/meta/missing_ops.test.ts`.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import tg, { Tensor } from '../../lib/index.js';

const root = join(__dirname, '..', '..');
const PAGE = join(root, 'docs', 'missing-ops.md');
const PYTORCH: Record<string, unknown> = JSON.parse(readFileSync(join(root, 'test', 'fixtures', 'kwargs.json'), 'utf8')).functions;

const camel = (s: string): string => s.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

// Names outside tensorgrad's scope, each pattern with its reason; they are counted, not listed as missing.
const OUT_OF_SCOPE: [RegExp, string][] = [
  [/(^|\.)_/, 'private or dunder names (operators are methods: add, mul, ...)'],
  [/cuda|cudnn|miopen|mkldnn|mps|vulkan|xpu|hip|ipu|fbgemm|nnpack|xnnpack|cpu_fused|pin_memory|is_pinned|device|get_device|\.cpu$|\.storage|untyped_storage|data_ptr_|record_stream|share_memory/, 'devices, accelerator back ends and storage internals'],
  [/quantiz|q_|choose_qparams|dequantize|int_repr|fake_quant|qscheme|qint|quint/, 'quantization'],
  [/sparse|to_dense|coalesce|_indices|_values|crow_|col_indices|row_indices|ccol_|nnz|smm|sspaddmm|hspmm|is_coalesced|to_mkldnn|sparse_mask|SparseAdam|\bsaddmm$|\bspmm$|^Tensor\.(indices|values|dense_dim)$/, 'sparse tensors'],
  [/complex|conj|real$|imag$|angle|polar|view_as_real|resolve_neg|is_neg|resolve_conj|adjoint|^linalg\.(eig|eigvals)$|\.chalf$/, 'complex numbers'],
  // session 8: what remained of the list once the reachable names were implemented
  [/^Tensor\.(numpy|as_subclass)$|^torch\.(from_numpy|from_dlpack)$/, 'Python interop (NumPy arrays, DLPack capsules, Tensor subclasses)'],
  [/^torch\.(compiled_with_cxx11_abi|classproperty|get_file_path|prepare_multiprocessing_environment)$/, 'build and Python internals'],
  [/^Tensor\.reinforce$/, 'removed from PyTorch (Tensor.reinforce raises in 1.13)'],
  [/^utils\.data\.DataLoader2$/, 'torchdata prototype (DataLoader2)'],
  [/\b(rename|refine_names|align_to|align_as|align_tensors|names|has_names)\b|\.(rename_|unflatten_names)$/, 'named tensors'],
  [/DataParallel|SyncBatchNorm|DistributedSampler|distributed|rpc/, 'multi-process and multi-device training'],
  [/IterDataPipe|DataChunk|non_deterministic|functional_datapipe|MapDataPipe/, 'torchdata datapipes'],
  [/stft|istft|_window$|fft/, 'spectral ops (torch.fft is a namespace of its own)'],
  [/is_inference|inference_mode|is_grad_enabled|is_autocast|autocast|set_autocast|get_autocast|clear_autocast/, 'autocast and inference mode'],
  [/nested|to_padded_tensor/, 'nested tensors'],
  [/functional\.([A-Z]\w*|boolean_dispatch|handle_torch_function|assert_int_or_pair)$|utils\.data\.(argument_validation|runtime_validation\w*|guaranteed_datapipes_determinism)$/, 'Python typing names and helpers that torch modules import'],
  [/batch_norm_(backward|elemt|gather|stats|update)|native_|_backward$|cudnn_|miopen_|fbgemm_|\bsegment_reduce\b|_copy$/, 'ATen internals and the *_copy variants of view ops'],
];

function outOfScope(key: string): string | null {
  for (const [re, why] of OUT_OF_SCOPE) if (re.test(key)) return why;
  return null;
}

const has = (o: unknown, name: string): boolean => o !== undefined && o !== null && name in (o as object);
const classOf = (ns: Record<string, unknown>, name: string): { prototype: object } | undefined => ns[name] as { prototype: object } | undefined;

// PyTorch names whose tensorgrad counterpart is spelled otherwise than the camelCase rule gives.
const RENAMED: Record<string, () => unknown> = {
  'torch.set_printoptions': () => tg.setPrintOptions,
  'torch.is_anomaly_enabled': () => tg.autograd.isAnomalyEnabled,
};

/** Does tensorgrad have PyTorch's `key` ('torch.cumsum', 'Tensor.index_add_', 'nn.Conv2d', 'nn.Module.apply', ...)? */
function present(key: string): boolean {
  const parts = key.split('.');
  const last = parts[parts.length - 1];
  const m = camel(last);
  const nn = tg.nn as unknown as Record<string, unknown>;
  const optim = tg.optim as unknown as Record<string, unknown>;
  const sched = tg.optim.lrScheduler as unknown as Record<string, unknown>;
  const data = tg.utils.data as unknown as Record<string, unknown>;
  const proto = (cls: { prototype: object } | undefined): object | undefined => cls?.prototype;
  if (RENAMED[key]) return typeof RENAMED[key]() === 'function';
  switch (parts[0]) {
    case 'torch': return has(tg, m);
    case 'Tensor': return has(Tensor.prototype, m);
    case 'Generator': return has(proto(tg.Generator as unknown as { prototype: object }), m);
    case 'linalg': return has(tg.linalg, m);
    case 'autograd': return parts[1] === 'forwardAd' ? has(tg.autograd.forwardAd, m) : has(tg.autograd, m);
    case 'func': return has(tg.func, m);
    case 'utils':
      if (parts.length === 3) return has(data, last) || has(data, m);
      return has(proto(classOf(data, parts[2])), m);
    case 'optim':
      if (parts[1] === 'lr_scheduler') {
        if (parts.length === 3) return has(sched, last);
        const cls = parts[2] === '_LRScheduler' ? classOf(sched, 'LRScheduler') ?? classOf(sched, 'StepLR') : classOf(sched, parts[2]);
        return has(proto(cls), m);
      }
      if (parts.length === 2) return has(optim, last);
      return has(proto(parts[1] === 'Optimizer' ? classOf(optim, 'Optimizer') ?? classOf(optim, 'SGD') : classOf(optim, parts[1])), m);
    case 'nn':
      if (parts[1] === 'functional') return has(tg.nn.functional, m);
      if (parts[1] === 'init') return has(tg.nn.init, m);
      if (parts[1] === 'utils') {
        // nested namespaces: nn.utils.parametrize.register_parametrization -> tg.nn.utils.parametrize.registerParametrization
        let ns: unknown = tg.nn.utils;
        for (const p of parts.slice(2, -1)) ns = (ns as Record<string, unknown> | undefined)?.[camel(p)];
        return has(ns, m);
      }
      if (parts.length === 2) return has(nn, last);
      return has(proto(classOf(nn, parts[1])), m);
    default: return false;
  }
}

function namespaceOf(key: string): string {
  const p = key.split('.');
  if (p[0] === 'torch' || p[0] === 'Tensor' || p[0] === 'linalg' || p[0] === 'autograd' || p[0] === 'Generator' || p[0] === 'func') return p[0];
  if (p[0] === 'nn' && ['functional', 'init', 'utils'].includes(p[1])) return `nn.${p[1]}`;
  if (p[0] === 'nn') return p.length === 2 ? 'nn (modules)' : 'nn (module methods)';
  if (p[0] === 'optim') return p[1] === 'lr_scheduler' ? 'optim.lr_scheduler' : 'optim';
  return p.slice(0, 2).join('.');
}

function page(): string {
  const groups = new Map<string, { have: number; missing: string[] }>();
  const excluded = new Map<string, number>();
  let have = 0;
  let considered = 0;
  for (const key of Object.keys(PYTORCH).sort()) {
    const why = outOfScope(key);
    if (why !== null) { excluded.set(why, (excluded.get(why) ?? 0) + 1); continue; }
    considered++;
    const ns = namespaceOf(key);
    const g = groups.get(ns) ?? { have: 0, missing: [] };
    groups.set(ns, g);
    if (present(key)) { g.have++; have++; } else g.missing.push(key.slice(key.indexOf('.') + 1));
  }
  const lines = [
    '# PyTorch 1.13 API that tensorgrad does not have yet',
    '',
    'Generated by `test/meta/missing_ops.test.ts` from PyTorch 1.13\'s own API (`test/fixtures/kwargs.json`, made by',
    '`test/fixtures/gen/gen_kwargs.py`), compared with tensorgrad\'s exports; the test fails when this page is stale.',
    'A name counts as present when tensorgrad exports its camelCase form in the matching place (`torch.index_add` ->',
    '`tg.indexAdd`, `Tensor.index_add_` -> `x.indexAdd_`, `nn.Conv2d` -> `tg.nn.Conv2d`, `nn.Module.apply` -> `module.apply`).',
    '',
    `PyTorch names considered: ${considered}; present in tensorgrad: ${have} (${((100 * have) / considered).toFixed(1)}%); missing: ${considered - have}.`,
    '',
    '| namespace | present | missing |',
    '|---|---|---|',
    ...[...groups].map(([ns, g]) => `| ${ns} | ${g.have} | ${g.missing.length} |`),
    '',
    'Left out of scope (counted, not listed):',
    '',
    ...[...excluded].map(([why, n]) => `- ${why}: ${n}`),
    '',
  ];
  for (const [ns, g] of groups) {
    if (g.missing.length === 0) continue;
    lines.push(`## ${ns} (${g.missing.length} missing)`, '', g.missing.map((n) => `\`${n}\``).join(', '), '');
  }
  return lines.join('\n');
}

describe('docs/missing-ops.md', () => {
  it('is the generated list of PyTorch names tensorgrad lacks (regenerate with UPDATE_MISSING_OPS=1)', () => {
    const text = page();
    if (process.env.UPDATE_MISSING_OPS === '1') writeFileSync(PAGE, text);
    expect(readFileSync(PAGE, 'utf8')).toBe(text);
  });

  it('finds what tensorgrad has and what it lacks', () => {
    // Guards against a lookup that reports everything present (or nothing): known members on each side.
    for (const k of ['torch.cumsum', 'Tensor.index_add_', 'nn.Conv2d', 'nn.functional.conv2d', 'linalg.solve', 'nn.Module.apply', 'optim.lr_scheduler.StepLR', 'utils.data.DataLoader', 'nn.init.kaiming_uniform_']) {
      expect(present(k), k).toBe(true);
    }
    for (const k of ['torch.not_a_function', 'Tensor.not_a_method', 'nn.NotAModule', 'linalg.not_a_function']) expect(present(k), k).toBe(false);
  });
});
