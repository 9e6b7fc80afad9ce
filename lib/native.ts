// Loads the native addon (a shipped prebuild, else the source build in build/Release or build/Debug) and
// exposes its functions and op codes.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as opCodes from './op_codes.js';

// Plain consts, not `export { BinaryOp } ...` (a getter per read; Note [Plain re-exports] in autograd/record.ts):
// ops read these inside their loops and switch labels.
export const BinaryOp = opCodes.BinaryOp;
export type BinaryOp = opCodes.BinaryOp;
export const UnaryOp = opCodes.UnaryOp;
export type UnaryOp = opCodes.UnaryOp;
export const ReduceOp = opCodes.ReduceOp;
export type ReduceOp = opCodes.ReduceOp;
export const BinaryBackwardOp = opCodes.BinaryBackwardOp;
export type BinaryBackwardOp = opCodes.BinaryBackwardOp;

export type Storage = Float32Array | Float64Array | Int32Array | Uint8Array | BigInt64Array | Int8Array | Int16Array | Uint16Array;

export interface NativeAddon {
  alloc(dtype: number, numel: number): Storage;
  dispose(data: Storage): void;
  /** Address of the storage's first byte (for data_ptr). */
  address(data: Storage): number;
  fill(data: Storage, value: number): Storage;
  binary(op: BinaryOp, a: Storage, b: Storage, aShape?: number[] | null, bShape?: number[] | null, outShape?: number[] | null, out?: Storage): Storage;
  binaryScalar(op: BinaryOp, a: Storage, s: number, out?: Storage): Storage;
  unary(op: UnaryOp, a: Storage, out?: Storage): Storage;
  cast(a: Storage, dtype: number, out?: Storage): Storage;
  gather(src: Storage, shape: number[], strides: number[], offset: number, out?: Storage): Storage;
  /** Writes the strided view of src into the strided view of dst (same dtype and shape; offsets and strides in elements). */
  stridedCopy(dst: Storage, dstOffset: number, dstStrides: number[], src: Storage, srcOffset: number, srcStrides: number[], shape: number[]): void;
  reduceAll(op: ReduceOp, a: Storage, out?: Storage): Storage;
  reduceDims(op: ReduceOp, a: Storage, shape: number[], reduced: boolean[], out?: Storage): Storage;
  dot(a: Storage, b: Storage, out?: Storage): Storage;
  gemm(transA: boolean, transB: boolean, batch: number, m: number, n: number, k: number, a: Storage, b: Storage,
    strideA: number, strideB: number, out?: Storage): Storage;
  /** op(B) packed for gemmLinear (Note [Linear epilogue and packed weights]); null when this shape never packs whole. */
  gemmPackB(transB: boolean, n: number, k: number, b: Storage, out?: Storage): Storage | null;
  /** C = A @ op(B) (+ bias) (then ReLU), A m x k dense, B dense, packed from gemmPackB (same shape and capability) or null. */
  gemmLinear(transB: boolean, m: number, n: number, k: number, a: Storage, b: Storage, packed: Storage | null,
    bias: Storage | null, relu: boolean, out?: Storage): Storage;
  /** out = cond ? a : b, broadcast to outShape (shapes optional when all lengths match); dtype of a (= b). */
  where(cond: Uint8Array, a: Storage, b: Storage, condShape?: number[] | null, aShape?: number[] | null, bShape?: number[] | null,
    outShape?: number[] | null, out?: Storage): Storage;
  /** min(max(a, min), max) in one pass; null/undefined skips a bound, a NaN bound is ignored (PyTorch 1.13). */
  clamp(a: Storage, min: number | null | undefined, max: number | null | undefined, out?: Storage): Storage;
  /** Index of the max/min along dim of a contiguous tensor of `shape` (dim removed; first occurrence, NaN wins). */
  argmax(a: Storage, shape: number[], dim: number, out?: Storage): BigInt64Array;
  argmin(a: Storage, shape: number[], dim: number, out?: Storage): BigInt64Array;
  /** softmax / logSoftmax along dim (float32/float64), max-subtracted. */
  /** mul's, div's or pow's (needs result) two input grads in one pass into gradSelf / gradOther (either may be null). */
  binaryBackward(op: BinaryBackwardOp, grad: Storage, self: Storage, other: Storage, result: Storage | null, gradSelf: Storage | null, gradOther: Storage | null): void;
  /** Fused Adam/AdamW update in place; hyper = [beta1, beta2, eps, weightDecay, paramDecay, stepSize, biasCorrection2Sqrt, maximize]. */
  adamStep(param: Storage, grad: Storage, expAvg: Storage, expAvgSq: Storage, maxExpAvgSq: Storage | null, hyper: number[]): void;
  /** Fused SGD update in place; hyper = [lr, momentum, dampening, weightDecay, nesterov, maximize, firstStep]. */
  sgdStep(param: Storage, grad: Storage, momentumBuffer: Storage | null, hyper: number[]): void;
  /** RMSprop 0, Adagrad 1, Adadelta 2, Adamax 3, NAdam 4, RAdam 5 (native/cpu/optim_kernels.cc documents s and hyper). */
  optimStep(kind: number, param: Storage, grad: Storage, s0: Storage | null, s1: Storage | null, s2: Storage | null, hyper: number[]): void;
  softmax(a: Storage, shape: number[], dim: number, out?: Storage): Storage;
  /** layer_norm of each row of n elements: (x - mean) rstd weight + bias (weight, bias: n elements or null). */
  layerNorm(x: Storage, n: number, weight: Storage | null, bias: Storage | null, eps: number, stats: Storage | null): Storage;
  /** Its grads from (grad, x, weight) into dx (x's length), dweight and dbias (n each); a null one is skipped. */
  layerNormBackward(grad: Storage, x: Storage, n: number, weight: Storage | null, eps: number, dx: Storage | null, dweight: Storage | null, dbias: Storage | null, stats: Storage | null): void;
  /** Fused attention (Note [Fused attention]): out [batch, L, Ev] from q, k, v and a bool mask read through geom's offsets and strides; lse (batch L values) gets each row's log-sum-exp. */
  sdpa(q: Storage, k: Storage, v: Storage, mask: Storage | null, geom: Float64Array, lse: Storage | null): Storage;
  /** Its grads from (out, lse, gout) into dq, dk, dv (contiguous; a null one is skipped). */
  sdpaBackward(q: Storage, k: Storage, v: Storage, mask: Storage | null, geom: Float64Array, out: Storage, lse: Storage, gout: Storage, dq: Storage | null, dk: Storage | null, dv: Storage | null): void;
  /** The fused LSTM cell (Note [Fused LSTM cell]): from hw, xw ([rows, 4h]) and c ([rows, h]) into hy, cy and ws ([rows, 5h]). */
  lstmCell(hw: Storage, xw: Storage, c: Storage, h: number, hy: Storage, cy: Storage, ws: Storage): void;
  /** Its backward from dhy, dcy (null: zeros), c and ws into dgates ([rows, 4h]) and dc (skipped when null). */
  lstmCellBackward(dhy: Storage | null, dcy: Storage | null, c: Storage, ws: Storage, h: number, dgates: Storage, dc: Storage | null): void;
  /** The float64 decompositions' one entry (native/cpu/linalg.h documents each op's operands; lib/ops/linalg_native.ts wraps it). */
  linalg(op: number, batch: number, m: number, n: number, k: number, flags: number, a: Float64Array | null, b: Float64Array | null,
    c: Float64Array | null, d: Float64Array | null, ipiv: Int32Array | null, info: Int32Array | null): void;
  /** cumsum (op 0) / cumprod (op 1) along the middle dim of [outer, n, inner], from the end when reverse (float32, float64, int64). */
  scan(op: 0 | 1, a: Storage, outer: number, n: number, inner: number, reverse: boolean, out?: Storage): Storage;
  /** The k first of each slice of [outer, n, inner] (largest: descending) into values and int64 indices [outer, k, inner] (float32, float64). */
  topk(a: Storage, outer: number, n: number, inner: number, k: number, largest: boolean, values: Storage, indices: BigInt64Array): void;
  /** A binary op over views (offset and strides per dim of shape, 0 broadcasting) written contiguously over shape. */
  binaryStrided(op: BinaryOp, a: Storage, aOffset: number, aStrides: number[], b: Storage, bOffset: number, bStrides: number[], shape: number[], out?: Storage): Storage;
  logSoftmax(a: Storage, shape: number[], dim: number, out?: Storage): Storage;
  /** Backward from (grad, forward output): (g - sum(g*y)) * y and g - exp(y) * sum(g) along dim. */
  softmaxBackward(grad: Storage, output: Storage, shape: number[], dim: number, out?: Storage): Storage;
  logSoftmaxBackward(grad: Storage, output: Storage, shape: number[], dim: number, out?: Storage): Storage;
  /** Gathers self (contiguous, selfShape) along dim at int64 or int32 index (indexShape, same ndim >= 1) into out (or
   * fresh storage); every index and shape checked (RangeError naming `op`). */
  indexGather(self: Storage, selfShape: number[], dim: number, index: Int32Array | BigInt64Array, indexShape: number[], op: string, out?: Storage): Storage;
  /** Scatters src (or value where src is null) into self along dim at index: mode 0 set, 1 add, 2 multiply, 3
   * amax, 4 amin (all but set need src), plus 8: the targets start from the reduction's identity. With init (self's
   * dtype and length) self is first a copy of init, fused with the scatter where it can (Note [Fused scatter
   * copy]). On a bad index (RangeError naming `op`) self is left partly written: pass a scratch copy. */
  indexScatter(self: Storage, selfShape: number[], dim: number, index: Int32Array | BigInt64Array, indexShape: number[], src: Storage | null,
    srcShape: number[] | null, value: number, mode: number, op: string, init?: Storage): void;
  /** The slices of self at int64 or int32 index (1-d) along dim, into out (or fresh storage); every index checked. */
  indexSelect(self: Storage, selfShape: number[], dim: number, index: Int32Array | BigInt64Array, op: string, out?: Storage): Storage;
  /** Writes into self (contiguous, selfShape) in place at int64 or int32 index (1-d) along dim: mode 0 copies
   * src's slices (src [..., index.length, ...]) or fills with value where src is null, mode 1 adds alpha * src;
   * add and fill for float self only. Every index checked before any write (RangeError naming `op`). */
  indexPutDim(self: Storage, selfShape: number[], dim: number, index: Int32Array | BigInt64Array, src: Storage | null,
    value: number, alpha: number, mode: 0 | 1, op: string): void;
  /** Advanced indexing's starts into out (Int32Array of ob.length * numel(bShape) * oa.length): index tensor k
   * (int32 or int64, broadcast to bShape) picks along a dim of `sizes[k]` elements `strides[k]` apart, negative
   * ones wrapped; a bad one is PyTorch's RangeError naming `op`, dims[k] and sizes[k] (Note [Advanced index runs]). */
  indexOffsets(indices: (Int32Array | BigInt64Array)[], indexShapes: number[][], dims: number[], sizes: number[], strides: number[],
    bShape: number[], ob: Float64Array, oa: Float64Array, op: string, out: Int32Array): Int32Array;
  /** The runs the same plan names, copied from self into out (self's dtype, starts' count * run elements) without
   * the starts (Note [Advanced index blocks]); the same errors. */
  indexTake(indices: (Int32Array | BigInt64Array)[], indexShapes: number[][], dims: number[], sizes: number[], strides: number[],
    bShape: number[], ob: Float64Array, oa: Float64Array, op: string, self: Storage, run: number, out: Storage): Storage;
  /** The runs of a Plan: mode 0 other[i * run + r] = self[starts[i] + r] (parallel); 1 self[starts[i] + r] =
   * other[i * run + r], 2 += (one thread, in index order). Every start is checked against self's length. */
  indexRuns(mode: 0 | 1 | 2, self: Storage, starts: Int32Array, run: number, other: Storage, op: string): void;
  /** Convolution geometry [N, C, Cout, groups, in[3], k[3], out[3], stride[3], pad[3], dil[3]] (conv_kernels.cc);
   * im2col gives [N, C * kvol, outvol], col2im sums it back into [N, C, in]. */
  im2col(x: Storage, geom: number[]): Storage;
  col2im(col: Storage, geom: number[]): Storage;
  /** With the optional tail, the inference epilogue (Note [Conv epilogue]): a (y - mean) + b per channel, then ReLU. */
  convForward(x: Storage, w: Storage, bias: Storage | null, geom: number[], mean?: Float64Array | null, a?: Float64Array | null, b?: Float64Array | null, relu?: boolean): Storage;
  /** Grads of convForward from gy: [input, weight, bias], null where not asked (x is read only for the weight). */
  convBackward(x: Storage | null, w: Storage, gy: Storage, geom: number[], needInput: boolean, needWeight: boolean, needBias: boolean): (Storage | null)[];
  /** Max pooling of planes (geom = [planes, H, W, Ho, Wo, kH, kW, sH, sW, pH, pW, dH, dW]): values into out, int64
   * in-plane indices into indices (lib/ops/pooling.ts). */
  maxPool2d(x: Storage, geom: number[], out: Storage, indices: BigInt64Array | null): void;
  maxPool2dBackward(gy: Storage, indices: BigInt64Array, geom: number[], gx: Storage): void;
  /** Per channel of x [N, C, S]: mode 0 mean and biased variance into out1/out2; mode 1 sum(g) and sum(g (x - mean)). */
  channelStats(x: Storage, g: Storage | null, mean: Float64Array | null, ncs: number[], mode: 0 | 1, out1: Float64Array, out2: Float64Array): void;
  /** out = a[c] (x - mean[c]) + b[c] (+ k[c] g) over x [N, C, S] (lib/ops/normalization.ts). */
  channelAffine(x: Storage, g: Storage | null, out: Storage, ncs: number[], mean: Float64Array, a: Float64Array, b: Float64Array, k: Float64Array | null): void;
  opCodes(): { binary: Record<string, number>; unary: Record<string, number>; reduce: Record<string, number> };
  capability(): string;
  capabilities(): string[];
  setCapability(name: string): void;
  getNumThreads(): number;
  setNumThreads(n: number): void;
  /** The kernel thread pool's counters since the process started (tg::PoolStats; bench/scaling-probe.cjs). */
  poolStats(): { jobs: number; busy: number; chunks: number; workerChunks: number; callerSleeps: number; workerSleeps: number; workCalls: number; workNs: number; chunkCpuNs: number };
  /** Chunks per thread of a parallel job (Note [Chunks per thread]; 1 by default); returns the previous value. */
  setChunksPerThread(n: number): number;
  /** Sums every pool chunk's thread CPU time into poolStats().chunkCpuNs while on (off by default). */
  setPoolCpuTiming(on: boolean): void;
  cachedBytes(): number;
  emptyCache(): void;
  /** Returns the memory of collected storage buffers to the cache now (see Note [Reclaiming storage]). */
  /** Returns collected storage to the cache; the result is the largest block returned, in bytes. */
  sweepStorage(): number;
}

