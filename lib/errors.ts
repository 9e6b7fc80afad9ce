// Error builders: every message starts with the op name and shows the offending shapes or values.
export function fmtShape(shape: readonly number[]): string {
  // String(): a Symbol in a bad shape must not throw here; nor one nested in an array (String([sym]) throws).
  return `[${shape.map((d) => (Array.isArray(d) ? fmtShape(d) : String(d))).join(', ')}]`;
}

export function typeError(op: string, message: string): TypeError {
  return new TypeError(`${op}: ${message}`);
}

export function rangeError(op: string, message: string): RangeError {
  return new RangeError(`${op}: ${message}`);
}

export function describe(x: unknown): string {
  if (x === null) return 'null';
  if (Array.isArray(x)) return 'array';
  if (typeof x === 'object') return (x as object).constructor?.name ?? 'object';
  // A module is a function object outside Function.prototype (Note [Callable modules]): name its class, as
  // for any other instance.
  if (typeof x === 'function' && !((x as unknown) instanceof Function)) return (x as { constructor?: { name?: string } }).constructor?.name ?? 'function';
  if (typeof x === 'number') return `number ${x}`;
  return typeof x;
}

// Note [Moved tensors]: a tensor sent with tg.toTransferable(x, { move: true }) is marked disposed on the sending
// thread, and using it must say so rather than "disposed". The ops check `x.isDisposed` and then build the error
// from the shape alone (dozens of call sites), so the Tensor.isDisposed getter records, each time it answers
// true, whether that storage was moved; the next disposedError reads it. JS runs one op at a time per thread, so
// the check and the throw that follows it are never interleaved with another tensor's.
let lastDisposedWasMoved = false;
/** @internal Set by Tensor.isDisposed (Note [Moved tensors]). */
export function noteDisposed(moved: boolean): void {
  lastDisposedWasMoved = moved;
}

/** Use after dispose(): a TypeError naming the op (Tensor._data has a generic fallback for other paths). */
export function disposedError(op: string, shape: readonly number[]): TypeError {
  const moved = lastDisposedWasMoved;
  lastDisposedWasMoved = false;
  const how = moved ? 'was moved to another thread (tg.toTransferable with { move: true })' : 'was disposed';
  return typeError(op, `tensor of shape ${fmtShape(shape)} ${how} and cannot be used`);
}

/**
 * fn under another public name (PyTorch's aliases: x.multiply is x.mul): an error that names one of `targets`
 * ("mul: ...") is rethrown naming `name` instead, so messages name the function the user called.
 */
export function underName<F extends (...args: never[]) => unknown>(name: string, targets: readonly string[], fn: F): F {
  const wrapped = function (this: unknown, ...args: Parameters<F>): ReturnType<F> {
    try {
      return fn.apply(this, args) as ReturnType<F>;
    } catch (e) {
      if (e instanceof Error) {
        const t = targets.find((x) => e.message.startsWith(`${x}: `));
        if (t !== undefined) e.message = `${name}${e.message.slice(t.length)}`;
      }
      throw e;
    }
  };
  Object.defineProperty(wrapped, 'name', { value: name });
  return wrapped as unknown as F;
}
