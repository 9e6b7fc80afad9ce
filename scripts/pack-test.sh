#!/usr/bin/env bash
# Packs tensorgrad, installs the tarball into an empty folder (which builds the addon there), and checks that
# ESM import, CommonJS require and a TypeScript file using the API all work. Run: npm run test:pack
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$root"
tarball="$root/$(npm pack --silent | tail -1)"
cd "$work"
npm init -y >/dev/null
npm install --no-audit --no-fund "$tarball" >/dev/null
rm -f "$tarball"
cat > esm.mjs <<'JS'
import tg, { arange } from 'tensorgrad';
const x = arange(4).requiresGrad_(true);
const y = tg.dot(x, x).mul(2); y.backward();
if (String(y) !== 'tensor(28., grad_fn=<MulBackward0>)' || String(x.grad) !== 'tensor([ 0.,  4.,  8., 12.])') process.exit(1);
console.log('ESM import OK');
JS
cat > cjs.cjs <<'JS'
const tg = require('tensorgrad');
const x = tg.arange(4).requiresGrad_(true);
tg.dot(x, x).mul(2).backward();
if (String(x.grad) !== 'tensor([ 0.,  4.,  8., 12.])') process.exit(1);
console.log('CommonJS require OK');
JS
cat > use.ts <<'TS'
import tg, { Tensor, tensor } from 'tensorgrad';
const x: Tensor = tg.arange(4).requiresGrad_(true);
const y: Tensor = tg.dot(x, x).mul(2);
y.backward();
const g: Tensor | null = x.grad;
const [values, indices] = tensor([[1, 2], [3, 4]]).max(1);
const lin = new tg.nn.Linear(4, 2);
const out: Tensor = lin.forward(tg.randn([3, 4]));
console.log(g?.shape, values.numel() + indices.numel(), out.shape);
TS
node esm.mjs
node cjs.cjs
npm install --no-audit --no-fund -D typescript@5.9 @types/node@20 >/dev/null
npx tsc --noEmit --strict --module nodenext --moduleResolution nodenext --target es2022 use.ts
echo "TypeScript type-check OK"
