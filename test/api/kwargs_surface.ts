// The public surface the keyword-argument test walks: every exported function, method and constructor of
// tensorgrad, each with its id ('tg.sum', 'Tensor.sum', 'nn.functional.mseLoss', 'nn.Linear', 'Module.parameters').
import tg, { Tensor } from '../../lib/index.js';

export interface Export {
  /** 'tg.sum', 'Tensor.sum', 'nn.init.normal_', 'nn.Linear' (a constructor), 'Module.train'. */
  id: string;
  fn: (...args: unknown[]) => unknown;
  kind: 'function' | 'method' | 'class';
}

function isClass(f: unknown): boolean {
  return typeof f === 'function' && /^class\b/.test(Function.prototype.toString.call(f));
}

function functionsOf(prefix: string, ns: object, out: Export[]): void {
  for (const key of Object.keys(ns)) {
    const v = (ns as Record<string, unknown>)[key];
    if (typeof v === 'function') out.push({ id: `${prefix}${key}`, fn: v as Export['fn'], kind: isClass(v) ? 'class' : 'function' });
  }
}

function methodsOf(owner: string, proto: object, out: Export[]): void {
  for (const key of Object.getOwnPropertyNames(proto)) {
    if (key === 'constructor') continue;
    const d = Object.getOwnPropertyDescriptor(proto, key) as PropertyDescriptor;
    if (typeof d.value === 'function' && !key.startsWith('_')) out.push({ id: `${owner}.${key}`, fn: d.value, kind: 'method' });
  }
}

/** Every public function, method and class of tensorgrad. */
export function publicSurface(): Export[] {
  const out: Export[] = [];
  // tg.workers (a thread pool, no PyTorch counterpart) is not walked: its Pool starts worker threads, which the
  // three calling forms per case would multiply; test/robustness/workers.test.ts covers it.
  const namespaces = new Set(['autograd', 'nn', 'optim', 'utils', 'safetensors', 'backends', 'linalg', 'workers', 'func']);
  for (const key of Object.keys(tg)) {
    const v = (tg as Record<string, unknown>)[key];
    if (typeof v === 'function') out.push({ id: `tg.${key}`, fn: v as Export['fn'], kind: isClass(v) ? 'class' : 'function' });
    else if (key === 'version' && typeof v === 'string') continue;
    // PyTorch's dtype objects (tg.float64 ...) are dtype-name strings (lib/dtypes_public.ts)
    else if (typeof v === 'string' && ['float32', 'float64', 'int64', 'int32', 'bool', 'float16', 'bfloat16', 'int16', 'int8', 'uint8'].includes(v)) continue;
    else if (!namespaces.has(key)) throw new Error(`publicSurface: tg.${key} is neither a function nor a known namespace`);
  }
  functionsOf('autograd.', tg.autograd, out);
  functionsOf('linalg.', tg.linalg, out);
  functionsOf('func.', tg.func, out);
  functionsOf('nn.', tg.nn, out);
  functionsOf('nn.functional.', tg.nn.functional, out);
  functionsOf('nn.init.', tg.nn.init, out);
  functionsOf('optim.', tg.optim, out);
  functionsOf('optim.lrScheduler.', tg.optim.lrScheduler, out);
  functionsOf('nn.utils.', tg.nn.utils, out);
  functionsOf('nn.utils.parametrize.', tg.nn.utils.parametrize, out);
  functionsOf('nn.utils.parametrizations.', tg.nn.utils.parametrizations, out);
  functionsOf('nn.utils.rnn.', tg.nn.utils.rnn, out);
  functionsOf('utils.data.', tg.utils.data, out);
  functionsOf('safetensors.', tg.safetensors, out);
  functionsOf('backends.cpu.', tg.backends.cpu, out);
  functionsOf('backends.memory.', tg.backends.memory, out);
  // ---- forward-mode AD and tg.func ----
  functionsOf('autograd.forwardAd.', tg.autograd.forwardAd, out);
  functionsOf('func.', tg.func, out);
  // Methods: every class's own prototype methods, base classes included.
  const classes: [string, { prototype: object }][] = [['Tensor', Tensor], ['Generator', tg.Generator]];
  for (const e of out) if (e.kind === 'class' && e.id !== 'tg.Tensor' && e.id !== 'tg.Generator') classes.push([e.id.replace(/^(optim\.lrScheduler|utils\.data|nn|optim|autograd)\./, ''), e.fn as unknown as { prototype: object }]);
  const seen = new Set<object>();
  for (const [name, cls] of classes) {
    let proto: object | null = cls.prototype;
    let owner = name;
    while (proto !== null && proto !== Object.prototype && !seen.has(proto)) {
      seen.add(proto);
      methodsOf(owner, proto, out);
      proto = Object.getPrototypeOf(proto);
      owner = proto !== null ? (proto as { constructor: { name: string } }).constructor.name : owner;
    }
  }
  return out;
}
