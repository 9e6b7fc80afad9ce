// The runnable examples of the docs (issue 17): the `@example` blocks of the TSDoc in lib/ and the fenced
// ```js / ```ts blocks of docs/porting.md, and the small doctest that runs them (examples.test.ts).
//
// Note [Doc examples]: an example is plain code with `tg` in scope (the package's default export); an
// `import ... from 'tensorgrad'` or `require('tensorgrad')` line is rewritten to read from that same object, so
// a guide's snippet can start as a user's file does. TypeScript annotations are allowed (each example is
// transpiled). An expected-output comment is checked: a line `EXPR // tensor(...)` (or `// => value` for a
// non-tensor), `console.log(EXPR) // ...`, `const y = EXPR // ...` (checks y), or such a comment on the
// line(s) right after a statement, as PyTorch's docs print. A tensor's expected text may run on over several
// comment lines (its brackets decide where it ends); whitespace runs compare equal, so the comment can be
// indented as the reader likes. Any other comment is prose and is not checked.
import ts from 'typescript';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { inspect } from 'node:util';
import { createRequire } from 'node:module';

const nodeRequire = createRequire(__filename);

export interface Example { where: string; code: string }

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

/** The @example blocks of every doc comment in lib/ (the code inside the fence, or the whole tag text). */
export function tsdocExamples(root: string): Example[] {
  const out: Example[] = [];
  for (const file of walk(join(root, 'lib')).filter((f) => f.endsWith('.ts'))) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/\/\*\*([\s\S]*?)\*\//g)) {
      const startLine = text.slice(0, m.index).split('\n').length;
      const lines = m[1].split('\n').map((l) => l.replace(/^\s*\* ?/, ''));
      for (let i = 0; i < lines.length; i++) {
        const tag = /^\s*@example\b\s*(.*)$/.exec(lines[i]);
        if (!tag) continue;
        const body: string[] = tag[1] ? [tag[1]] : [];
        let j = i + 1;
        for (; j < lines.length && !/^\s*@\w+/.test(lines[j]); j++) body.push(lines[j]);
        const joined = body.join('\n');
        const fence = /```\w*\n([\s\S]*?)```/.exec(joined);
        out.push({ where: `${relative(root, file)}:${startLine + i}`, code: fence ? fence[1] : joined });
        i = j - 1;
      }
    }
  }
  return out;
}

/** The ```js / ```ts / ```javascript / ```typescript blocks of a Markdown file. */
export function markdownExamples(root: string, path: string): Example[] {
  const text = readFileSync(join(root, path), 'utf8');
  const out: Example[] = [];
  for (const m of text.matchAll(/^```(js|ts|javascript|typescript)\s*\n([\s\S]*?)^```/gm)) {
    out.push({ where: `${path}:${text.slice(0, m.index).split('\n').length + 1}`, code: m[2] });
  }
  return out;
}

const EXPECT = /^(tensor\(|=> ?)/;
const balanced = (s: string): boolean => {
  let depth = 0;
  for (const c of s) depth += c === '(' || c === '[' ? 1 : c === ')' || c === ']' ? -1 : 0;
  return depth <= 0;
};

/**
 * Whether an expected output goes on over the next comment line: a tensor (or `Parameter containing:` one)
 * whose brackets are still open, or a quoted string (a module's repr) whose quote is.
 */
function incomplete(text: string): boolean {
  const t = text.replace(/^=> ?/, '');
  if (t.startsWith("'")) return (t.match(/(?<!\\)'/g) ?? []).length % 2 === 1;
  if (t.startsWith('tensor(')) return !balanced(t);
  if (t.startsWith('Parameter containing:')) return !t.includes('tensor(') || !balanced(t.slice(t.indexOf('tensor(')));
  return false;
}

/** Splits `code // comment` at the comment (not inside a string). */
function splitComment(line: string): [string, string | null] {
  let quote: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) { if (c === '\\') i++; else if (c === quote) quote = null; continue; }
    if (c === '"' || c === "'" || c === '`') quote = c;
    else if (c === '/' && line[i + 1] === '/') return [line.slice(0, i), line.slice(i + 2).replace(/^ /, '')];
  }
  return [line, null];
}

/** Splits a line at its last top-level `;` (outside brackets and strings): [the statements before, the last]. */
function lastStatement(code: string): [string, string] {
  let depth = 0, quote: string | null = null, cut = -1;
  for (let i = 0; i < code.length; i++) {
    const c = code[i];
    if (quote) { if (c === '\\') i++; else if (c === quote) quote = null; continue; }
    if (c === '"' || c === "'" || c === '`') quote = c;
    else if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) depth--;
    else if (c === ';' && depth === 0) cut = i;
  }
  return cut < 0 ? ['', code] : [code.slice(0, cut + 1) + ' ', code.slice(cut + 1).trim()];
}

