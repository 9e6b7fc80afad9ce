// PyTorch's named tuples (torch.return_types.max, .sort, .aminmax, ...): the fields as an array, in order, that
// also has each field by name and prints as Python's structseq repr, so `print(x.max(1))` ports unchanged.
import type { Tensor } from '../tensor.js';

const kInspect = Symbol.for('nodejs.util.inspect.custom');

/**
 * `[a, b]` with non-enumerable `.fieldA`, `.fieldB` and a toString (and util.inspect) of
 * `torch.return_types.<name>(\nfieldA=<repr>,\nfieldB=<repr>)`, PyTorch's repr to the character.
 */
export function namedTuple<R>(name: string, fields: readonly [string, string], values: readonly [Tensor, Tensor]): R {
  const r = [values[0], values[1]];
  const repr = (): string => `torch.return_types.${name}(\n${fields.map((f, i) => `${f}=${String(values[i])}`).join(',\n')})`;
  Object.defineProperty(r, fields[0], { value: values[0], enumerable: false });
  Object.defineProperty(r, fields[1], { value: values[1], enumerable: false });
  Object.defineProperty(r, 'toString', { value: repr, enumerable: false });
  Object.defineProperty(r, kInspect, { value: repr, enumerable: false });
  return r as unknown as R;
}
