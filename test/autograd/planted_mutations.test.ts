// Planted mutations: wrong derivative formulas, put into the table at runtime, that the suite's own checking
// procedures (test/helpers/op_suite.ts: gradcheck on both branches, gradgradcheck, createGraph vs plain grads,
// PyTorch fixture replays with and without createGraph) must catch. If a check is weakened so that one of these
// slips through, this file fails. The first group is the audit of issue 22: each of these once passed every test.
import { afterEach, describe, expect, it } from 'vitest';
import tg, { Tensor } from '../../lib/index.js';
import { D } from '../../lib/autograd/derivatives.js';
import type { Derivative, Formula } from '../../lib/autograd/function_node.js';
import { gradMode } from '../../lib/autograd/grad_mode.js';
import { checkCase, checkCaseCreateGraph, FIXTURE } from '../helpers/ops_fixture.js';
import { specCreateGraphGrads, specGradcheck, specGradgradcheck } from '../helpers/op_suite.js';
import { GRADCHECK } from '../ops/gradcheck_specs.js';
import { specsMissingRow } from '../helpers/row_identity.js';

type Row = keyof typeof D;
type Check = 'gradcheck' | 'gradgradcheck' | 'createGraphGrads' | 'fixture' | 'fixtureCreateGraph';
type Mutate = (orig: Formula<any>) => Formula<any>;

/** Runs one of the suite's procedures over every spec / fixture case of the rows; returns what failed. */
function failures(check: Check, rows: Row[]): string[] {
  const failed: string[] = [];
  const attempt = (id: string, f: () => void) => {
    try {
      f();
    } catch {
      failed.push(id);
    }
  };
  for (const row of rows) {
    if (check === 'fixture' || check === 'fixtureCreateGraph') {
      for (const c of FIXTURE.cases) {
        if (c.row !== row || c.grads === undefined) continue;
        attempt(c.id, () => (check === 'fixture' ? checkCase(c) : checkCaseCreateGraph(c)));
      }
    } else {
      const run = { gradcheck: specGradcheck, gradgradcheck: specGradgradcheck, createGraphGrads: specCreateGraphGrads }[check];
      GRADCHECK[row].forEach((s, i) => attempt(`${row}#${i}`, () => run(s)));
    }
  }
  return failed;
}

const restores: (() => void)[] = [];
afterEach(() => {
  while (restores.length > 0) restores.pop()!();
});

/** Replaces formula i of a row (its grads array, which FunctionNode reads at backward time) until the test ends. */
function plant(row: Row, i: number, mutate: Mutate): void {
  const d = D[row] as Derivative;
  if (d.variadic !== undefined) {
    // A row with any number of inputs has one formula taking the input's index: mutate it for input i only.
    const orig = d.variadic;
    const mutated = mutate((g, s) => orig(g, s, i));
    (d as { variadic?: Derivative['variadic'] }).variadic = (g, s, k) => (k === i ? mutated(g, s, []) : orig(g, s, k));
    restores.push(() => ((d as { variadic?: Derivative['variadic'] }).variadic = orig));
    return;
  }
  const grads = d.grads as Formula<any>[];
  const orig = grads[i];
  grads[i] = mutate(orig);
  restores.push(() => (grads[i] = orig));
}

/** The formula's createGraph branch (taken when a graph is being built) times 2; the plain branch unchanged. */
const doubleWhenGraph: Mutate = (orig) => (g, s, gs) => {
  const r = orig(g, s, gs);
  return r !== null && gradMode.enabled ? r.mul(2) : r;
};

/** Elements of `self` that are 0 and whose slice (all of self, or along dims[0]) has `count(n)` zeros. */
function zerosWhere(s: { self: Tensor; dims?: number[] }, count: (n: Tensor) => Tensor): Tensor {
  const z = s.self.eq(0).to(s.self.dtype);
  const n = s.dims && s.dims.length > 0 ? z.sum(s.dims[0], true) : z.sum();
  return z.mul(count(n).to(s.self.dtype));
}

interface Mutation {
  what: string;
  plant: () => void;
  rows: Row[];
  /** Each of these procedures must fail for at least one spec / case. */
  caughtBy: Check[];
}

const createGraphDoubled = (row: Row, i: number, rows: Row[] = [row]): Mutation => ({
  what: `${row} formula ${i}: createGraph branch times 2`,
  plant: () => plant(row, i, doubleWhenGraph),
  rows,
  caughtBy: ['gradcheck', 'gradgradcheck', 'createGraphGrads', 'fixtureCreateGraph'],
});