/** Which addon file was loaded: a shipped prebuild, a source build (build/Release or build/Debug), or the
 * file TG_ADDON_PATH names. tg.backends.cpu.build() reports it. */
export interface AddonBuild {
  kind: 'prebuild' | 'source' | 'override';
  path: string;
}

function mtime(file: string): number {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return -1;
  }
}

/**
 * The addon files to try, in order (Note [Prebuilt addons] in docs/build.md): TG_ADDON_PATH alone when set;
 * else a prebuild matching this platform, arch and libc, then the source builds. A source build newer than
 * the prebuild goes first: that is a developer's checkout rebuilt after the release script ran, and its
 * kernels are the current sources' (an installed package has one or the other, never both).
 */
export function addonCandidates(root: string): AddonBuild[] {
  const override = process.env.TG_ADDON_PATH;
  if (override) return [{ kind: 'override', path: path.resolve(override) }];
  // The one helper the loader, the install step and the release script share (which prebuild fits here).
  const prebuilds = require('../scripts/prebuilds.cjs') as { findPrebuilds(root: string): string[] };
  const pre: AddonBuild[] = prebuilds.findPrebuilds(root).map((p) => ({ kind: 'prebuild', path: p }));
  const src: AddonBuild[] = ['build/Release', 'build/Debug'].map((d) => ({ kind: 'source', path: path.join(root, d, 'tensorgrad.node') }));
  const newest = pre.length ? mtime(pre[0].path) : -1;
  return mtime(src[0].path) > newest && pre.length ? [src[0], ...pre, src[1]] : [...pre, ...src];
}

