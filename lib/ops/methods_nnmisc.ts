// The Tensor methods of session 7's torch.* names (lib/ops/torch_misc.ts), declared in tensor_methods.ts.
import { Tensor, checkTensor } from '../tensor.js';
import { kwMethods } from '../kwargs.js';
import { typeError, describe, underName } from '../errors.js';
import type { DType } from '../dtype.js';
import * as TM from './torch_misc.js';
import * as C from './creation.js';

const methods: ThisType<Tensor> = {
  unsafeChunk(chunks: number, dim?: number): Tensor[] { return TM.unsafeChunk(this, chunks, dim); },
  unsafeSplit(splitSize: number, dim?: number): Tensor[] { return TM.unsafeSplit(this, splitSize, dim); },
  unsafeSplitWithSizes(splitSizes: number[], dim?: number): Tensor[] { return TM.unsafeSplitWithSizes(this, splitSizes, dim); },
  elementSize(): number { checkTensor('elementSize', this); return TM.ELEMENT_SIZE[this.dtype]; },
  newEmptyStrided(size: number[], stride: number[], dtype?: DType | null, requiresGrad?: boolean): Tensor {
    checkTensor('newEmptyStrided', this);
    return underName('newEmptyStrided', ['emptyStrided'], TM.emptyStrided)(size, stride, dtype ?? this.dtype, requiresGrad ?? false);
  },
  // PyTorch's legacy constructor: x.new() (0 elements), x.new(2, 3) (uninitialized), x.new([1, 2]) (data), x.new(t) (t's data)
  new(...args: unknown[]): Tensor {
    checkTensor('new', this);
    return underName('new', ['tensor', 'zeros'], newImpl).call(this, args);
  },
};
function newImpl(this: Tensor, args: unknown[]): Tensor {
  if (args.length === 1 && args[0] instanceof Tensor) {
    const t = args[0];
    if (t.dtype !== this.dtype) throw typeError('new', `expected a tensor of dtype ${this.dtype} (the legacy constructor's type), got ${t.dtype}`);
    return t.detach();
  }
  if (args.length === 1 && (Array.isArray(args[0]) || ArrayBuffer.isView(args[0]))) return C.tensor(args[0] as number[], { dtype: this.dtype });
  const size = args.length === 0 ? [0] : args;
  if (!size.every((s) => typeof s === 'number' && Number.isInteger(s) && s >= 0)) throw typeError('new', `expected sizes (non-negative integers), a list of data or a tensor, got ${describe(args)}`);
  return C.zeros(size as number[], { dtype: this.dtype });
}
for (const [name, desc] of Object.entries(Object.getOwnPropertyDescriptors(methods))) Object.defineProperty(Tensor.prototype, name, { ...desc, enumerable: false });

kwMethods(Tensor.prototype, 'Tensor', {
  unsafeChunk: 'chunks, dim', unsafeSplit: 'splitSize, dim', unsafeSplitWithSizes: 'splitSizes, dim', elementSize: '',
  newEmptyStrided: 'size, stride, dtype, requiresGrad',
});
// NOTE: Tensor.new takes no options object (not kw-wrapped): a single list is data and several numbers are sizes,
// which a '...args' signature would merge (x.new([4, 5]) would read as x.new(4, 5)).
