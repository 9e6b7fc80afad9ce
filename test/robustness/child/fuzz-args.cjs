// Fuzz (a): random arguments to every exported function and every Tensor method/accessor. Each call must
// return or throw an Error (instanceof Error); grad mode must survive a throw. Runs in its own process so a
// native crash (abort, segfault) fails the parent test. Env: TG_LIB (bundled lib), TG_FUZZ_SEED,
// TG_FUZZ_RUNS, TG_FUZZ_TRACE=1 (print every call to stderr before making it, to find a crashing call).
'use strict';
const fc = require('fast-check');
const fs = require('node:fs');
const tgmod = require(process.env.TG_LIB);
const tg = tgmod.default;
const { Tensor } = tgmod;

const seed = Number(process.env.TG_FUZZ_SEED ?? 42);
const runs = Number(process.env.TG_FUZZ_RUNS ?? 3000);
const trace = process.env.TG_FUZZ_TRACE === '1';

// ---- targets ------------------------------------------------------------------------------------------------
const targets = []; // { name, call(args) }
const seen = new Set();
function addNamespace(prefix, obj, depth = 0) {
  for (const key of Object.keys(obj)) {
    const v = obj[key];
    const name = prefix + key;
    if (/save/i.test(key)) continue; // writes files; tested by the serialization tests
    if (typeof v === 'function' && !/^[A-Z]/.test(key)) {
      if (seen.has(v)) continue;
      seen.add(v);
      targets.push({ name, kind: 'fn', call: (args) => v.apply(obj, args) });
    } else if (v && typeof v === 'object' && depth < 2 && !(v instanceof Tensor)) addNamespace(name + '.', v, depth + 1);
  }
}
addNamespace('tg.', tg);
for (const [key, v] of Object.entries(tgmod)) if (typeof v === 'function' && !seen.has(v) && !/^[A-Z]/.test(key) && !/save/i.test(key)) {
  seen.add(v);
  targets.push({ name: key, kind: 'fn', call: (args) => v(...args) });
}
const SKIP_METHODS = new Set(['constructor']);
for (const key of Object.getOwnPropertyNames(Tensor.prototype)) {
  if (SKIP_METHODS.has(key) || key.startsWith('_')) continue;
  const desc = Object.getOwnPropertyDescriptor(Tensor.prototype, key);
  if (typeof desc.value === 'function') targets.push({ name: 'Tensor#' + key, kind: 'method', call: (args, self) => self[key](...args) });
  if (desc.get) targets.push({ name: 'Tensor#' + key + ' (get)', kind: 'method', call: (_args, self) => self[key] });
  if (desc.set) targets.push({ name: 'Tensor#' + key + ' (set)', kind: 'method', call: (args, self) => { self[key] = args[0]; } });
}
for (const sym of [Symbol.toPrimitive]) targets.push({ name: 'Tensor#[Symbol.toPrimitive]', kind: 'method', call: (args, self) => self[sym](...args) });
targets.push({ name: 'Tensor#+', kind: 'method', call: (args, self) => self + 1 });
targets.push({ name: 'Tensor#`${}`', kind: 'method', call: (args, self) => `${self}` });

