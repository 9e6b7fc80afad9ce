#!/usr/bin/env node
// Seeded mutation testing of the C++ kernels (issue 22): picks a fixed, seeded sample of small source changes
// (flip an arithmetic or comparison operator, drop a tail loop, change a constant) in vec_math.h,
// gemm_kernels.cc and reduce/reduce_dims.h, and checks that the tests notice each one.
//
// The mutants are applied to a copy of native/ in .mutation-native/ (never to the worktree's sources) and built
// there with an incremental `make` against that copy's own node-gyp build, so build/Release is never touched and
// an interrupted run leaves nothing to restore. For each mutant, in order, until one fails (= killed):
//   1. vec_math.h only: native/tests/run_vec_math_accuracy.sh (standalone, no addon rebuild needed);
//   2. the addon is rebuilt; a compile error makes the mutant invalid (not counted, like Stryker's CompileError);
//   3. vitest test/native test/ops against the mutant addon (TG_ADDON_PATH), best CPU capability;
//   4. vitest test/native under every other capability this CPU has (TG_CPU_CAPABILITY), as
//      scripts/capability-tests.cjs does, since e.g. AVX-512 never runs the non-scalef path of vexp;
//   5. gemm_kernels.cc only: native/tests/run_gemm_test.sh --no-bench (every ISA).
// A test run past its time limit (3x the unmutated run + 60 s: a loop that no longer ends) counts as killed.
//
// Usage: node scripts/mutate-native.cjs [--seed 22] [--count 12] [--files vec_math.h,gemm_kernels.cc]
//                                       [--stride 9973] [--skip-baseline] [--list] [--json reports/mutation/native.json]
//   --count is split evenly across the files; --list prints every candidate site and exits; --stride is the
//   accuracy checker's float32 bit-pattern stride (its own default, 61, takes minutes per ISA); --skip-baseline
//   trusts that the unmutated tree passes (checked by an earlier run) and uses fixed time limits.
// Results and how to read them: docs/mutation.md.
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const work = path.join(root, '.mutation-native');
// reduce_dims.h: the reductions over dims (what reduce_kernels.cc held before its split into native/cpu/reduce/).
const FILES = ['native/cpu/vec/vec_math.h', 'native/cpu/gemm_kernels.cc', 'native/cpu/reduce/reduce_dims.h'];

function parseArgs(argv) {
  const o = { seed: 22, count: 12, files: FILES, list: false, stride: 9973, baseline: true, json: path.join(root, 'reports/mutation/native.json') };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--seed') o.seed = Number(argv[++i]);
    else if (a === '--count') o.count = Number(argv[++i]);
    else if (a === '--files') o.files = argv[++i].split(',').map((f) => FILES.find((F) => F.endsWith(f)) ?? f);
    else if (a === '--list') o.list = true;
    else if (a === '--stride') o.stride = Number(argv[++i]);
    else if (a === '--skip-baseline') o.baseline = false;
    else if (a === '--json') o.json = path.resolve(argv[++i]);
    else throw new Error(`mutate-native: unknown argument ${a}`);
  }
  if (!Number.isInteger(o.seed) || !Number.isInteger(o.count) || o.count < 1) throw new Error('mutate-native: --seed and --count take integers');
  return o;
}

// ---- mutation sites ------------------------------------------------------------------------------------------

/** Code part of a line: no preprocessor lines, no // comments, string literals blanked (offsets kept). */
function codeOf(line) {
  if (/^\s*#/.test(line)) return '';
  let s = line.replace(/"(?:[^"\\]|\\.)*"/g, (m) => ' '.repeat(m.length));
  const c = s.indexOf('//');
  if (c >= 0) s = s.slice(0, c);
  return s;
}

const BINARY = [
  // [kind, pattern (spaces around the operator, so templates, pointers and includes do not match), replacement]
  ['arith', / \+ /g, ' - '],
  ['arith', / - /g, ' + '],
  ['arith', / \* /g, ' / '],
  ['arith', / \/ /g, ' * '],
  ['arith', / \+= /g, ' -= '],
  ['arith', / \*= /g, ' /= '],
  ['compare', / < /g, ' <= '],
  ['compare', / <= /g, ' < '],
  ['compare', / > /g, ' >= '],
  ['compare', / >= /g, ' > '],
  ['compare', / == /g, ' != '],
  ['compare', / != /g, ' == '],
];

