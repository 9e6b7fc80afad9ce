// PyTorch 1.13's default_collate and default_convert (torch/utils/data/_utils/collate.py) for JS values.
//
// Note [Collating JS numbers]: Python tells ints from floats (default_collate makes int64 and float64
// tensors); JS numbers do not. A batch of numbers that are all (safe) integers becomes an int64 tensor, as
// PyTorch's, any other batch of numbers a float64 tensor; booleans make a bool tensor, strings stay an
// array. A dataset that wants float samples that happen to be whole numbers returns tensors (or a collateFn).
import { Tensor } from '../../tensor.js';
import { typeError, rangeError, describe } from '../../errors.js';
import { stack } from '../../ops/shape.js';
import { tensor } from '../../ops/creation.js';
import { kw, signature, isPlainObject } from '../../kwargs.js';

/**
 * Stacks a list of samples into a batch (tensors, numbers, arrays and objects recursively).
 *
 * Stacks a batch of samples: tensors along a new first dim, numbers and booleans into a tensor, strings as
 * an array, and plain objects and arrays field by field (an object of batches, an array of batches).
 *
 * @see torch.utils.data.default_collate
 * @example
 * ```ts
 * tg.utils.data.defaultCollate([[tg.tensor([1]), 0], [tg.tensor([2]), 1]])[1].tolist() // => [0, 1]
 * ```
 */
export const defaultCollate = kw(signature('utils.data.defaultCollate', 'batch'), function defaultCollate(batch: unknown[]): unknown {
  return collate(batch);
});

function collate(batch: unknown[]): unknown {
  if (!Array.isArray(batch) || batch.length === 0) throw typeError('utils.data.defaultCollate', `batch must be a non-empty array of samples, got ${describe(batch)}`);
  const elem = batch[0];
  if (elem instanceof Tensor) {
    for (const b of batch) if (!(b instanceof Tensor)) throw typeError('utils.data.defaultCollate', `a batch mixes Tensors with other samples: got ${describe(b)}`);
    return stack(batch as Tensor[], 0);
  }
  if (typeof elem === 'number') {
    for (const b of batch) if (typeof b !== 'number') throw typeError('utils.data.defaultCollate', `a batch mixes numbers with other samples: got ${describe(b)}`);
    // Note [Collating JS numbers].
    return tensor(batch as number[], (batch as number[]).every((x) => Number.isSafeInteger(x)) ? 'int64' : 'float64');
  }
  if (typeof elem === 'boolean') return tensor(batch as boolean[], 'bool');
  if (typeof elem === 'string') return batch;
  if (isPlainObject(elem)) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(elem)) out[key] = collate(batch.map((d) => (d as Record<string, unknown>)[key]));
    return out;
  }
  if (Array.isArray(elem)) {
    const size = elem.length;
    for (const b of batch) if (!Array.isArray(b) || b.length !== size) throw rangeError('utils.data.defaultCollate', 'each element in list of batch should be of equal size');
    return elem.map((_, i) => collate(batch.map((b) => (b as unknown[])[i])));
  }
  throw typeError('utils.data.defaultCollate', `default_collate: batch must contain tensors, numbers, booleans, strings, plain objects or arrays; found ${describe(elem)}`);
}

/**
 * Converts numbers and arrays inside a sample to tensors (no batching).
 *
 * A single sample as the DataLoader returns it without batching (batchSize null): arrays and plain objects
 * are copied field by field, everything else passes through.
 *
 * @see torch.utils.data.default_convert
 * @example
 * ```ts
 * tg.utils.data.defaultConvert([1, 2]) // => [1, 2]
 * ```
 */
export const defaultConvert = kw(signature('utils.data.defaultConvert', 'data{}'), function defaultConvert(data: unknown): unknown {
  return convert(data);
});

/** @internal defaultConvert without keyword parsing (a sample may be any plain object). */
export function convert(data: unknown): unknown {
  if (Array.isArray(data)) return data.map(convert);
  if (isPlainObject(data)) return Object.fromEntries(Object.entries(data).map(([k, v]) => [k, convert(v)]));
  return data;
}
