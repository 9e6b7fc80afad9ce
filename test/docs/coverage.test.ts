// Doc coverage (issue 17): every public function, class and method reached from lib/index.ts (the allow-list of
// named exports, walked into nn, nn.functional, nn.init, nn.utils, optim, optim.lrScheduler, utils.data, linalg,
// autograd, safetensors; the Tensor methods; each class's public methods) has TSDoc with a summary, its PyTorch
// counterpart (`@see torch.*`) and an `@example` (which examples.test.ts runs). scripts/doc-coverage.mjs walks
// the surface with the TypeScript checker; `node scripts/doc-coverage.mjs --missing` lists what fails here.
import { describe, it, expect } from 'vitest';
import * as source from '../../lib/index.js';
// @ts-expect-error: a plain .mjs script without types
import { collectSurface } from '../../scripts/doc-coverage.mjs';

interface Item { name: string; kind: string; where: string; summary: string; see: boolean; example: boolean }
const items: Item[] = collectSurface(source.default);

describe('doc coverage', () => {
  it('walks the whole public surface (functions, classes, methods)', () => {
    expect(items.length).toBeGreaterThan(1000);
    for (const name of ['add', 'sinh', 'nn.functional.conv2d', 'nn.functional.maxPool2d', 'nn.Linear', 'Tensor#sum', 'Tensor#add_',
      'Module#stateDict', 'optim.SGD', 'optim.lrScheduler.StepLR', 'utils.data.DataLoader', 'linalg.inv', 'autograd.grad'])
      expect(items.map((i) => i.name), name).toContain(name);
    // Types alone would list kw()-wrapped tables' internal helpers; only what exists at run time counts.
    expect(items.map((i) => i.name)).not.toContain('linalg.luInPlace');
  });
  it('a primitive export (tg.version, a string) is one item with its own comment, not its prototype\'s methods', () => {
    expect(items.filter((i) => i.name === 'version').map((i) => i.kind)).toEqual(['constant']);
    expect(items.filter((i) => i.name.startsWith('version.')).map((i) => i.name)).toEqual([]);
  });
  it('every public item has a doc comment', () => {
    expect(items.filter((i) => !i.summary).map((i) => `${i.name} (${i.where})`)).toEqual([]);
  });
  it('every public item names its PyTorch counterpart (@see) and has an @example', () => {
    expect(items.filter((i) => !i.see || !i.example).map((i) => `${i.name} (${i.where})`)).toEqual([]);
  });
});
