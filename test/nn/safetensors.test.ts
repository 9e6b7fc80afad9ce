// Saving and loading in the safetensors format: round trips of every dtype, metadata, header layout, a file
// written by PyTorch (gen_nn.py writes it by hand with struct) loaded into a tensorgrad model, and errors.
import { describe, it, expect } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tg, { Tensor } from '../../lib/index.js';
import { nnFixture, fromEnc, expectClose, FIXTURE_DIR } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'tg-safetensors-'));

describe('safetensors', () => {
  it('round-trips float32, float64, int32, bool, 0-d and empty tensors with metadata', () => {
    const tensors: Record<string, Tensor> = {
      a: tg.randn([3, 4]),
      'b.f64': tg.randn([2, 2, 2], { dtype: 'float64' }),
      c: tg.tensor([[1, -2, 2147483647]], { dtype: 'int32' }),
      d: tg.tensor([true, false, true]),
      s: tg.tensor(3.5),
      e: tg.zeros([0, 3]),
    };
    const path = join(dir, 'round.safetensors');
    tg.save(tensors, path, { metadata: { format: 'pt', note: 'hi' } });
    const back = tg.load(path);
    expect(Object.keys(back)).toEqual(Object.keys(tensors));
    for (const [k, t] of Object.entries(tensors)) {
      expect(back[k].dtype).toBe(t.dtype);
      expect(back[k].shape).toEqual(t.shape);
      expect(back[k].equal(t)).toBe(true);
    }
    expect(tg.safetensors.loadMetadata(path)).toEqual({ format: 'pt', note: 'hi' });
    expect(tg.safetensors.load).toBe(tg.load);
  });

  it('writes the documented layout: u64 LE header length, JSON header padded to 8 bytes, raw LE data', () => {
    const bytes = tg.safetensors.serialize({ w: tg.tensor([1, 2]), i: tg.tensor([7], { dtype: 'int32' }) });
    const n = Number(new DataView(bytes.buffer).getBigUint64(0, true));
    expect((8 + n) % 8).toBe(0);
    const header = JSON.parse(Buffer.from(bytes.subarray(8, 8 + n)).toString('utf8'));
    expect(header).toEqual({ w: { dtype: 'F32', shape: [2], data_offsets: [0, 8] }, i: { dtype: 'I32', shape: [1], data_offsets: [8, 12] } });
    const data = bytes.slice(8 + n);
    expect(Array.from(new Float32Array(data.buffer, 0, 2))).toEqual([1, 2]);
    expect(new Int32Array(data.buffer, 8, 1)[0]).toBe(7);
  });

  it('saves a Module (its stateDict) and loads it back into another', () => {
    const a = new tg.nn.Sequential(new tg.nn.Linear(3, 5), new tg.nn.GELU(), new tg.nn.Linear(5, 2));
    const b = new tg.nn.Sequential(new tg.nn.Linear(3, 5), new tg.nn.GELU(), new tg.nn.Linear(5, 2));
    const path = join(dir, 'model.safetensors');
    tg.save(a, path);
    b.loadStateDict(tg.load(path));
    const x = tg.randn([4, 3]);
    expect(b.call(x).equal(a.call(x))).toBe(true);
  });

  it('loads a file written by PyTorch into a tensorgrad Sequential with the same outputs', () => {
    const fx = nnFixture.safetensors;
    const sd = tg.load(join(FIXTURE_DIR, fx.file));
    expect(tg.safetensors.loadMetadata(join(FIXTURE_DIR, fx.file))).toEqual(fx.metadata);
    const model = new tg.nn.Sequential(new tg.nn.Linear(5, 4), new tg.nn.Tanh(), new tg.nn.Linear(4, 2));
    const state: Record<string, Tensor> = {};
    for (const k of Object.keys(fx.state)) state[k] = sd[k];
    model.loadStateDict(state);
    for (const [k, v] of Object.entries(fx.state)) expectClose(model.stateDict()[k], v as never, 0, 0, k);
    expectClose(model.call(fromEnc(fx.x)), fx.y, 1e-5, 1e-6, 'model output');
    for (const [k, v] of Object.entries(fx.extras)) {
      const e = v as { dtype: string; shape: number[]; data: number[] };
      expect(sd[k].dtype, k).toBe(e.dtype); // I64 loads as int64
      expect(sd[k].shape).toEqual(e.shape);
      expect(sd[k].tolist() === null ? null : (sd[k].toTypedArray() as ArrayLike<number>).length).toBe(e.data.length);
      expect(Array.from(sd[k].toTypedArray() as ArrayLike<number>, (x) => (e.dtype === 'bool' ? x !== 0 : Number(x)))).toEqual(e.data);
    }
  });

  it('rejects corrupt files with clear errors', () => {
    const good = tg.safetensors.serialize({ w: tg.tensor([1, 2, 3]) });
    expect(() => tg.safetensors.deserialize(good.slice(0, 4))).toThrow(/too small/);
    const badLen = good.slice();
    new DataView(badLen.buffer).setBigUint64(0, 1n << 40n, true);
    expect(() => tg.safetensors.deserialize(badLen)).toThrow(/invalid header length/);
    const truncated = good.slice(0, good.length - 4);
    expect(() => tg.safetensors.deserialize(truncated)).toThrow(/data_offsets/);
    const mk = (h: object, data = new Uint8Array(0)) => {
      const j = Buffer.from(JSON.stringify(h));
      const out = new Uint8Array(8 + j.length + data.length);
      new DataView(out.buffer).setBigUint64(0, BigInt(j.length), true);
      out.set(j, 8);
      out.set(data, 8 + j.length);
      return out;
    };
    expect(() => tg.safetensors.deserialize(mk({ x: { dtype: 'C64', shape: [1], data_offsets: [0, 8] } }, new Uint8Array(8)))).toThrow(/unsupported dtype C64/);
    expect(() => tg.safetensors.deserialize(mk({ x: { dtype: 'F32', shape: [3], data_offsets: [0, 8] } }, new Uint8Array(8)))).toThrow(/needs 12 bytes/);
    // I64 loads as int64, exactly (it used to be narrowed to int32, rejecting this value)
    expect(tg.safetensors.deserialize(mk({ x: { dtype: 'I64', shape: [1], data_offsets: [0, 8] } }, new Uint8Array(new BigInt64Array([1n << 40n]).buffer))).tensors.x.toBigInt64Array()).toEqual(new BigInt64Array([1n << 40n]));
    const path = join(dir, 'garbage.safetensors');
    writeFileSync(path, Buffer.concat([Buffer.from([5, 0, 0, 0, 0, 0, 0, 0]), Buffer.from('{oops')]));
    expect(() => tg.load(path)).toThrow(/not valid JSON/);
    expect(() => tg.save({ w: 3 } as never, join(dir, 'x'))).toThrow(/must be a Tensor/);
    expect(readFileSync(join(FIXTURE_DIR, nnFixture.safetensors.file)).length).toBeGreaterThan(8);
  });

  it('reads F16 and BF16 as float16 and bfloat16 (their bits kept)', () => {
    const j = Buffer.from(JSON.stringify({ h: { dtype: 'F16', shape: [3], data_offsets: [0, 6] }, b: { dtype: 'BF16', shape: [2], data_offsets: [6, 10] } }));
    const out = new Uint8Array(8 + j.length + 10);
    new DataView(out.buffer).setBigUint64(0, BigInt(j.length), true);
    out.set(j, 8);
    const dv = new DataView(out.buffer, 8 + j.length);
    [0x3c00, 0xc000, 0x3555].forEach((h, i) => dv.setUint16(2 * i, h, true)); // 1, -2, ~0.33325
    [0x3f80, 0x4049].forEach((h, i) => dv.setUint16(6 + 2 * i, h, true)); // 1, 3.140625
    const { tensors } = tg.safetensors.deserialize(out);
    expect(tensors.h.dtype).toBe('float16');
    expect(tensors.b.dtype).toBe('bfloat16');
    expect(tensors.h.tolist()).toEqual([1, -2, 0.333251953125]);
    expect(tensors.b.tolist()).toEqual([1, 3.140625]);
    expect(tensors.h.toTypedArray()).toEqual(new Uint16Array([0x3c00, 0xc000, 0x3555]));
  });
});
