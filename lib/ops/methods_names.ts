// The Tensor methods of session 8's names (prelu, resize, resizeAs, set_, isSetTo, map2_, asStridedScatter,
// symeig), declared in tensor_methods.ts.
import { Tensor, checkTensor } from '../tensor.js';
import { kwMethods } from '../kwargs.js';
import { typeError, rangeError, describe, fmtShape, underName } from '../errors.js';
import { gradMode, noGrad, record } from '../autograd/record.js';
import { checkShape, numelOf } from '../shape.js';
import { Storage, allocData } from '../storage.js';
import { dtypeCode } from '../dtype.js';
import { prelu } from './activation.js';
import * as S from './shape.js';
import * as TN from './torch_names.js';
import { mapValues } from './methods_breadth5.js';
import { userWarningOnce } from './torch_misc.js';

/** The sizes of resize(...sizes): numbers or one list. */
function sizesOf(op: string, sizes: (number | number[])[]): number[] {
  const s = sizes.length === 1 && Array.isArray(sizes[0]) ? sizes[0] : sizes;
  return checkShape(op, s as number[]);
}

/** PyTorch's deprecated non-inplace resize (torch.autograd._functions.Resize): a reshape that keeps numel. */
function resizeOf(op: string, x: Tensor, shape: number[]): Tensor {
  checkTensor(op, x);
  userWarningOnce(`non-inplace ${op === 'resize' ? 'resize' : 'resize_as'} is deprecated`);
  const n = numelOf(shape);
  if (n !== x.numel())
    throw rangeError(op, `requested resize to ${shape.join('x')} (${n} elements in total), but the given tensor has a size of ${x.shape.join('x')} (${x.numel()} elements). autograd's resize can only change the shape of a given tensor, while preserving the number of elements.`);
  // Resize.forward: a view of x's storage (x.new(x)) when x is contiguous, else of a contiguous copy; its own
  // node (ResizeBackward, the grad reshaped back), the output no view for autograd, as a Function's is not
  const out = noGrad(() => S.reshape(x.contiguous(), shape)).detach();
  return record('resize', [x], out, () => ({ shape: x.shape.slice() }));
}

/**
 * Note [set_]: x.set_(source, ...) makes x a tensor over source's storage, with source's geometry or the given
 * one; x and source then share their values (and version counter, which lives on the storage). x leaves any
 * view relation it had (its storage is another one now). A tensor that requires grad is refused while grad
 * mode is on, as PyTorch refuses set_ on a leaf that requires grad ("a leaf Variable that requires grad is
 * being used in an in-place operation"); tensorgrad does not record set_ on non-leaves either.
 */
function setImpl(x: Tensor, source?: Tensor | null, storageOffset?: number | null, size?: number[] | null, stride?: number[] | null): Tensor {
  const op = 'set_';
  checkTensor(op, x);
  if (x.requiresGrad && gradMode.enabled) throw new Error(`${op}: a tensor that requires grad (shape ${fmtShape(x.shape)}) cannot be set to another storage; call it under tg.noGrad or on x.detach()`);
  if (source === undefined || source === null) {
    // set_(): an empty tensor of x's dtype over a fresh storage
    x._box = new Storage(allocData(dtypeCode[x.dtype], 0));
    x._view = null;
    x._setGeometry([0], null, 0);
    return x;
  }
  checkTensor(op, source, 'source');
  if (source.dtype !== x.dtype) throw typeError(op, `expected source of dtype ${x.dtype} (self's), got ${source.dtype} (shape ${fmtShape(source.shape)})`);
  let shape = source.shape.slice(), strides: number[] | null = source.stride(), offset = source.storageOffset();
  if (storageOffset !== undefined && storageOffset !== null || size !== undefined && size !== null) {
    if (size === undefined || size === null) throw typeError(op, 'set_(source, storageOffset, size, stride): size is required with a storage offset');
    // the geometry is checked by asStrided over the same storage (bounds included)
    const v = underName(op, ['asStrided'], () => noGrad(() => S.asStrided(source.detach(), size, stride ?? contiguous(size), storageOffset ?? 0)))();
    shape = v.shape.slice();
    strides = v.stride();
    offset = v.storageOffset();
  }
  x._box = source._box;
  x._view = null;
  x._setGeometry(shape, strides, offset);
  x._box.version++;
  return x;
}
function contiguous(shape: number[]): number[] {
  const s = new Array<number>(shape.length);
  for (let i = shape.length - 1, k = 1; i >= 0; i--) s[i] = k, k *= Math.max(shape[i] as number, 1);
  return s;
}

