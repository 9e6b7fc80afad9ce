// Twin of detrand.py: a random stream PyTorch and tensorgrad compute bit for bit alike. The ports replace
// torch.rand/randn/randint and the default parameter init by it, because torch's Mersenne-Twister stream and
// tensorgrad's Philox stream differ. Every value is k / 2**24 from a 32-bit integer hash (Math.imul is Python's
// (a * b) & 0xFFFFFFFF), so both produce the same doubles and round them to float32 the same way.
let state = 0;

export function seed(s) {
  state = s * 1_000_003;
}

function hash(x) {
  x >>>= 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d) >>> 0;
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b) >>> 0;
  x ^= x >>> 16;
  return x >>> 0;
}

export function uniform(n) {
  const start = state;
  state += n;
  return Array.from({ length: n }, (_, i) => (hash(start + i) >>> 8) / 16777216);
}

const numel = (shape) => shape.reduce((a, b) => a * b, 1);

export function rand(tg, shape, { dtype = 'float32' } = {}) {
  return tg.tensor(uniform(numel(shape)), { dtype }).reshape(shape);
}

export function randn(tg, shape, { dtype = 'float32' } = {}) {
  const n = numel(shape), u = uniform(12 * n);
  const v = Array.from({ length: n }, (_, i) => u.slice(12 * i, 12 * i + 12).reduce((a, b) => a + b, 0) - 6);
  return tg.tensor(v, { dtype }).reshape(shape);
}

export function randint(tg, low, high, shape) {
  return tg.tensor(uniform(numel(shape)).map((v) => low + Math.floor(v * (high - low))), { dtype: 'int64' }).reshape(shape);
}

/** nn.Linear's default init in distribution, from this stream, in namedParameters() order (detrand.py's init_). */
export function init_(tg, module) {
  tg.noGrad(() => {
    let fanIn = null;
    for (const [, p] of module.namedParameters()) {
      if (p.dim() >= 2) fanIn = numel(p.shape.slice(1));
      const bound = 1 / Math.sqrt(fanIn);
      p.copy_(tg.tensor(uniform(p.numel()).map((v) => (2 * v - 1) * bound)).reshape(p.shape));
    }
  });
  return module;
}
