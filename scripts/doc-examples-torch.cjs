// Prints the @example blocks of lib/ as JSON (code lines and their expected-output comments) for doc-examples-torch.py.
const fs = require('fs'), path = require('path');
const root = path.join(__dirname, '..', 'lib');
const walk = (d) => fs.readdirSync(d).flatMap((f) => { const p = path.join(d, f); return fs.statSync(p).isDirectory() ? walk(p) : [p]; });
const out = [];
for (const f of walk(root).filter((f) => f.endsWith('.ts'))) {
  const text = fs.readFileSync(f, 'utf8');
  for (const m of text.matchAll(/@example\s*\n\s*\* ```ts\n([\s\S]*?)\n\s*\* ```/g)) {
    const lines = m[1].split('\n').map((l) => l.replace(/^\s*\* ?/, ''));
    // join continuation expected lines
    const code = [], exp = [];
    for (const l of lines) {
      if (/^\/\/ /.test(l) && code.length) { exp[exp.length - 1] = (exp[exp.length - 1] ?? '') + ' ' + l.slice(3); continue; }
      const k = l.indexOf(' // ');
      if (k >= 0) { code.push(l.slice(0, k)); exp.push(l.slice(k + 4)); } else { code.push(l); exp.push(null); }
    }
    out.push({ where: path.relative(root, f), code, exp });
  }
}
process.stdout.write(JSON.stringify(out));