const AUDIT: Mutation[] = [
  createGraphDoubled('mm', 0),
  createGraphDoubled('mm', 1),
  createGraphDoubled('mv', 1),
  createGraphDoubled('bmm', 0),
  createGraphDoubled('bmm', 1),
  createGraphDoubled('nnLinear', 2),
  createGraphDoubled('nnLinearNoBias', 1),
  ...(['prod', 'prodDim'] as const).map((row) => ({
    what: `${row}: the zero of a slice with exactly one zero gets grad 0 (as with several zeros)`,
    plant: () =>
      plant(row, 0, (orig) => (g, s, gs) => {
        const r = orig(g, s, gs) as Tensor;
        return r.mul(zerosWhere(s, (n) => n.eq(1)).neg().add(1));
      }),
    rows: [row],
    caughtBy: ['gradcheck', 'fixture', 'fixtureCreateGraph'] as Check[],
  })),
  ...(['prod', 'prodDim'] as const).map((row) => ({
    what: `${row}: the zeros of a slice with several zeros get a non-zero grad`,
    plant: () => plant(row, 0, (orig) => (g, s, gs) => (orig(g, s, gs) as Tensor).add(zerosWhere(s, (n) => n.ge(2)))),
    rows: [row],
    caughtBy: ['gradcheck', 'fixture', 'fixtureCreateGraph'] as Check[],
  })),
  ...(['split', 'splitWithSizes'] as const).map((row) => ({
    what: `${row}: chunks that got no grad get ones instead of zeros`,
    plant: () =>
      plant(row, 0, (orig) => (g, s: { shape: number[]; dim: number; sizes: number[]; dtype: Tensor['dtype'] }, gs) =>
        orig(
          g,
          s,
          gs.map((x, i) => x ?? tg.ones(s.shape.map((n, d) => (d === s.dim ? s.sizes[i] : n)), { dtype: s.dtype })),
        ),
      ),
    rows: [row],
    caughtBy: ['gradcheck', 'fixture', 'fixtureCreateGraph'] as Check[],
  })),
  {
    what: 'norm(p=0): grad of ones instead of none',
    plant: () => plant('norm', 0, (orig) => (g, s: { p: number; self: Tensor }, gs) => (s.p === 0 ? tg.onesLike(s.self) : orig(g, s, gs))),
    rows: ['norm'],
    caughtBy: ['gradcheck', 'fixture', 'fixtureCreateGraph'],
  },
  {
    what: 'norm(p=0): zeros instead of no grad (the behavior before issue 22)',
    plant: () => plant('norm', 0, (orig) => (g, s: { p: number; self: Tensor }, gs) => (s.p === 0 ? tg.zerosLike(s.self) : orig(g, s, gs))),
    rows: ['norm'],
    caughtBy: ['fixture', 'fixtureCreateGraph'],
  },
];

describe('planted mutations from the issue 22 audit are caught', () => {
  const rows = [...new Set(AUDIT.flatMap((m) => m.rows))];
  const checks = [...new Set(AUDIT.flatMap((m) => m.caughtBy))];
  it('control: unplanted, every procedure passes for these rows', () => {
    for (const c of checks) expect(failures(c, rows), c).toEqual([]);
  });
  for (const m of AUDIT) {
    it(m.what, () => {
      m.plant();
      for (const c of m.caughtBy) expect(failures(c, m.rows).length, `${c} did not catch it`).toBeGreaterThan(0);
    });
  }
});

/** Replaces output i of a row's fused kernel (the plain branch of mul/div/pow) until the test ends. */
function plantFused(row: Row, i: number, mutate: (t: Tensor) => Tensor): void {
  const d = D[row] as { fused?: Derivative['fused'] };
  const orig = d.fused;
  if (orig === undefined) return;
  d.fused = (g, s, needs) => {
    const r = orig(g, s, needs);
    return r === null ? null : r.map((t, k) => (k === i && t !== null ? mutate(t) : t));
  };
  restores.push(() => (d.fused = orig));
}

const skew = (t: Tensor): Tensor => t.mul(2).add(0.5);

/** Every formula of every row; a row with any number of inputs (cat, stack) once per input its specs have. */
const FORMULAS: [Row, number][] = (Object.keys(D) as Row[]).flatMap((row) => {
  const d = D[row] as Derivative;
  if (d.variadic !== undefined) {
    const n = Math.max(...GRADCHECK[row].map((s) => s.inputs().length));
    return Array.from({ length: n }, (_, i) => [row, i] as [Row, number]);
  }
  // (a not_implemented formula, igamma's input, computes nothing to skew: it throws)
  return d.grads.map((f, i) => [row, i] as [Row, number]).filter(([, i]) => d.grads[i] != null && !('notImplemented' in d.grads[i]!));
});

describe('every formula, skewed (x2 + 0.5), is caught', () => {
  it('covers every row', () => {
    expect(new Set(FORMULAS.map(([row]) => row)).size).toBe(Object.keys(D).length);
  });
  for (const [row, i] of FORMULAS) {
    it(`${row} formula ${i}: on the createGraph branch only, by createGraph vs plain grads and by gradcheck`, () => {
      plant(row, i, (orig) => (g, s, gs) => {
        const r = orig(g, s, gs);
        return r !== null && gradMode.enabled ? skew(r) : r;
      });
      expect(failures('createGraphGrads', [row]).length, 'createGraphGrads did not catch it').toBeGreaterThan(0);
      expect(failures('gradcheck', [row]).length, 'gradcheck did not catch it').toBeGreaterThan(0);
    });
    it(`${row} formula ${i}: on both branches, by gradcheck`, () => {
      plant(row, i, (orig) => (g, s, gs) => {
        const r = orig(g, s, gs);
        return r === null ? r : skew(r);
      });
      plantFused(row, i, skew);
      expect(failures('gradcheck', [row]).length, 'gradcheck did not catch it').toBeGreaterThan(0);
    });
  }
});

describe('a dead row is caught by the completeness test (by identity, not name)', () => {
  it("a copy of mm's row that no op records, given mm's specs, is reported; mm itself is not", () => {
    // The audit of issue 22: a check by node name passed such a row, since its specs' graphs hold an
    // MmBackward0 node (mm's own row).
    const table = D as unknown as Record<string, Derivative>;
    table.mmDead = { ...table.mm };
    GRADCHECK.mmDead = GRADCHECK.mm;
    restores.push(() => {
      delete table.mmDead;
      delete GRADCHECK.mmDead;
    });
    expect(table.mmDead.name).toBe(table.mm.name);
    expect(specsMissingRow('mm')).toEqual([]);
    expect(specsMissingRow('mmDead')).toEqual(GRADCHECK.mm.map((_, i) => i));
  });
});
