// The CI mutation sample (stryker.sample.config.mjs) names line ranges; an edit above them would silently move
// the sample onto other code. This pins each range to the function it is meant to cover.
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const config = readFileSync(join(root, 'stryker.sample.config.mjs'), 'utf8');

/** [file, first line, last line] of every `file:a-b` range in the sample's mutate list. */
function ranges(): [string, number, number][] {
  return [...config.matchAll(/'(lib\/[\w/]+\.ts):(\d+)-(\d+)'/g)].map((m) => [m[1], Number(m[2]), Number(m[3])]);
}

describe('mutation sample ranges', () => {
  it('cover validateGrad and the body of prodBackward, and nothing else', () => {
    const rs = ranges();
    expect(rs.map(([f]) => f)).toEqual(['lib/autograd/engine.ts', 'lib/autograd/formulas.ts']);
    for (const [file, a, b] of rs) {
      const lines = readFileSync(join(root, file), 'utf8').split('\n');
      const text = lines.slice(a - 1, b).join('\n');
      if (file.endsWith('engine.ts')) {
        // The doc comment, the whole function, and its closing brace as the last line.
        expect(lines[a - 1]).toBe('/**');
        expect(text).toMatch(/\nfunction validateGrad\(/);
      } else {
        // From the line after the createGraph shortcut to the closing brace.
        expect(lines[a - 2]).toMatch(/^ {2}if \(differentiableFormulas\(\) .*prodOfOthers/);
        expect(lines.slice(0, a - 1).reverse().find((l) => l.startsWith('export function '))).toMatch(/^export function prodBackward\(/);
      }
      expect(lines[b - 1]).toBe('}');
      expect(text.match(/^(export )?function /gm)?.length ?? 0).toBeLessThanOrEqual(1);
    }
  });
});