function load(): { addon: NativeAddon; build: AddonBuild } {
  const root = path.join(__dirname, '..');
  const tried: string[] = [];
  const errors: string[] = [];
  for (const c of addonCandidates(root)) {
    tried.push(c.path);
    try {
      return { addon: require(c.path) as NativeAddon, build: c };
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      if (err.code !== 'MODULE_NOT_FOUND') errors.push(`${c.path}: ${err.message}`);
    }
  }
  throw new Error(
    'tensorgrad: could not load the native addon.\n' +
      (errors.length ? errors.join('\n') + '\n' : `Looked for:\n  ${tried.join('\n  ')}\n`) +
      'Possible solutions:\n' +
      '1. Build it: run `npm install` (or `npx node-gyp rebuild`) in the tensorgrad package folder; no prebuilt addon ships for ' +
      `${process.platform}-${process.arch}, so it compiles from source.\n` +
      '2. Make sure a C++17 compiler, make and python3 are installed (node-gyp needs them).\n' +
      '3. If TG_CPU_CAPABILITY is set, check that it is one of default, avx2, avx512, neon and that this CPU supports it.',
  );
}

const loaded = load();
export const native: NativeAddon = loaded.addon;
/** The addon file in use and where it came from. */
export const addonBuild: AddonBuild = loaded.build;

// The op codes are compiled into lib/op_codes.ts from the addon's source lists; an addon built from other
// sources (a stale build/) would run the wrong kernels, so it is refused here.
const codes = native.opCodes();
for (const [kind, table] of [['binary', BinaryOp], ['unary', UnaryOp], ['reduce', ReduceOp]] as const) {
  if (JSON.stringify(codes[kind]) !== JSON.stringify(table))
    throw new Error(`tensorgrad: the native addon's ${kind} op codes differ from lib/op_codes.ts; rebuild the addon (npm run build) or regenerate (npm run gen:ops)`);
}
