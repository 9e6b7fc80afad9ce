// Draws the backward graph of a small MLP loss, like torchviz: tg.autograd.toDot() gives Graphviz DOT;
// this renders it to SVG with Graphviz's `dot` when installed, else with a small layered layout of its own.
// Run: npm run example:graph  (writes examples/graph/out/graph.dot and graph.svg)
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import tg from 'tensorgrad';

const out = join(dirname(fileURLToPath(import.meta.url)), 'out');
mkdirSync(out, { recursive: true });

tg.manualSeed(0);
const x = tg.randn([8, 4]);
const w1 = tg.randn([4, 16], { requiresGrad: true });
const b1 = tg.zeros([16], { requiresGrad: true });
const w2 = tg.randn([16, 1], { requiresGrad: true });
const loss = x.matmul(w1).add(b1).tanh().matmul(w2).pow(2).mean();

const dot = tg.autograd.toDot(loss);
writeFileSync(join(out, 'graph.dot'), dot);

let svg;
try {
  svg = execFileSync('dot', ['-Tsvg'], { input: dot }).toString();
} catch {
  svg = renderLayered(dot);
}
writeFileSync(join(out, 'graph.svg'), svg);
console.log(`wrote ${join(out, 'graph.dot')} and ${join(out, 'graph.svg')}`);

/** A tiny renderer for toDot's output: nodes in layers by distance from the output, edges as lines. */
function renderLayered(src) {
  const nodes = new Map();
  const edges = [];
  for (const line of src.split('\n')) {
    const n = line.match(/^\s*(\w+) \[label="([^"]*)", fillcolor=(\w+)/);
    if (n) nodes.set(n[1], { label: n[2].replace(/\\n/g, ' '), color: n[3] });
    const e = line.match(/^\s*(\w+) -> (\w+)/);
    if (e) edges.push([e[1], e[2]]);
  }
  const depth = new Map([['out', 0]]);
  for (let changed = true; changed; ) {
    changed = false;
    for (const [from, to] of edges) {
      const d = (depth.get(to) ?? -1) + 1;
      if (depth.has(to) && d > (depth.get(from) ?? -1)) {
        depth.set(from, d);
        changed = true;
      }
    }
  }
  const layers = [];
  for (const [id, d] of depth) (layers[d] ??= []).push(id);
  const W = 190, H = 34, GX = 20, GY = 40;
  const width = Math.max(...layers.map((l) => l.length)) * (W + GX) + GX;
  const pos = new Map();
  layers.forEach((ids, d) => ids.forEach((id, i) => pos.set(id, { x: GX + i * (W + GX), y: GY + (layers.length - 1 - d) * (H + GY) })));
  const colors = { lightgrey: '#d3d3d3', lightblue: '#add8e6', orange: '#ffa500', darkolivegreen1: '#caff70' };
  const parts = [`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${layers.length * (H + GY) + GY}" font-family="sans-serif" font-size="11">`];
  for (const [from, to] of edges) {
    const a = pos.get(from), b = pos.get(to);
    if (a && b) parts.push(`<line x1="${a.x + W / 2}" y1="${a.y + H}" x2="${b.x + W / 2}" y2="${b.y}" stroke="#555"/>`);
  }
  for (const [id, p] of pos) {
    const n = nodes.get(id) ?? { label: id, color: 'lightgrey' };
    parts.push(`<rect x="${p.x}" y="${p.y}" width="${W}" height="${H}" rx="4" fill="${colors[n.color] ?? '#eee'}" stroke="#333"/>`);
    parts.push(`<text x="${p.x + W / 2}" y="${p.y + H / 2 + 4}" text-anchor="middle">${n.label}</text>`);
  }
  parts.push('</svg>');
  return parts.join('\n');
}