// ---- argument generators ------------------------------------------------------------------------------------
const DTYPES = ['float32', 'float64', 'int32', 'bool'];
const SPECIAL = [NaN, Infinity, -Infinity, -0, 0.5, -1, -2, 1e308, 2 ** 31, 2 ** 32, 2 ** 40, 2 ** 53, 2 ** 63, Number.MAX_SAFE_INTEGER, -(2 ** 40)];
const dim = fc.integer({ min: 0, max: 3 });
const shapeArb = fc.array(dim, { maxLength: 3 });
const valueArb = fc.oneof({ weight: 4, arbitrary: fc.double({ min: -4, max: 4, noNaN: true }) }, fc.constantFrom(NaN, Infinity, -Infinity, -0, 0, 1e30));
// A tensor spec is made into a fresh tensor at call time (tensors are mutable; specs shrink well).
const tensorSpec = fc.record({
  t: fc.constant('tensor'),
  shape: shapeArb,
  dtype: fc.constantFrom(...DTYPES),
  values: fc.array(valueArb, { minLength: 27, maxLength: 27 }),
  requiresGrad: fc.boolean(),
  state: fc.constantFrom('plain', 'plain', 'plain', 'disposed', 'nonleaf', 'transposed', 'expanded', 'viewOfDisposed'),
});
const number = fc.oneof(fc.integer({ min: -3, max: 4 }), fc.constantFrom(...SPECIAL));
const shapeLike = fc.oneof(shapeArb, fc.array(number, { maxLength: 4 }), fc.array(fc.oneof(number, fc.string({ maxLength: 2 }), fc.constant(null)), { maxLength: 3 }));
const fnArb = fc.constantFrom('identity', 'throws', 'returnsString', 'sum', 'returnsNumber');
const leafArb = fc.oneof(
  { weight: 6, arbitrary: tensorSpec },
  { weight: 4, arbitrary: number },
  { weight: 2, arbitrary: shapeLike },
  fc.constantFrom(undefined, null, true, false, '', 'float64', 'int32', 'bogus', 'avx2', 'mean', 'sum', 'none', 'tanh'),
  fc.string({ maxLength: 4 }),
  fc.record({ t: fc.constant('fn'), f: fnArb }),
  fc.record({ t: fc.constant('typed'), kind: fc.constantFrom('f32', 'f64', 'i32', 'u8', 'big', 'dv'), n: fc.integer({ min: 0, max: 4 }) }),
  fc.record({ t: fc.constant('symbol') }),
  fc.constantFrom({ t: 'bigint' }),
);
const optionsArb = fc.record(
  {
    dim: fc.oneof(number, fc.array(number, { maxLength: 3 }), fc.constant(null)),
    keepdim: fc.oneof(fc.boolean(), number, fc.constant('yes')),
    dtype: fc.constantFrom(...DTYPES, 'int64', 3, null),
    requiresGrad: fc.oneof(fc.boolean(), fc.constant('yes')),
    alpha: number,
    min: number,
    max: number,
    p: number,
    retainGraph: fc.boolean(),
    createGraph: fc.boolean(),
    inputs: fc.array(tensorSpec, { maxLength: 2 }),
    reduction: fc.constantFrom('mean', 'sum', 'none', 'bogus'),
    gradOutputs: fc.oneof(tensorSpec, fc.array(tensorSpec, { maxLength: 2 })),
  },
  { requiredKeys: [] },
).map((o) => ({ t: 'options', o }));
const argArb = fc.oneof({ weight: 8, arbitrary: leafArb }, { weight: 2, arbitrary: optionsArb }, { weight: 1, arbitrary: fc.array(leafArb, { maxLength: 3 }).map((a) => ({ t: 'list', a })) });
const callArb = fc.record({ target: fc.integer({ min: 0, max: targets.length - 1 }), self: tensorSpec, args: fc.array(argArb, { maxLength: 4 }) });

// ---- materialising specs ------------------------------------------------------------------------------------
function makeTensor(s) {
  const n = s.shape.reduce((a, b) => a * b, 1);
  const vals = [];
  for (let i = 0; i < n; i++) vals.push(s.values[i % s.values.length]);
  let x = tg.tensor(vals, { dtype: 'float64' }).to(s.dtype).reshape(s.shape);
  if (s.requiresGrad && (s.dtype === 'float32' || s.dtype === 'float64')) x.requiresGrad_(true);
  switch (s.state) {
    case 'disposed': x.dispose(); break;
    case 'nonleaf': if (x.requiresGrad) x = x.mul(1); break;
    case 'transposed': if (x.ndim >= 2) x = x.transpose(0, 1); break;
    case 'expanded': x = x.expand([2, ...x.shape]); break;
    case 'viewOfDisposed': { const v = x.reshape([-1]); x.dispose(); x = v; break; }
  }
  return x;
}
function materialize(a) {
  if (Array.isArray(a)) return a.map(materialize);
  if (a === null || typeof a !== 'object') return a;
  switch (a.t) {
    case 'tensor': return makeTensor(a);
    case 'list': return a.a.map(materialize);
    case 'options': { const o = {}; for (const [k, v] of Object.entries(a.o)) o[k] = materialize(v); return o; }
    case 'fn': return {
      identity: (x) => x,
      throws: () => { throw new Error('thrown by a user function'); },
      returnsString: () => 'not a tensor',
      returnsNumber: () => 3,
      sum: (x) => (x instanceof Tensor ? x.sum() : x),
    }[a.f];
    case 'typed': return a.kind === 'big' ? new BigInt64Array(a.n) : a.kind === 'dv' ? new DataView(new ArrayBuffer(a.n)) : new { f32: Float32Array, f64: Float64Array, i32: Int32Array, u8: Uint8Array }[a.kind](a.n).fill(1.5);
    case 'symbol': return Symbol('s');
    case 'bigint': return 10n;
  }
  return a;
}
function describeSpec(a) {
  return JSON.stringify(a, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : typeof v === 'bigint' ? `${v}n` : v));
}