/** A literal changed enough to matter: an integer + 1, a decimal or hex float's leading digits moved. */
function mutateLiteral(lit) {
  let m;
  if ((m = /^0x([0-9a-f])\.([0-9a-f])([0-9a-f]*p[+-]?\d+f?)$/i.exec(lit))) {
    const d = (parseInt(m[2], 16) + 1) % 16; // first fraction digit: a ~6% change
    return `0x${m[1]}.${d.toString(16)}${m[3]}`;
  }
  if ((m = /^0x([0-9a-f]+)(u|ull|ll)?$/i.exec(lit))) return `0x${(BigInt('0x' + m[1]) + 1n).toString(16)}${m[2] ?? ''}`;
  if ((m = /^(\d+)\.(\d*)(f?)$/.exec(lit))) return `${(Number(`${m[1]}.${m[2] || 0}`) * 1.25).toString()}${m[1] === '0' && !m[2] ? '.0' : ''}${m[3]}`.replace(/^(\d+)(f?)$/, '$1.0$2');
  if ((m = /^(\d+)(u|ll|ull)?$/.exec(lit))) return `${Number(m[1]) + 1}${m[2] ?? ''}`;
  return null;
}

function sitesOf(file, text) {
  const sites = [];
  const lines = text.split('\n');
  lines.forEach((line, ln) => {
    const code = codeOf(line);
    if (!code.trim()) return;
    // Declarations of types/templates and static_asserts hold no behaviour worth flipping.
    if (/^\s*(template|static_assert|using|namespace|typedef)\b/.test(code)) return;
    for (const [kind, re, rep] of BINARY) {
      for (const m of code.matchAll(re)) sites.push({ file, line: ln + 1, col: m.index, kind, from: m[0], to: rep });
    }
    // Tail loop: a `for (; i < n; ...)` loop that finishes what a vector/unrolled loop left, or an
    // `i + j < n` remainder loop; dropped by making its condition false.
    const tail = /for \(; ([^;]* < [^;]*);/.exec(code) ?? /for \(int64_t \w+ = 0; (\w+ \+ \w+ < \w+);/.exec(code);
    if (tail && !/ \+ \w+ \* /.test(tail[1]) && !(tail[0].startsWith('for (;') && tail[1].includes(' + '))) {
      const at = tail.index + tail[0].indexOf(tail[1]);
      sites.push({ file, line: ln + 1, col: at, kind: 'tail', from: tail[1], to: `false && (${tail[1]})` });
    }
    // Constants: numeric literals (not array sizes in declarations' brackets, not 0 or 1 inside index math).
    for (const m of code.matchAll(/(?<![\w.])(0x[0-9a-fA-F]\.[0-9a-fA-F]+p[+-]?\d+f?|0x[0-9a-fA-F]+(?:ull|ll|u)?|\d+\.\d*f?|\d+(?:ull|ll|u)?)(?![\w.])/g)) {
      const lit = m[1];
      if (code[m.index - 1] === '[' && code[m.index + lit.length] === ']') continue; // array extent / index
      if (/^[01]$/.test(lit)) continue; // loop starts and ±1 index math: mostly compile-invariant noise
      const to = mutateLiteral(lit);
      if (to !== null && to !== lit) sites.push({ file, line: ln + 1, col: m.index, kind: 'constant', from: lit, to });
    }
  });
  return sites;
}

/** mulberry32: a small seeded PRNG, so a seed names the same sample on every machine. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** count sites per file, spread over the mutation kinds (round robin over kinds, random within a kind). */
function sample(sites, count, rand) {
  const byKind = new Map();
  for (const s of sites) {
    if (!byKind.has(s.kind)) byKind.set(s.kind, []);
    byKind.get(s.kind).push(s);
  }
  const kinds = ['arith', 'compare', 'tail', 'constant'].filter((k) => byKind.has(k));
  const out = [];
  for (let i = 0; out.length < count && kinds.some((k) => byKind.get(k).length); i++) {
    const list = byKind.get(kinds[i % kinds.length]);
    if (!list.length) continue;
    out.push(list.splice(Math.floor(rand() * list.length), 1)[0]);
  }
  return out;
}

function applySite(text, s) {
  const lines = text.split('\n');
  const l = lines[s.line - 1];
  if (l.slice(s.col, s.col + s.from.length) !== s.from) throw new Error(`mutate-native: site moved at ${s.file}:${s.line}`);
  lines[s.line - 1] = l.slice(0, s.col) + s.to + l.slice(s.col + s.from.length);
  return lines.join('\n');
}

// ---- build and test ------------------------------------------------------------------------------------------

function run(cmd, args, opts = {}) {
  const t0 = Date.now();
  const r = spawnSync(cmd, args, { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28, ...opts, env: { ...process.env, CI: '', ...(opts.env || {}) } });
  const out = (r.stdout || '') + (r.stderr || '');
  return { ok: r.status === 0, timedOut: r.error?.code === 'ETIMEDOUT' || r.signal === 'SIGTERM', out, secs: (Date.now() - t0) / 1000 };
}

/** Mirrors native/ and binding.gyp into the work dir, writing only files whose content differs (keeps mtimes). */
function syncSources() {
  const copy = (rel) => {
    const src = path.join(root, rel), dst = path.join(work, rel);
    if (fs.statSync(src).isDirectory()) {
      for (const f of fs.readdirSync(src)) copy(path.join(rel, f));
      return;
    }
    const data = fs.readFileSync(src);
    if (fs.existsSync(dst) && fs.readFileSync(dst).equals(data)) return;
    fs.mkdirSync(path.dirname(dst), { recursive: true });
    fs.writeFileSync(dst, data);
  };
  copy('native');
  copy('binding.gyp');
}

const addon = path.join(work, 'build/Release/tensorgrad.node');
/** The running node's own headers (<prefix>/include/node) when it has them, so configure needs no download. */
function nodeDir() {
  const prefix = path.resolve(path.dirname(process.execPath), '..');
  return process.env.npm_config_nodedir || (fs.existsSync(path.join(prefix, 'include/node/node.h')) ? prefix : '');
}
function build() {
  if (!fs.existsSync(path.join(work, 'build/Makefile'))) {
    // npm's own node-gyp (what `npm install` builds the addon with); npx finds no project in the work dir.
    const npmDir = path.dirname(path.dirname(require.resolve('npm/package.json', { paths: [path.join(path.dirname(process.execPath), '../lib/node_modules')] })));
    const dir = nodeDir();
    const r = run(process.execPath, [path.join(npmDir, 'npm/node_modules/node-gyp/bin/node-gyp.js'), 'configure', ...(dir ? ['--nodedir', dir] : [])], { cwd: work });
    if (!r.ok) throw new Error(`mutate-native: node-gyp configure failed\n${r.out}`);
  }
  return run('make', ['-C', path.join(work, 'build'), '-j', '2', 'BUILDTYPE=Release']);
}

const capabilities = (() => {
  let caps = null;
  return () => {
    if (!caps) {
      const r = run(process.execPath, ['-e', `const a = require(${JSON.stringify(addon)}); console.log(JSON.stringify([a.capability(), a.capabilities()]))`]);
      caps = JSON.parse(r.out.trim().split('\n').pop());
    }
    return caps;
  };
})();

function vitest(files, env, timeout) {
  return run('npx', ['vitest', 'run', '--bail', '1', ...files], { env: { TG_ADDON_PATH: addon, ...env }, timeout });
}

/** The checks of one build, in order; returns the first that failed, or null. */
function checks(file, timeouts) {
  const [best, all] = capabilities();
  const list = [['vitest test/native test/ops', () => vitest(['test/native', 'test/ops'], {}, timeouts.main)]];
  for (const cap of all.filter((c) => c !== best)) {
    list.push([`vitest test/native (${cap})`, () => vitest(['test/native'], { TG_CPU_CAPABILITY: cap }, timeouts.native)]);
  }
  if (file.endsWith('gemm_kernels.cc')) {
    list.push(['gemm_test', () => run('bash', [path.join(work, 'native/tests/run_gemm_test.sh'), '--no-bench'], { timeout: timeouts.gemm })]);
  }
  return list;
}

function accuracy(stride, timeout) {
  return run('bash', [path.join(work, 'native/tests/run_vec_math_accuracy.sh'), String(stride)], { env: { TMPDIR: work }, timeout });
}

function main() {
  const o = parseArgs(process.argv.slice(2));
  const rand = rng(o.seed);
  const perFile = Math.ceil(o.count / o.files.length);
  const originals = new Map(o.files.map((f) => [f, fs.readFileSync(path.join(root, f), 'utf8')]));
  const picked = [];
  for (const f of o.files) {
    const sites = sitesOf(f, originals.get(f));
    if (o.list) {
      for (const s of sites) console.log(`${s.file}:${s.line}:${s.col + 1} ${s.kind} '${s.from}' -> '${s.to}'`);
      continue;
    }
    console.log(`${f}: ${sites.length} candidate sites`);
    picked.push(...sample(sites, perFile, rand));
  }
  if (o.list) return;

  const t0 = Date.now();
  fs.mkdirSync(work, { recursive: true });
  syncSources();
  let b = build();
  if (!b.ok) throw new Error(`mutate-native: the unmutated build failed\n${b.out.slice(-4000)}`);
  console.log(`baseline build: ${b.secs.toFixed(0)} s`);
  // Unmutated timings, for the time limits; every check must pass before any mutant means anything.
  const timeouts = { main: 3_600_000, native: 3_600_000, gemm: 3_600_000, accuracy: 3_600_000 };
  const base = {};
  for (const [name, fn] of o.baseline ? [['accuracy', () => accuracy(o.stride, timeouts.accuracy)], ...checks('gemm_kernels.cc', timeouts)] : []) {
    const r = fn();
    if (!r.ok) throw new Error(`mutate-native: '${name}' fails without any mutant\n${r.out.slice(-4000)}`);
    base[name] = r.secs;
    console.log(`baseline ${name}: ${r.secs.toFixed(0)} s`);
  }
  // --skip-baseline (a repeated run on an unchanged tree): limits from a loaded 2-core machine's timings.
  const limit = (s) => Math.round((3 * s + 60) * 1000);
  timeouts.main = limit(base['vitest test/native test/ops'] ?? 90);
  timeouts.native = limit(Math.max(...Object.entries(base).filter(([k]) => k.startsWith('vitest test/native (')).map(([, v]) => v), 40));
  timeouts.gemm = limit(base.gemm_test ?? 120);
  timeouts.accuracy = limit(base.accuracy ?? 120);

  const results = [];
  for (const [i, s] of picked.entries()) {
    const where = `${s.file}:${s.line}`;
    const label = `#${i + 1} ${where} ${s.kind}: '${s.from.trim()}' -> '${s.to.trim()}'`;
    const dst = path.join(work, s.file);
    const m0 = Date.now();
    let status = 'survived', by = null;
    try {
      fs.writeFileSync(dst, applySite(originals.get(s.file), s));
      if (s.file.endsWith('vec_math.h')) {
        const r = accuracy(o.stride, timeouts.accuracy);
        if (!r.ok) {
          const compileError = /error:/.test(r.out) && !/ulp|FAIL|max err/i.test(r.out);
          [status, by] = compileError ? ['invalid', 'compile error'] : ['killed', r.timedOut ? 'vec_math accuracy (timeout)' : 'vec_math accuracy'];
        }
      }
      if (status === 'survived') {
        const bb = build();
        if (!bb.ok) [status, by] = ['invalid', 'compile error'];
      }
      for (const [name, fn] of status === 'survived' ? checks(s.file, timeouts) : []) {
        const r = fn();
        if (!r.ok) {
          [status, by] = ['killed', r.timedOut ? `${name} (timeout)` : name];
          break;
        }
      }
    } finally {
      fs.writeFileSync(dst, originals.get(s.file));
    }
    const secs = (Date.now() - m0) / 1000;
    results.push({ ...s, status, by, secs });
    console.log(`${label}: ${status}${by ? ` by ${by}` : ''} (${secs.toFixed(0)} s)`);
  }
  // Leave the copy's build matching the unmutated sources, so the next run starts incremental and clean.
  build();

  const summary = {};
  for (const f of o.files) {
    const rs = results.filter((r) => r.file === f);
    const killed = rs.filter((r) => r.status === 'killed').length, survived = rs.filter((r) => r.status === 'survived').length;
    summary[f] = { killed, survived, invalid: rs.length - killed - survived, score: killed + survived ? (100 * killed) / (killed + survived) : null };
  }
  const killed = results.filter((r) => r.status === 'killed').length, valid = results.filter((r) => r.status !== 'invalid').length;
  const total = { killed, valid, score: valid ? (100 * killed) / valid : null, seconds: Math.round((Date.now() - t0) / 1000) };
  console.log('\nfile                              killed  survived  invalid  score');
  for (const [f, v] of Object.entries(summary)) {
    console.log(`${f.padEnd(34)}${String(v.killed).padStart(6)}${String(v.survived).padStart(10)}${String(v.invalid).padStart(9)}  ${v.score === null ? '-' : v.score.toFixed(0) + '%'}`);
  }
  console.log(`all: ${killed}/${valid} killed (${total.score === null ? '-' : total.score.toFixed(0)}%) in ${total.seconds} s; seed ${o.seed}, ${results.length} mutants`);
  for (const r of results.filter((x) => x.status === 'survived')) console.log(`SURVIVED ${r.file}:${r.line} ${r.kind}: '${r.from.trim()}' -> '${r.to.trim()}'`);
  fs.mkdirSync(path.dirname(o.json), { recursive: true });
  fs.writeFileSync(o.json, JSON.stringify({ seed: o.seed, count: o.count, summary, total, results }, null, 2));
}

main();
