// The public surface and its doc comments (issue 17): every function, class and method that users reach from
// lib/index.ts (the allow-list of named exports; the namespaces nn, optim, utils, linalg, autograd, ... are walked
// into) must have TSDoc with a summary line, its PyTorch counterpart as `@see torch.xxx` and an `@example`.
// The TypeScript checker resolves each export to its declaration, so a function re-exported through a kw()
// wrapper (lib/api.ts) is checked where its doc comment lives: on the op in lib/ops/*.ts. A method that
// overrides a documented one (an nn module's forward) inherits the base's comment, as TypeDoc shows it.
// Usage: node scripts/doc-coverage.mjs [--missing]   (test/docs/coverage.test.ts asserts on collectSurface())
import ts from 'typescript';
import { fileURLToPath } from 'node:url';
import { dirname, join, relative } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function docOf(checker, symbols, signatures) {
  let summary = '';
  const tags = new Set();
  const add = (parts, tagList) => {
    const text = ts.displayPartsToString(parts).trim();
    if (text && !summary) summary = text;
    for (const t of tagList) tags.add(t.name);
  };
  for (const s of symbols) if (s) add(s.getDocumentationComment(checker), s.getJsDocTags(checker));
  for (const sig of signatures) add(sig.getDocumentationComment(checker), sig.getJsDocTags());
  return { summary, see: tags.has('see'), example: tags.has('example'), internal: tags.has('internal') };
}

const where = (decl) => decl ? `${relative(root, decl.getSourceFile().fileName)}:${decl.getSourceFile().getLineAndCharacterOfPosition(decl.getStart()).line + 1}` : '?';

/**
 * Every public item: { name, kind, where, summary, see, example }. `tg` is the built library's default export:
 * an item counts only if it exists at run time (a kw()-wrapped table's type is its whole module, so the types
 * alone would list internal helpers); items tagged `@internal` are not public.
 */