// ---- the property -------------------------------------------------------------------------------------------
// Note [What a fuzzed call may throw]: a call returns, or throws an Error that (1) is not an internal JS error
// raised inside the library (a TypeError/ReferenceError/RangeError from the engine: "Cannot read properties
// of undefined", "x is not a function", "Cannot convert a Symbol value to a string", "Invalid array length",
// "Maximum call stack size exceeded", or any message with an interpolated `undefined`), and (2) whose message
// starts with the called op's name, `<op>: ` (STYLE.md), compared ignoring case, `_` and a trailing in-place
// `_`. A user function's own error passes through unchanged; ALIASES lists the callees whose name a wrapper
// legitimately reports (a public alias of the same op). Violations are collected (one counterexample per
// target and message shape) and reported together, and the parent test fails on any.
const ENGINE_MSG = /Cannot (read|set) propert|is not a function|is not iterable|is not a constructor|Cannot convert|Cannot mix BigInt|Invalid array length|Maximum call stack|Reduce of empty array|is not defined|Invalid typed array length|Array buffer allocation failed|Unexpected token|Cannot create property|Do not know how to serialize/;
// `undefined` in a message is an interpolated missing value unless it describes what the user passed ("got
// undefined", "got X and undefined", "unknown dtype undefined", a user's shape "[2, undefined]").
const UNDEFINED_MSG = /(?<!got |got: |and |received |dtype |nonlinearity |\[|, )\bundefined\b/;
const norm = (s) => s.toLowerCase().replace(/_/g, '');
// Wrappers that report the name of the op they are an alias of (PyTorch does the same: x.expand_as(y) is
// x.expand(y.size())). Keys are the called target's short name; values are the op names it may report.
const ALIASES = {
  matmul: ['mm', 'mv', 'bmm', 'dot'], // matmul dispatches on the dims, as torch.matmul does
  max: ['maximum'], min: ['minimum'], // max(other) / min(other) are maximum / minimum
  float: ['to'], double: ['to'], int: ['to'], long: ['to'], bool: ['to'], // x.float() is x.to('float32')
  byte: ['to'], char: ['to'], short: ['to'], half: ['to'], bfloat16: ['to'], type: ['to'], // x.half() is x.to('float16')
  T: ['permute'], index: ['select'], // x.T is a permute of all dims; x.index(i) is select(0, i)
  expandAs: ['expand'], // x.expandAs(y) is x.expand(y.shape) (PyTorch's expand_as reports expand's errors)
  zerosLike: ['zeros'], onesLike: ['ones'], emptyLike: ['empty'], fullLike: ['full'],
  randLike: ['rand'], randnLike: ['randn'], randintLike: ['randint'], // x_like(t) is x(t.shape)
  gradgradcheck: ['gradcheck'], // gradcheck of the first-derivative function
  load: ['deserialize'], loadMetadata: ['deserialize'], // read the file, then deserialize it
  '+': ['toPrimitive'], '`${}`': ['toPrimitive', 'toString'], // what JS calls for `x + 1` and a template
  defaultCollate: ['stack'], // PyTorch's default_collate reports torch.stack's errors (a disposed sample tensor)
};
function shortName(targetName) {
  if (targetName === 'Tensor#[Symbol.toPrimitive]') return 'toPrimitive';
  return targetName.replace(/ \((get|set)\)$/, '').replace(/^.*[.#]/, '');
}
function namesOp(targetName, msg) {
  const m = /^([\w.#]+)(?:\(\)(?::)? |: )/.exec(msg); // `op: ...`, or PyTorch's `op() got ...`
  if (!m) return false;
  const said = norm(m[1].replace(/^.*[.#]/, ''));
  const short = shortName(targetName);
  if (said === norm(short)) return true;
  return (ALIASES[short] ?? []).some((a) => norm(a) === said);
}
/** The first stack frame outside this harness file: an engine error raised by the harness itself is its own. */
function raisedInLibrary(e) {
  const frames = String(e.stack ?? '').split('\n').filter((l) => /^\s+at /.test(l));
  return frames.length === 0 || !frames[0].includes('fuzz-args.cjs');
}

const stats = { calls: 0, returned: 0, threw: 0, byClass: {}, internal: new Map(), noName: new Map() };
const USER_MSG = 'thrown by a user function';

function check(call) {
  const t = targets[call.target];
  let self, args;
  try {
    self = makeTensor(call.self);
    args = materialize(call.args);
  } catch (e) {
    throw new Error(`fuzz harness could not build arguments: ${e.stack}`);
  }
  if (trace) fs.writeSync(2, `${t.name} ${describeSpec(call)}\n`);
  const gradBefore = tg.isGradEnabled();
  stats.calls++;
  let result;
  try {
    result = t.call(args, self);
    // Touch the result so lazily bad outputs (wrong lengths, freed storage) show up too; an error there (tolist
    // of 2 ** 40 empty lists) counts as the call's.
    const outs = Array.isArray(result) ? result : [result];
    // (Not past 1e6 nested values: tolist refuses those, with its own name.)
    const nested = (s) => s.reduce((acc, d) => [acc[0] * d, acc[1] + acc[0] * d], [1, 0])[1];
    // tolist of an int64 past 2^53 refuses by contract (API.md: numbers while exactly representable; x.long() of
    // 1e30 or NaN gives -2^63, as in PyTorch), so such a result is touched through toBigInt64Array instead.
    const exact = (r) => r.dtype !== 'int64' || r.toBigInt64Array().every((v) => v >= -(2n ** 53n) && v <= 2n ** 53n);
    for (const r of outs) if (r instanceof Tensor && !r.isDisposed && r.numel() <= 4096 && nested(r.shape) <= 1e6) { if (exact(r)) r.tolist(); String(r); }
    stats.returned++;
  } catch (e) {
    stats.threw++;
    if (!(e instanceof Error)) throw new Error(`${t.name} threw a non-Error: ${String(e)}`);
    stats.byClass[e.constructor.name] = (stats.byClass[e.constructor.name] ?? 0) + 1;
    const msg = String(e.message);
    if (!/setGradEnabled|noGrad|enableGrad/.test(t.name) && tg.isGradEnabled() !== gradBefore)
      throw new Error(`${t.name} threw and left grad mode ${tg.isGradEnabled()} (was ${gradBefore})`);
    if (msg === USER_MSG || msg.endsWith(`: ${USER_MSG}`)) return true;
    // One entry per target and message shape (numbers and shapes blanked) so a run lists each finding once.
    const key = `${t.name}: ${e.constructor.name}: ${msg.slice(0, 160).replace(/-?\d[\d.e+-]*/g, 'N')}`;
    // The arguments first (self's 27 values make it long), then the top of the stack.
    const spec = describeSpec({ target: call.target, args: call.args, self: call.self });
    const where = () => `${e.constructor.name}: ${msg.slice(0, 300)}\n    ${spec.slice(0, 1500)}\n    ${String(e.stack).split('\n').slice(1, 4).join('\n    ')}`;
    if ((ENGINE_MSG.test(msg) || UNDEFINED_MSG.test(msg)) && raisedInLibrary(e)) {
      if (!stats.internal.has(key)) stats.internal.set(key, where());
    } else if (!namesOp(t.name, msg)) {
      if (!stats.noName.has(key)) stats.noName.set(key, where());
    }
  } finally {
    // Undo global settings a call may have changed.
    tg.setGradEnabled(true);
    tg.autograd.setDetectAnomaly(false);
    if (tg.getNumThreads() > 8) tg.setNumThreads(2);
    tg.setPrintOptions({ precision: 4, threshold: 1000, edgeitems: 3, linewidth: 80, sciMode: undefined });
  }
  return true;
}

const t0 = Date.now();
const out = fc.check(fc.property(callArb, check), { seed, numRuns: runs, endOnFailure: false });
const report = {
  seed,
  runs,
  targets: targets.length,
  calls: stats.calls,
  returned: stats.returned,
  threw: stats.threw,
  byClass: stats.byClass,
  ms: Date.now() - t0,
  failed: out.failed,
  failure: out.failed ? { error: String(out.errorInstance && out.errorInstance.stack || out.error).slice(0, 3000), counterexample: describeSpec(out.counterexample), target: out.counterexample && targets[out.counterexample[0].target].name } : null,
  internal: [...stats.internal.entries()],
  noName: [...stats.noName.entries()],
  targetNames: targets.map((t) => t.name),
};
process.stdout.write(JSON.stringify(report) + '\n');
