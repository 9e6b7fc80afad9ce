// Python's print and the reprs of the few built-in values the ports print (JavaScript numbers do not know
// whether Python held an int or a float); tensors and modules print themselves, as PyTorch's do.
export function pyPrinter(write = (s) => process.stdout.write(s)) {
  return (...args) => write(args.map(String).join(' ') + '\n');
}

/** repr(float): the shortest round-trip digits, as JavaScript's, in Python's notation (scientific below 1e-4
 *  and from 1e16 on, where JavaScript's switches at 1e-7 and 1e21; a two-digit exponent; '.0' on integers). */
export function pyFloat(x) {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const [m, e] = x.toExponential().split('e');
  const exp = Number(e);
  if (exp < -4 || exp >= 16) return `${m}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  const s = String(x);
  return s.includes('.') ? s : `${s}.0`;
}

export const pyBool = (b) => (b ? 'True' : 'False');

/** str(torch.Size): shapes are plain arrays in tensorgrad. */
export const torchSize = (shape) => `torch.Size([${shape.join(', ')}])`;

/** str(np.ndarray) of a 1-D array of integer-valued floats, the only kind the ports print. */
export function npStr(a) {
  if (![...a].every(Number.isInteger)) throw new RangeError('npStr: only integer-valued floats');
  return `[${[...a].map((v) => `${v}.`).join(' ')}]`;
}

/** Runs main(tg, print) with the built package when the file is run as a script (node examples/ports/x.mjs). */
export async function runIfMain(meta, main) {
  const { fileURLToPath } = await import('node:url');
  if (process.argv[1] !== fileURLToPath(meta.url)) return;
  const { default: tg } = await import('tensorgrad');
  main(tg, pyPrinter());
}

/** repr of a Python tuple of already-printable items: (a, b, c). */
export const pyTuple = (...items) => `(${items.map(String).join(', ')})`;

/** Python's f'{x:.{d}f}': correctly rounded, an exact tie to even (JavaScript's toFixed rounds a tie up:
 *  (0.125).toFixed(2) is '0.13', Python's f'{0.125:.2f}' '0.12'). */
export function pyFixed(x, d) {
  const long = x.toFixed(d + 30); // exact digits: a tie shows as ...5000...
  const dot = long.indexOf('.');
  const rest = long.slice(dot + 1 + d);
  if (!/^50*$/.test(rest)) return x.toFixed(d);
  const kept = long.slice(0, dot + 1 + d).replace(/\.$/, '');
  const last = Number(kept[kept.length - 1]);
  return last % 2 === 0 ? kept : x.toFixed(d);
}

/** The ports' `attempt(label, f)`: Python's `try: r = f() except Exception: print(label, 'raises') else:
 *  show(label, r)` (show is print unless the port prints its results its own way). Only an error that tensorgrad
 *  threw on purpose counts as raising: a JavaScript slip (a ReferenceError, or a TypeError such as "x.foo is not
 *  a function" or "Cannot read properties of undefined") is rethrown, since catching it would print 'raises'
 *  where PyTorch raises too and hide a missing method or a crash inside an op. */
export function makeAttempt(print, show = print) {
  return (label, f) => {
    let r;
    try {
      r = f();
    } catch (e) {
      if (isSlip(e)) throw e;
      print(label, 'raises');
      return;
    }
    show(label, r);
  };
}

const isSlip = (e) =>
  e instanceof ReferenceError ||
  e instanceof SyntaxError ||
  (e instanceof TypeError && /is not a function|is not a constructor|Cannot read properties|Cannot set properties|is not iterable/.test(e.message));

/** Python's '%.{p}g' % x: p significant digits, correctly rounded with an exact tie to even (as pyFixed), trailing
 *  zeros dropped, scientific below 1e-4 and from 10**p on (a two-digit exponent). */
export function pyG(x, p) {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  const strip = (s) => (s.includes('.') ? s.replace(/\.?0+$/, '') : s);
  let [m, e] = x.toExponential(p - 1).split('e');
  let exp = Number(e);
  if (exp >= -4 && exp < p) {
    const f = pyFixed(x, p - 1 - exp); // the rounding may carry into one more digit: 9.9999999 -> 10.000000
    if (f.replace(/^-?0?\.?0*/, '').replace('.', '').length <= p) return strip(f);
  }
  // Scientific: an exact tie needs an integer x here (a tie digit at or left of the units; none below 1e-4).
  if (Number.isInteger(x)) {
    const digits = BigInt(Math.abs(x)).toString();
    let kept = BigInt(digits.slice(0, p) || '0');
    const rest = digits.slice(p);
    if (rest && (rest[0] > '5' || (rest[0] === '5' && (/[1-9]/.test(rest.slice(1)) || kept % 2n === 1n)))) kept += 1n;
    let ks = kept.toString();
    exp = digits.length - 1 + (ks.length - Math.min(p, digits.length));
    ks = ks.slice(0, p);
    m = `${x < 0 ? '-' : ''}${ks[0]}${ks.length > 1 ? `.${ks.slice(1)}` : ''}`;
    if (exp < p) return strip(`${x < 0 ? '-' : ''}${kept}`);
  }
  return `${strip(m)}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
}
