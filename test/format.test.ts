import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { formatTensor, printOptions } from '../lib/format.js';
import type { DTypeName, PrintOptions } from '../lib/format.js';

type RawValue = number | boolean | string;

interface RawCase {
  name: string;
  dtype: DTypeName;
  shape: number[];
  data: RawValue[];
  suffixes: string[];
  options?: Partial<Record<keyof PrintOptions, number | boolean | string | null>>;
  expected: string;
}

const fixturePath = fileURLToPath(new URL('./fixtures/print_format.json', import.meta.url));
const cases = JSON.parse(readFileSync(fixturePath, 'utf8')) as RawCase[];

const DEFAULTS: PrintOptions = { ...printOptions };

function decodeValue(v: RawValue): number | boolean {
  if (typeof v === 'string') {
    switch (v) {
      case 'inf': return Infinity;
      case '-inf': return -Infinity;
      case 'nan': return NaN;
      case '-0': return -0;
      default: throw new Error(`unknown encoded value ${v}`);
    }
  }
  return v;
}

function decodeOptions(raw: NonNullable<RawCase['options']>): Partial<PrintOptions> {
  const out: Partial<PrintOptions> = {};
  for (const [k, v] of Object.entries(raw)) {
    const value = v === 'inf' ? Infinity : v;
    (out as Record<string, unknown>)[k] = value;
  }
  return out;
}

function resetOptions(): void {
  Object.assign(printOptions, DEFAULTS);
}

function withOptions<T>(opts: Partial<PrintOptions>, fn: () => T): T {
  Object.assign(printOptions, opts);
  try {
    return fn();
  } finally {
    resetOptions();
  }
}

afterEach(resetOptions);

describe('formatTensor matches PyTorch 1.13 str(t)', () => {
  it('has fixtures', () => {
    expect(cases.length).toBeGreaterThanOrEqual(150);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const data = c.data.map(decodeValue);
    const run = (): string => formatTensor(data, c.shape, c.dtype, c.suffixes);
    const got = c.options ? withOptions(decodeOptions(c.options), run) : run();
    expect(got).toBe(c.expected);
  });
});

describe('printOptions', () => {
  it('has PyTorch defaults', () => {
    expect(DEFAULTS).toEqual({ precision: 4, threshold: 1000, edgeitems: 3, linewidth: 80, sciMode: null });
  });

  it('precision changes the number of decimals', () => {
    printOptions.precision = 2;
    expect(formatTensor([1.12345], [1], 'float32')).toBe('tensor([1.12])');
    resetOptions();
    expect(formatTensor([1.12345], [1], 'float32')).toBe('tensor([1.1235])');
  });

  it('threshold triggers summarization', () => {
    printOptions.threshold = 5;
    const data = Array.from({ length: 10 }, (_, i) => i);
    expect(formatTensor(data, [10], 'int32')).toBe('tensor([0, 1, 2,  ..., 7, 8, 9], dtype=torch.int32)');
  });

  it('sciMode forces or forbids scientific notation', () => {
    printOptions.sciMode = true;
    expect(formatTensor([0.5, 2], [2], 'float32')).toBe('tensor([5.0000e-01, 2.0000e+00])');
    printOptions.sciMode = false;
    expect(formatTensor([1, 1e10], [2], 'float32')).toBe('tensor([        1., 10000000000.])');
    printOptions.sciMode = null;
    expect(formatTensor([1, 1e10], [2], 'float32')).toBe('tensor([1.0000e+00, 1.0000e+10])');
  });

  it('linewidth controls wrapping', () => {
    printOptions.linewidth = 30;
    expect(formatTensor([1.5, 2.5, 3.5, 4.5, 5.5], [5], 'float32')).toBe(
      'tensor([1.5000, 2.5000,\n        3.5000, 4.5000,\n        5.5000])',
    );
  });

  it('booleans may be given as true/false or 0/1', () => {
    expect(formatTensor([true, false], [2], 'bool')).toBe('tensor([ True, False])');
    expect(formatTensor([1, 0], [2], 'bool')).toBe('tensor([ True, False])');
    expect(formatTensor([true], [], 'bool', ['requires_grad=True'])).toBe('tensor(True, requires_grad=True)');
  });
});
