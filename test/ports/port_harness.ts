// The harness of the line-by-line ports (examples/ports/*.mjs): a port's main(tg, print) runs against lib/ and
// its printed lines are compared with what its PyTorch twin (examples/ports/<name>.py) printed under PyTorch
// 1.13 (<name>.expected.txt, committed; tests never run Python). A line may differ only as a listed deliberate
// difference (docs/porting.md), and then exactly as listed, so a fix or a regression of either side shows.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import tg from '../../lib/index.js';

export interface Deliberate {
  /** The PyTorch line and tensorgrad's line, both exactly. */
  pytorch: string;
  tensorgrad: string;
  /** Where docs/porting.md explains it. */
  why: string;
  /** A last-bit float difference whose printing depends on the kernels the CPU dispatches to: on another
   *  machine tensorgrad's line may equal PyTorch's, so its absence is not a failure. */
  ulp?: boolean;
  /** Float drift that the build decides (kernel set, optimization level: the sanitizer build's -O1 rounds
   *  differently from the release build's -O3), amplified by training: the line matches when its text is
   *  PyTorch's and each number is within this relative distance of PyTorch's. `tensorgrad` is then the line
   *  the release build printed, for the record. */
  rel?: number;
}

const NUMBER = /-?\d+(?:\.\d+)?(?:e[-+]?\d+)?/g;
/** Same text, and every number within rel of PyTorch's. */
function within(got: string, want: string, rel: number): boolean {
  if (got.replace(NUMBER, '#') !== want.replace(NUMBER, '#')) return false;
  const a = got.match(NUMBER) ?? [], b = want.match(NUMBER) ?? [];
  return a.length === b.length && a.every((x, i) => Math.abs(Number(x) - Number(b[i])) <= rel * Math.abs(Number(b[i])));
}

type Main = (t: typeof tg, print: (...args: unknown[]) => void) => void | Promise<void>;

/** The lines a port prints (Python's print: str() of each argument, joined by spaces). */
export async function portLines(main: Main): Promise<string[]> {
  const out: string[] = [];
  await main(tg, (...args) => out.push(args.map(String).join(' ')));
  return out.join('\n').split('\n');
}

export function expectedLines(name: string): string[] {
  const text = readFileSync(join(__dirname, '..', '..', 'examples', 'ports', `${name}.expected.txt`), 'utf8');
  return text.replace(/\n$/, '').split('\n');
}

/** Compares line by line; returns how many lines match PyTorch's exactly. */
export function compareLines(got: string[], want: string[], deliberate: Deliberate[] = []): number {
  const left = [...deliberate];
  const diffs: string[] = [];
  let same = 0;
  for (let i = 0; i < Math.max(got.length, want.length); i++) {
    if (got[i] === want[i]) {
      same++;
      continue;
    }
    const k = left.findIndex((d) => d.pytorch === want[i] && (d.tensorgrad === got[i] || (d.rel !== undefined && within(got[i] ?? '', want[i], d.rel))));
    if (k >= 0) left.splice(k, 1);
    else diffs.push(`line ${i + 1}:\n  pytorch:    ${JSON.stringify(want[i])}\n  tensorgrad: ${JSON.stringify(got[i])}`);
  }
  expect(diffs.join('\n'), 'lines that differ from PyTorch').toBe('');
  expect(left.filter((d) => !d.ulp).map((d) => d.pytorch), 'listed deliberate differences that no longer occur').toEqual([]);
  return same;
}