/** Rewrites imports of the package and the expected-output comments into __expect(value, text, line) calls. */
export function instrument(code: string): { js: string; checks: number } {
  const src = code.split('\n');
  const out: string[] = [];
  let checks = 0;
  for (let i = 0; i < src.length; i++) {
    let line = src[i]
      .replace(/^\s*import\s+(\w+)\s*,\s*\{([^}]*)\}\s*from\s*['"]tensorgrad['"];?/, (_, d, n) => `const ${d} = __tgRequire(); const {${n.replace(/ as /g, ': ')}} = __tgRequire();`)
      .replace(/^\s*import\s+(?:\*\s+as\s+)?(\w+)\s+from\s*['"]tensorgrad['"];?/, 'const $1 = __tgRequire();')
      .replace(/^\s*import\s*\{([^}]*)\}\s*from\s*['"]tensorgrad['"];?/, (_, n) => `const {${n.replace(/ as /g, ': ')}} = __tgRequire();`)
      .replace(/require\(\s*['"]tensorgrad['"]\s*\)/g, '__tgRequire()');
    let [codePart, comment] = splitComment(line);
    let expected: string | null = null;
    let consumed = i;
    if (codePart.trim() && comment !== null && EXPECT.test(comment)) expected = comment;
    else if (codePart.trim() && comment === null) {
      // The expected output on the comment line(s) right after the statement.
      const next = src[i + 1] !== undefined ? splitComment(src[i + 1]) : null;
      if (next && !next[0].trim() && next[1] !== null && EXPECT.test(next[1])) { expected = next[1]; consumed = i + 1; }
    }
    if (expected !== null) {
      while (incomplete(expected) && consumed + 1 < src.length) {
        const [c2, com2] = splitComment(src[consumed + 1]);
        if (c2.trim() || com2 === null) break;
        expected += '\n' + com2;
        consumed++;
      }
      // `a; b; expr // out` checks the last statement of the line.
      const [before, stmt] = lastStatement(codePart.trim().replace(/;$/, ''));
      const at = i + 1;
      const lit = JSON.stringify(expected.replace(/^=> ?/, '=> '));
      const decl = /^(const|let|var)\s+(\w+)\s*=\s*([\s\S]*)$/.exec(stmt);
      const log = /^console\.log\(([\s\S]*)\)$/.exec(stmt);
      if (decl) line = `${before}${decl[1]} ${decl[2]} = ${decl[3]}; __expect(${decl[2]}, ${lit}, ${at});`;
      else if (log) line = `${before}__expect((${log[1]}), ${lit}, ${at});`;
      else line = `${before}__expect((${stmt}), ${lit}, ${at});`;
      checks++;
      for (let k = i + 1; k <= consumed; k++) src[k] = '';
      out.push(line);
      for (let k = i + 1; k <= consumed; k++) out.push('');
      i = consumed;
      continue;
    }
    out.push(line);
  }
  const js = ts.transpileModule(out.join('\n'), {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.None, removeComments: false },
  }).outputText;
  return { js, checks };
}

const norm = (s: string): string => s.replace(/\s+/g, ' ').replace(/([[(]) /g, '$1').trim();

/** The text an expected-output comment is compared with. */
export function show(v: unknown, Tensor: Function): string {
  if (v instanceof Tensor) return String(v);
  if (typeof v === 'string') return `'${v}'`;
  if (Array.isArray(v)) return `[${v.map((x) => show(x, Tensor)).join(', ')}]`;
  if (v === null || typeof v !== 'object') return String(v);
  return inspect(v, { depth: 4, breakLength: Infinity });
}

/** Runs one example with `tg` in scope; throws on an exception or a mismatched expected-output comment. */
export async function runExample(ex: Example, tg: Record<string, unknown>): Promise<number> {
  const { js, checks } = instrument(ex.code);
  const Tensor = tg.Tensor as Function;
  const expectFn = (v: unknown, text: string, line: number): void => {
    const want = text.startsWith('=> ') ? text.slice(3) : text;
    const got = show(v, Tensor);
    if (norm(got) !== norm(want)) throw new Error(`${ex.where} (example line ${line}): expected ${want}\n  got ${got}`);
  };
  const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as FunctionConstructor;
  // A block, so that the example may declare its own `const tg = require('tensorgrad')`.
  const fn = new AsyncFunction('tg', '__expect', '__tgRequire', 'console', 'require', `{\n${js}\n}`);
  const quiet = { log: () => {}, info: () => {}, warn: () => {}, error: () => {}, table: () => {} };
  try {
    await fn(tg, expectFn, () => tg, quiet, nodeRequire);
  } catch (e) {
    const err = e as Error;
    if (err.message.startsWith(ex.where)) throw err;
    throw new Error(`${ex.where}: the example threw ${err.name}: ${err.message}\n--- example ---\n${ex.code}`);
  }
  return checks;
}
