// PyTorch's dtype spellings (lib/dtypes_public.ts): the supported ones create tensors of that dtype; the ones
// tensorgrad lacks are refused by name. Before they existed, `{ dtype: tg.float16 }` read undefined, which
// creation ops take as "the default", and silently gave float32.
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
  it('the unsupported ones throw, naming the op and the dtype', () => {
    for (const name of [tg.float16, tg.half, tg.bfloat16, tg.int16, tg.short, tg.int8, tg.uint8]) {
      expect(() => tg.zeros([2], { dtype: name as 'float32' })).toThrow(new RegExp(`^zeros: unknown dtype ${name}`));
      expect(() => tg.ones([2]).to(name as 'float32')).toThrow(new RegExp(`^to: unknown dtype ${name}`));
    }
  });
});
