// Differences from PyTorch 1.13 that the line-by-line ports (examples/ports/) found, each with its regression
// test; PyTorch's output comes from test/fixtures/gen/gen_ports.py (ports.json).
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inspect } from 'node:util';
import tg from '../../lib/index.js';

const FIX = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'ports.json'), 'utf8')) as {
  named_tuples: Record<string, string>;
};

describe('named tuples print as torch.return_types (buildmodel port: print(logits.max(1)))', () => {
  const x = tg.tensor([[1, 5, 2], [7, 3, 7]], { requiresGrad: true });
  const d = x.detach();
  const cases: Record<string, () => unknown> = {
    max: () => x.max(1),
    min_keepdim: () => x.min(1, true),
    sort: () => d.sort(1, true),
    topk: () => d.topk(2),
    kthvalue: () => d.kthvalue(2, 1),
    median: () => d.median(1),
    mode: () => d.mode(1),
    cummax: () => d.cummax(1),
    cummin: () => d.cummin(0),
    aminmax: () => tg.aminmax(d, { dim: 0 }),
    max_3d: () => tg.arange(24).reshape(2, 3, 4).max(0),
  };
  for (const [name, make] of Object.entries(cases)) {
    it(name, () => {
      const r = make();
      expect(String(r)).toBe(FIX.named_tuples[name]);
      expect(inspect(r)).toBe(FIX.named_tuples[name]);
    });
  }
  it('stays a two-element array with the fields by name', () => {
    const r = d.max(1);
    expect(Array.isArray(r)).toBe(true);
    expect(r.length).toBe(2);
    expect(r[0]).toBe(r.values);
    expect(r[1]).toBe(r.indices);
    expect(Object.keys(r)).toEqual(['0', '1']);
    const [lo, hi] = tg.aminmax(d);
    expect([lo.item(), hi.item()]).toEqual([1, 7]);
  });
});

describe('x.device (tensorqs port: print(f"Device tensor is stored on: {tensor.device}"))', () => {
  it("is 'cpu' for every tensor, as str(torch.device) prints", () => {
    expect(`${tg.rand(3, 4).device}`).toBe('cpu');
    expect(tg.ones(2, { dtype: 'int64' }).t().device).toBe('cpu');
  });
});

describe("out= (tensorqs port: torch.matmul(a, b, out=y3)) is refused with the way to port it", () => {
  it('names the function and the workaround', () => {
    const a = tg.ones(2, 2);
    expect(() => tg.matmul(a, a, { out: tg.zeros(2, 2) } as never)).toThrow(
      /^matmul\(\) got an unexpected keyword argument 'out' \(tensorgrad has no out=: use the returned tensor, or out\.copy_\(result\)\)/);
    expect(() => a.add(a, { out: a } as never)).toThrow(/'out' \(tensorgrad has no out=/);
    // other unknown names keep the plain message
    expect(() => tg.matmul(a, a, { outt: 1 } as never)).toThrow(/'outt' \(accepted: input, other\)$/);
  });
});