export function collectSurface(tg) {
  const config = ts.getParsedCommandLineOfConfigFile(join(root, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
  const program = ts.createProgram([join(root, 'lib', 'index.ts')], { ...config.options, noEmit: true });
  const checker = program.getTypeChecker();
  const index = program.getSourceFile(join(root, 'lib', 'index.ts'));
  const items = new Map(); // declaration key -> item, so an inherited or re-exported member counts once
  const seenModules = new Set();

  const at = (path) => path.reduce((o, k) => (o == null ? undefined : o[k]), tg);
  const record = (key, item, path, member) => {
    if (items.has(key) || item.internal) return;
    const target = at(path);
    if (target === undefined || (member !== undefined && !(member in target))) return;
    items.set(key, item);
  };
  const resolve = (s) => (s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s);
  const isPublicName = (n) => !n.startsWith('_') && !n.startsWith('#') && n !== 'constructor' && n !== 'prototype';

  function memberDoc(cls, member) {
    // The member's own comment, else the one it overrides in a base class.
    const own = docOf(checker, [member], checker.getTypeOfSymbol(member).getCallSignatures());
    if (own.summary) return own;
    for (const base of checker.getBaseTypes(cls) ?? []) {
      const m = checker.getPropertyOfType(base, member.name);
      if (m) { const d = memberDoc(base, m); if (d.summary) return d; }
    }
    return own;
  }

  function visitClass(name, sym) {
    const decl = sym.valueDeclaration ?? sym.declarations?.[0];
    const path = name.split('.');
    if (at(path) === undefined) return; // a type-only export
    record(decl, { name, kind: 'class', where: where(decl), ...docOf(checker, [sym], []) }, path);
    const inst = checker.getDeclaredTypeOfSymbol(sym);
    const statics = checker.getTypeOfSymbol(sym);
    for (const [type, sep] of [[inst, '.prototype.'], [statics, '.']]) {
      for (const m of checker.getPropertiesOfType(type)) {
        if (!isPublicName(m.name)) continue;
        const md = m.valueDeclaration ?? m.declarations?.[0];
        if (!md) continue;
        const mods = ts.getCombinedModifierFlags(md);
        if (mods & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)) continue;
        const isMethod = m.flags & ts.SymbolFlags.Method;
        const isGetter = (m.flags & ts.SymbolFlags.GetAccessor) && sep === '.prototype.' && name === 'Tensor';
        if (!isMethod && !isGetter) continue;
        if (md.getSourceFile().fileName.includes('node_modules')) continue;
        // Report under the class that declares it (Module.train once, not once per module).
        const owner = md.parent?.name?.text ?? name;
        const kind = isMethod ? 'method' : 'property';
        const declKey = md;
        if (items.has(declKey)) continue;
        // An override without its own comment: keyed by declaration, documented by its base.
        record(declKey, { name: `${owner}${sep === '.' ? '.' : '#'}${m.name}`, kind, where: where(md), ...memberDoc(type, m) },
          sep === '.' ? path : [...path, 'prototype'], m.name);
      }
    }
  }

  function visitValue(name, symIn, depth) {
    // The symbol whose declaration carries the comment: a shorthand property ({ save }) stands for its value.
    let sym = symIn;
    const first = sym.valueDeclaration ?? sym.declarations?.[0];
    if (first && ts.isShorthandPropertyAssignment(first)) sym = resolve(checker.getShorthandAssignmentValueSymbol(first) ?? sym);
    // lib/index.ts's `export const { sinh, ... } = api.elementwiseMath`: the op of the table it destructures.
    if (first && ts.isBindingElement(first) && ts.isVariableDeclaration(first.parent.parent) && first.parent.parent.initializer) {
      const key = (first.propertyName ?? first.name).getText();
      const prop = checker.getTypeAtLocation(first.parent.parent.initializer).getProperty(key);
      if (prop) sym = resolve(prop);
    }
    const decl = sym.valueDeclaration ?? sym.declarations?.[0];
    if (!decl) return;
    const type = checker.getTypeOfSymbol(sym);
    const sigs = type.getCallSignatures();
    if (sigs.length) {
      // Keyed by the declaration that holds the comment: the const or function itself (several kw()-wrapped
      // functions share one overload type, so not their signature), except for lib/index.ts's destructured
      // names, whose comment is the op's in lib/ops.
      const inIndex = decl.getSourceFile() === index;
      const own = !inIndex && (ts.isVariableDeclaration(decl) || ts.isFunctionDeclaration(decl) || ts.isPropertyAssignment(decl));
      const sigDecl = sigs[0].getDeclaration?.() ?? decl;
      const key = own ? decl : sigDecl;
      const at = own && ts.isVariableDeclaration(decl) ? decl.parent.parent : key;
      record(key, { name, kind: 'function', where: where(at), ...docOf(checker, [sym], sigs) }, name.split('.'));
      return;
    }
    // A primitive constant (tg.version, a string): one item with its own comment, not its prototype's methods.
    if (type.flags & (ts.TypeFlags.StringLike | ts.TypeFlags.NumberLike | ts.TypeFlags.BooleanLike | ts.TypeFlags.BigIntLike)) {
      const at = ts.isVariableDeclaration(decl) ? decl.parent.parent : decl;
      record(decl, { name, kind: 'constant', where: where(at), ...docOf(checker, [sym], []) }, name.split('.'));
      return;
    }
    if (depth > 3) return;
    // A namespace object (tg.linalg, tg.autograd, tg.safetensors, tg.backends and its tg.backends.cpu): its
    // function members, classes and nested plain objects.
    for (const p of checker.getPropertiesOfType(type)) {
      if (!isPublicName(p.name)) continue;
      const pt = checker.getTypeOfSymbol(p);
      if (pt.getCallSignatures().length) visitValue(`${name}.${p.name}`, p, depth + 1);
      else if (p.flags & ts.SymbolFlags.Class) visitClass(`${name}.${p.name}`, p);
      else if (pt.flags & ts.TypeFlags.Object && p.valueDeclaration && ts.isPropertyAssignment(p.valueDeclaration)
        && ts.isObjectLiteralExpression(p.valueDeclaration.initializer)) visitValue(`${name}.${p.name}`, p, depth + 1);
    }
  }

  function visitModule(modSym, prefix) {
    if (seenModules.has(modSym)) return;
    seenModules.add(modSym);
    for (const e of checker.getExportsOfModule(modSym)) {
      if (e.name === 'default') continue;
      const s = resolve(e);
      const name = prefix + e.name;
      if (s.flags & ts.SymbolFlags.ValueModule) visitModule(s, `${name}.`);
      else if (s.flags & ts.SymbolFlags.Class) visitClass(name, s);
      else if (s.flags & ts.SymbolFlags.Value) visitValue(name, e.flags & ts.SymbolFlags.Alias ? s : e, 1);
    }
  }

  visitModule(checker.getSymbolAtLocation(index), '');
  return [...items.values()].sort((a, b) => a.name.localeCompare(b.name));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { createRequire } = await import('node:module');
  const items = collectSurface(createRequire(import.meta.url)('../dist/index.js').default);
  const bad = items.filter((i) => !i.summary || !i.see || !i.example);
  const byKind = {};
  for (const i of items) byKind[i.kind] = (byKind[i.kind] ?? 0) + 1;
  console.log(`${items.length} public items (${Object.entries(byKind).map(([k, n]) => `${n} ${k}s`).join(', ')}); ` +
    `${items.length - bad.length} fully documented (${((100 * (items.length - bad.length)) / items.length).toFixed(1)}%)`);
  if (process.argv.includes('--json')) console.log(JSON.stringify(items));
  if (process.argv.includes('--missing')) {
    for (const i of bad) console.log(`${i.name}\t${i.where}\t${[!i.summary && 'summary', !i.see && '@see', !i.example && '@example'].filter(Boolean).join(' ')}`);
  }
}