const methods: ThisType<Tensor> = {
  prelu(weight: Tensor): Tensor { return underName('prelu', ['nn.functional.prelu'], prelu)(this, weight); },
  resize(...sizes: (number | number[])[]): Tensor { return resizeOf('resize', this, sizesOf('resize', sizes)); },
  resizeAs(tensor: Tensor): Tensor {
    checkTensor('resizeAs', tensor, 'tensor');
    return resizeOf('resizeAs', this, tensor.shape.slice());
  },
  set_(source?: Tensor | null, storageOffset?: number | null, size?: number[] | null, stride?: number[] | null): Tensor {
    return setImpl(this, source, storageOffset, size, stride);
  },
  isSetTo(tensor: Tensor): boolean {
    checkTensor('isSetTo', this);
    checkTensor('isSetTo', tensor, 'tensor');
    return this._box === tensor._box && this.storageOffset() === tensor.storageOffset() && this.shape.join() === tensor.shape.join()
      && this.stride().join() === tensor.stride().join();
  },
  map2_(x: Tensor, y: Tensor, callable: (a: number | boolean, b: number | boolean, c: number | boolean) => unknown): Tensor {
    const op = 'map2_';
    for (const [name, t] of [['x', x], ['y', y]] as const) {
      if (!(t instanceof Tensor)) throw typeError(op, `${name} must be a Tensor, got ${describe(t)}`);
      if (t.dtype !== this.dtype) throw typeError(op, `expected ${name} of dtype ${this.dtype} (self's), got ${t.dtype} (shape ${fmtShape(t.shape)})`);
    }
    if (typeof callable !== 'function') throw typeError(op, `expected a function, got ${describe(callable)}`);
    const shape = this.shape;
    const at = (t: Tensor): ArrayLike<number | bigint> => {
      if (t.ndim > shape.length || t.shape.some((n, i) => n !== 1 && n !== shape[shape.length - t.ndim + i]))
        throw rangeError(op, `a tensor of shape ${fmtShape(t.shape)} does not broadcast to self's shape ${fmtShape(shape)}`);
      return noGrad(() => S.expand(t, shape))._data as ArrayLike<number | bigint>;
    };
    const a = at(x), b = at(y), val = (d: ArrayLike<number | bigint>, i: number): number | boolean => (this.dtype === 'bool' ? d[i] !== 0 : Number(d[i]));
    return mapValues(op, this, (v, i) => callable(v, val(a, i), val(b, i)));
  },
  asStridedScatter(src: Tensor, size: number[], stride: number[], storageOffset?: number | null): Tensor {
    return TN.asStridedScatter(this, src, size, stride, storageOffset ?? null);
  },
  symeig(eigenvectors?: boolean, upper?: boolean): TN.Symeig { return TN.symeig(this, eigenvectors ?? false, upper ?? false); },
};
for (const [name, desc] of Object.entries(Object.getOwnPropertyDescriptors(methods))) Object.defineProperty(Tensor.prototype, name, { ...desc, enumerable: false });

kwMethods(Tensor.prototype, 'Tensor', {
  prelu: 'weight', resize: '...sizes', resizeAs: 'tensor', set_: 'storage, offset, size, stride', isSetTo: 'tensor',
  map2_: 'x, y, callable', asStridedScatter: 'src, size, stride, storageOffset', symeig: 'eigenvectors, upper',
});
// NOTE: storage objects are not public in tensorgrad (tg.isStorage), so set_'s first argument (PyTorch's names:
// storage, offset, size, stride) is a tensor whose storage is taken: PyTorch's set_(t.storage(), offset, size,
// stride) is set_(t, offset, size, stride).
