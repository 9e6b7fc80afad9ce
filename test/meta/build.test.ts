// Build hygiene: binding.gyp and CMakeLists.txt compile the same native sources; no -march=native anywhere.
import { describe, it, expect } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const gyp = readFileSync(join(root, 'binding.gyp'), 'utf8');
const cmake = readFileSync(join(root, 'CMakeLists.txt'), 'utf8');

function sourcesIn(text: string): Set<string> {
  return new Set([...text.matchAll(/native\/[\w/]+\.cc/g)].map((m) => m[0]));
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

describe('build files', () => {
  it('binding.gyp and CMakeLists.txt list the same native sources', () => {
    const a = [...sourcesIn(gyp)].sort(), b = [...sourcesIn(cmake)].sort();
    expect(a.length).toBeGreaterThan(5);
    expect(a).toEqual(b);
  });

  it('every native .cc file outside native/tests is built', () => {
    const built = sourcesIn(gyp);
    const all = walk(join(root, 'native'))
      .filter((p) => p.endsWith('.cc') && !p.includes(`${join('native', 'tests')}`))
      .map((p) => p.slice(root.length + 1));
    for (const f of all) expect(built.has(f), f).toBe(true);
  });

  it('never compiles with -march=native and pins NAPI_VERSION in both', () => {
    expect(gyp).not.toMatch(/march=native/);
    expect(cmake).not.toMatch(/march=native/);
    expect(gyp).toMatch(/NAPI_VERSION=8/);
    expect(cmake).toMatch(/NAPI_VERSION=8/);
  });
});

// Line budget (tinygrad's sz.py): lib/ + native/ (tests excluded) stay under a stated limit; raising it is a
// reviewed change. 11.1k lines when it was set; 13.3k after issue 21 (the layering added the Tensor method
// declarations in tensor.ts beside their definitions in ops/methods.ts, and the generated lib/op_codes.ts);
// 14.4k with the same session's other landings (keyword-argument signatures for every public function, the
// random samplers and nn.init, the GEMM split, erf), so the budget moved to 15k. 14.8k after issue 21's last
// items: the default capability got its own SSE2 Vec (vec_sse2.h, ~260 lines: the plain-array Vec made the
// baseline GEMM 15-20% slower, Note [SSE2 Vec]), and splitting reduce_kernels.cc and storage.ts by topic
// added each new file's header; with the strided-views work landing beside it the budget moves to 15.5k. The
// op-breadth issues will need more: raise it with them, for the new ops, not for duplication (duplicates
// --change checks that).
// Issue 14 (strided views; Python-style indexing lib/ops/indexing.ts; the gather, scatter and mask ops
// lib/ops/gather.ts, scatter.ts, masked.ts with native/cpu/index_kernels.cc; structure and search ops
// lib/ops/structure.ts, search.ts; their rows and declarations) adds about 3.5k lines; issue 15's elementwise
// math (46 ops, 59 in-place forms, special functions in native/cpu/special_math.h), scans and sorting about
// 2.5k; issue 16's transformer layers (embedding, layerNorm, attention) about 0.6k, and its Module part
// (callable modules with forward hooks, ModuleDict, ParameterList, ParameterDict, Unflatten) about 0.45k: 22.5k.
// Issue 16's third-session landings, each in its own files, about 8k: recurrent layers, multi-head attention and
// the transformer modules with module deepcopy (~1.1k); losses, activations, interpolate and ctcLoss (~2.4k);
// eight optimizers, fifteen lr schedulers, nn.utils and utils.data (~2.6k); convolutions, fold and pad with
// native im2col kernels (~1.5k); pooling and channel normalization with native kernels (~1.8k); fused GELU and
// layer-norm kernels (~0.3k); issue 14's fused index checks and parallel scatter (~0.25k): 30.8k. Then issue 15's
// einsum (~0.2k) and the LU-based linalg.inv/det/slogdet/solve (~0.4k): 31.4k, and the fused LSTM layer.
// Issue 17 (the generated API reference) puts TSDoc with an example on every public function, class and
// method, several thousand comment lines that are documentation, not code. So the budget now counts code
// lines only, as sz.py does (it counts tokens of code, never comments): blank lines and lines holding nothing
// but a comment are left out (codeLines below). At the change, lib/ + native/ held 25.5k code lines in 31.8k
// physical ones; the 32k physical budget's headroom converts to 26k code lines.
// The fourth session's landings, in code lines: issue 15's int64 dtype (~0.3k), two op batches (aliases, erf,
// logaddexp, logit, amax/aminmax, nansum/nanmean, var/stdMean, the addmm family, tensordot/kron/cross/trace,
// joining helpers, linalg norms, cdist, fmax/fmin, copysign, isclose, clamp with tensor bounds, rot90,
// blockDiag, combinations, logspace; ~1.4k) and the decompositions (cholesky, qr, eigh, svd, pinv, lstsq;
// ~1.1k); issue 16's direct convolution kernels and native max-pool backward (~0.6k) and backward hooks
// (~0.1k); issue 17's prebuild loader, Bun/Deno and safe files (~0.2k); issue 20's tensor sharing and worker
// pool (~0.4k): 29.3k, so the budget moves to 30.5k. The fifth session: issue 19's function transforms (tg.func:
// the reverse transforms and functionalCall ~0.55k, vmap and its batching rules ~1.2k, forward-mode AD with a
// tangent rule per row ~0.7k), issue 16's layers (3-D pooling, embeddingBag, bilinear, rrelu, parametrize and
// weight norm, Module API; ~1.4k), issue 15's fourth batch (rounding division, quantiles, histograms, in-place
// comparisons, view scatters; ~0.9k), the ports' fixes (~0.2k) and int64-width index kernels (~0.2k): 33.9k, so
// the budget moves to 35k. The sixth session: the small dtypes (uint8, int8, int16, float16, bfloat16; ~0.4k),
// issue 16's last layers (gridSample, spectral norm, orthogonal, packed sequences, fractional pooling, adaptive
// log-softmax; ~1.0k), issue 15's fifth batch (cov, in-place view ops, int64 gaps, torch.* spellings; ~0.75k),
// native decompositions (~0.25k), advanced-indexing kernels (~0.3k), the batched backward (~0.2k): 36.9k, so
// the budget moves to 38k. The seventh session: issue 15's missing linalg and special-function names (LU family,
// matrix_exp, householder, i0/igamma; ~1.1k), lazy modules, ASGD/Rprop and the torch.* spellings (~1.0k), eigh's
// divide and conquer (~0.35k), the batching rules and advanced-index take (~0.25k): 39.6k, so the budget moves
// to 40.5k. The eighth session: the last PyTorch names (default dtype, ldl, lowrank, lobpcg, binomial/poisson, the
// torch.* rnn functions, registerBackwardHook; ~1.1k), the output-layout rule and strided binary kernels, the
// native scans and topk (~0.35k), the conv kernels' row blocks and inference epilogue (~0.16k), the port fixes and
// the blocked factorizations (~0.17k): 41.5k, so the budget moves to 42k. The ninth session: the fused attention
// kernel, its binding and row (~0.5k), the Linear epilogue and packed-weight cache (~0.3k), the composed ops' own
// rows and not-implemented nodes (~0.2k), the pool counters, vector gathers and the ports' fixes (~0.1k each):
// 42.6k, so the budget moves to 43.5k.
const LINE_BUDGET = 43_500;
// No source file in lib/ or native/ past this (issue 21): a file that grows past it holds two things and is
// split by topic (reduce_kernels.cc into native/cpu/reduce/ by kind of reduction, storage.ts's GC policy into
// its own file). native/tests holds standalone test programs, not sources, and is left out like test/. Counted
// in code lines like the budget (issue 17): a file's doc comments do not make it hold two things.
const FILE_LINES = 600;

/**
 * The code lines of a TS or C++ source: lines left non-blank once comments are removed. A small lexer skips
 * string and template literals so that `'//'` or `"/*"` inside one is not taken for a comment; a block
 * comment keeps its newlines, so a line with code before or after a comment still counts.
 */
function codeLines(text: string): number {
  let out = '';
  let quote: string | null = null;
  for (let i = 0; i < text.length;) {
    const c = text[i], d = text[i + 1];
    if (quote) {
      if (c === '\\') { out += c + (d ?? ''); i += 2; continue; }
      if (c === quote) quote = null;
      out += c; i++; continue;
    }
    if (c === '/' && d === '/') { while (i < text.length && text[i] !== '\n') i++; continue; }
    if (c === '/' && d === '*') {
      const e = text.indexOf('*/', i + 2), end = e < 0 ? text.length : e + 2;
      out += text.slice(i, end).replace(/[^\n]/g, '');
      i = end; continue;
    }
    if (c === '"' || c === "'" || c === '`') quote = c;
    out += c; i++;
  }
  return out.split('\n').filter((l) => l.trim() !== '').length;
}

function sourceFiles(): string[] {
  return [...walk(join(root, 'lib')), ...walk(join(root, 'native'))].filter(
    (p) => /\.(ts|cc|h)$/.test(p) && !p.includes(join('native', 'tests')),
  );
}

describe('line budget', () => {
  it('codeLines counts code, not blank or comment-only lines', () => {
    const src = ['// a', '', 'const a = 1; // x', '/* b', ' * c */ const b = "//"; /* d */', "const s = '/*';"].join('\n');
    expect(codeLines(src)).toBe(3);
  });

  it(`lib/ and native/ stay under ${LINE_BUDGET} code lines`, () => {
    const lines = sourceFiles().reduce((n, f) => n + codeLines(readFileSync(f, 'utf8')), 0);
    expect(lines).toBeLessThan(LINE_BUDGET);
  });

  it(`no lib/ or native/ source file has more than ${FILE_LINES} code lines`, () => {
    const files = sourceFiles();
    expect(files.filter((f) => f.endsWith('.ts')).length).toBeGreaterThan(40);
    expect(files.filter((f) => /\.(cc|h)$/.test(f)).length).toBeGreaterThan(20);
    const long = files.map((f) => [f.slice(root.length + 1), codeLines(readFileSync(f, 'utf8'))] as const).filter(([, n]) => n > FILE_LINES);
    expect(long).toEqual([]);
  });
});
