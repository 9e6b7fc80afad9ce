// Bad input to the convolutions, unfold/fold and pad: a TypeError/RangeError that starts with the op's name
// and shows PyTorch 1.13's message content with both shapes (conv.json's may_raise cases check that PyTorch
// raises too). Never a crash or a silent wrong answer.
import { describe, expect, it } from 'vitest';
import tg from '../../lib/index.js';

const F = tg.nn.functional;
const r = (...shape: number[]) => tg.randn(shape);

describe('conv errors', () => {
  it('wrong input rank names the op and both shapes', () => {
    expect(() => F.conv2d(r(2, 3), r(4, 3, 3, 3))).toThrow(/^conv2d: Expected 3D \(unbatched\) or 4D \(batched\) input to conv2d, but got input of size: \[2, 3\] \(weight of size \[4, 3, 3, 3\]\)$/);
    expect(() => F.conv1d(r(1, 2, 3, 4), r(4, 2, 3))).toThrow(/^conv1d: Expected 2D \(unbatched\) or 3D \(batched\) input to conv1d, but got input of size: \[1, 2, 3, 4\]/);
    expect(() => F.conv3d(r(2, 3, 4), r(4, 2, 3, 3, 3))).toThrow(/^conv3d: Expected 4D \(unbatched\) or 5D \(batched\) input to conv3d, but got input of size: \[2, 3, 4\]/);
    expect(() => F.conv2d(r(1, 3, 5, 5), r(4, 3, 3))).toThrow(/^conv2d: expected a 4-D weight for input of size \[1, 3, 5, 5\], but got weight of size \[4, 3, 3\]/);
    expect(() => F.convTranspose2d(r(3, 5), r(3, 2, 3, 3))).toThrow(/^convTranspose2d: Expected 3D \(unbatched\) or 4D \(batched\) input/);
  });

  it('wrong channel count', () => {
    expect(() => F.conv2d(r(1, 2, 5, 5), r(4, 3, 3, 3))).toThrow(/^conv2d: Given groups=1, weight of size \[4, 3, 3, 3\], expected input\[1, 2, 5, 5\] to have 3 channels, but got 2 channels instead$/);
    expect(() => F.conv2d(r(2, 5, 5), r(4, 3, 3, 3))).toThrow(/expected input\[1, 2, 5, 5\] to have 3 channels/);
    expect(() => F.convTranspose2d(r(1, 3, 5, 5), r(2, 4, 3, 3))).toThrow(/^convTranspose2d: Given transposed=1, weight of size \[2, 4, 3, 3\], expected input\[1, 3, 5, 5\] to have 2 channels, but got 3 channels instead$/);
  });

  it('a kernel larger than the padded input', () => {
    expect(() => F.conv2d(r(1, 3, 2, 2), r(4, 3, 3, 3))).toThrow(/^conv2d: Calculated padded input size per channel: \(2 x 2\)\. Kernel size: \(3 x 3\)\. Kernel size can't be greater than actual input size \(input \[1, 3, 2, 2\], weight \[4, 3, 3, 3\]\)$/);
    expect(() => F.conv1d(r(1, 1, 4), r(1, 1, 3), null, 1, 0, 2)).toThrow(/^conv1d: Calculated padded input size per channel: \(4\)\. Kernel size: \(5\)/);
    expect(F.conv1d(r(1, 1, 4), r(1, 1, 3), null, 1, 1, 2).shape).toEqual([1, 1, 2]); // padding makes it fit
  });

  it('groups not dividing the channels', () => {
    expect(() => F.conv2d(r(1, 3, 5, 5), r(4, 3, 3, 3), null, 1, 0, 1, 2)).toThrow(/^conv2d: Given groups=2, weight of size \[4, 3, 3, 3\], expected input\[1, 3, 5, 5\] to have 6 channels, but got 3 channels instead$/);
    expect(() => F.conv2d(r(1, 4, 5, 5), r(3, 2, 3, 3), { groups: 2 })).toThrow(/^conv2d: Given groups=2, expected weight to be divisible by 2 at dimension 0, but got weight of size \[3, 2, 3, 3\] instead \(input of size \[1, 4, 5, 5\]\)$/);
    expect(() => F.conv2d(r(1, 4, 5, 5), r(4, 2, 3, 3), { groups: 0 })).toThrow(/^conv2d: non-positive groups is not supported/);
  });

  it('bad stride, padding, dilation, bias and dtypes', () => {
    const x = r(1, 3, 5, 5), w = r(4, 3, 3, 3);
    expect(() => F.conv2d(x, w, null, 0)).toThrow(/^conv2d: non-positive stride is not supported/);
    expect(() => F.conv2d(x, w, null, 1, -1)).toThrow(/^conv2d: negative padding is not supported/);
    expect(() => F.conv2d(x, w, null, [1, 1, 1])).toThrow(/^conv2d: expected stride to be a single integer value or a list of 2 values to match the convolution dimensions, but got stride=\[1, 1, 1\]/);
    expect(() => F.conv2d(x, w, null, 2, 'same')).toThrow(/^conv2d: padding='same' is not supported for strided convolutions/);
    expect(() => F.conv2d(x, w, null, 1, 'full' as 'same')).toThrow(/^conv2d: Invalid padding string 'full'/);
    expect(() => F.conv2d(x, w, r(3))).toThrow(/^conv2d: Given weight of size \[4, 3, 3, 3\], expected bias to be 1-dimensional with 4 elements, but got bias of size \[3\] instead$/);
    expect(() => F.conv2d(x, w.double())).toThrow(TypeError);
    expect(() => F.conv2d(x, w.double())).toThrow(/^conv2d: expected weight to have the input's dtype float32/);
    expect(() => F.conv2d(x.int(), w)).toThrow(/^conv2d: expected a floating point input, got int32/);
    expect(() => F.convTranspose2d(r(1, 3, 5, 5), r(3, 4, 3, 3), null, 2, 0, 2)).toThrow(/^convTranspose2d: output padding must be smaller than either stride or dilation/);
  });

  it('unfold, fold and pad', () => {
    expect(() => F.unfold(r(3, 5), 2)).toThrow(/^unfold: Expected 3D or 4D \(batch mode\) tensor .* input of size \[3, 5\]/);
    expect(() => F.unfold(r(1, 1, 2, 2), 3)).toThrow(/^unfold: Given input with spatial size \[2, 2\]/);
    expect(() => F.fold(r(1, 12, 8), [4, 4], 2)).toThrow(/^fold: Given output_size=\[4, 4\].* but got input.size\(2\)=8 \(input \[1, 12, 8\]\)/);
    expect(() => F.fold(r(1, 10, 9), [4, 4], 2)).toThrow(/^fold: Expected size of input's dimension 1 to be divisible by the product of kernel_size/);
    expect(() => F.pad(r(1, 3, 5), [1, 0, 1])).toThrow(/^pad: Padding length must be divisible by 2/);
    expect(() => F.pad(r(3), [1, 1, 1, 1])).toThrow(/^pad: Padding length too large/);
    expect(() => F.pad(r(1, 3, 5), [5, 0], 'reflect')).toThrow(/^pad: Padding size should be less than the corresponding input dimension, but got: padding \(5, 0\) at dimension 2 of input \[1, 3, 5\]$/);
    expect(() => F.pad(r(5), [1, 0], 'reflect')).toThrow(/^pad: reflect padding of 1 dim\(s\) expects a 2D \(unbatched\) or 3D \(batched\) input, but got input of size \[5\]/);
    expect(() => F.pad(r(1, 2, 3), [4, 0], 'circular')).toThrow(/^pad: Padding value causes wrapping around more than once/);
    expect(() => F.pad(r(2, 3), [-2, -2])).toThrow(/^pad: The input size 3, plus negative padding -2 and -2 resulted in a negative output size/);
    expect(() => F.pad(r(2, 3), [1, 1], 'edge' as 'reflect')).toThrow(/^pad: Unrecognised padding mode/);
    expect(() => F.pad(r(1, 2, 3), [1, 1], 'reflect', 2)).toThrow(/^pad: Padding mode "reflect" doesn't take in value argument/);
  });

  it('the native binding re-checks sizes (a forged geometry is an error, not a crash)', async () => {
    const { native } = await import('../../lib/native.js');
    const x = new Float32Array(16), w = new Float32Array(8);
    expect(() => native.convForward(x, w, null, [1, 2, 1, 1, 1, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 1, 1, 1])).toThrow(/conv: input has 16 elements, expected 8/);
    expect(() => native.im2col(x, [1, 1, 1, 0, 1, 1, 8, 1, 1, 1, 1, 1, 8, 1, 1, 1, 0, 0, 0, 1, 1, 1])).toThrow(/im2col: bad groups 0/);
  });
});
