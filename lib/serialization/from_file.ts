// torch.from_file: a tensor of `size` elements read from a file's bytes (little-endian, the machine's order),
// Node-only (node:fs), so lib/ops never imports it. PyTorch maps the file; tensorgrad reads a copy, so the
// shared=true form (writes through to the file) is refused.
import { readFileSync } from 'node:fs';
import { typeError, rangeError, describe } from '../errors.js';
import { defaultFloat, isDType, type DType } from '../dtype.js';
import { ELEMENT_SIZE, frombuffer } from '../ops/torch_misc.js';
import * as C from '../ops/creation.js';
import type { Tensor } from '../tensor.js';
import { kw, signature } from '../kwargs.js';

/**
 * A 1-D tensor of `size` elements of `dtype` (the default dtype unless given) read from the start of the file
 * `filename`; size 0 gives an empty tensor. `shared` must be false (tensorgrad reads a copy of the file).
 *
 * @see torch.from_file
 * @example
 * ```ts
 * const f = require('node:path').join(require('node:os').tmpdir(), 'tg-doc-from-file.bin')
 * require('node:fs').writeFileSync(f, new Uint8Array(new Float32Array([1, 2, 3]).buffer))
 * tg.fromFile(f, false, 3).tolist() // => [1, 2, 3]
 * ```
 */
export const fromFile = kw(signature('fromFile', 'filename, shared, size, dtype, requiresGrad'), function fromFile(
  filename: string, shared: boolean | null = null, size = 0, dtype: DType | null = null, requiresGrad = false): Tensor {
  const op = 'fromFile';
  if (typeof filename !== 'string') throw typeError(op, `filename must be a string, got ${describe(filename)}`);
  if (shared === true) throw rangeError(op, 'shared=true (a tensor whose writes go to the file) is not supported: tensorgrad reads a copy of the file');
  if (!Number.isInteger(size) || size < 0) throw rangeError(op, `size must be a non-negative integer, got ${describe(size)}`);
  if (dtype !== null && dtype !== undefined && !isDType(dtype)) throw typeError(op, `dtype must be a dtype name, got ${describe(dtype)}`);
  const dt = dtype ?? defaultFloat();
  if (size === 0) return C.zeros([0], { dtype: dt, requiresGrad });
  const need = size * ELEMENT_SIZE[dt];
  const bytes = readFileSync(filename);
  if (bytes.length < need) throw rangeError(op, `file <${filename}> size is smaller than the required mapping size <${need}>`);
  const copy = new Uint8Array(need);
  copy.set(bytes.subarray(0, need));
  return frombuffer(copy.buffer, dt, size, 0, requiresGrad);
});
