// PyTorch's dtype spellings (lib/dtypes_public.ts) create tensors of that dtype; an unknown name is refused by
// name. Before the names existed, `{ dtype: tg.float16 }` read undefined, which creation ops take as "the
// default", and silently gave float32.
import { describe, expect, it } from 'vitest';
import tg from '../../lib/index.js';

describe('tg.float64 and the other dtype names', () => {
  it('the supported spellings create their dtype', () => {
    const want: Array<[string, string]> = [[tg.float32, 'float32'], [tg.float, 'float32'], [tg.float64, 'float64'], [tg.double, 'float64'],
      [tg.int64, 'int64'], [tg.long, 'int64'], [tg.int32, 'int32'], [tg.int, 'int32'], [tg.bool, 'bool']];
    for (const [name, dtype] of want) {
      expect(tg.zeros([2], { dtype: name as 'float32' }).dtype).toBe(dtype);
      expect(tg.ones([2]).to(name as 'float32').dtype).toBe(dtype);
    }
  });
  it('the small dtypes\' spellings create their dtype too (they were refused by name before they existed)', () => {
    const want: Array<[string, string]> = [[tg.float16, 'float16'], [tg.half, 'float16'], [tg.bfloat16, 'bfloat16'],
      [tg.int16, 'int16'], [tg.short, 'int16'], [tg.int8, 'int8'], [tg.uint8, 'uint8']];
    for (const [name, dtype] of want) {
      expect(tg.zeros([2], { dtype: name as 'float32' }).dtype).toBe(dtype);
      expect(tg.ones([2]).to(name as 'float32').dtype).toBe(dtype);
    }
  });
  it('an unknown dtype name is refused, naming the op', () => {
    expect(() => tg.zeros([2], { dtype: 'complex64' as 'float32' })).toThrow(/^zeros: unknown dtype complex64/);
    expect(() => tg.ones([2]).to('uint16' as 'float32')).toThrow(/^to: unknown dtype uint16/);
  });
});
