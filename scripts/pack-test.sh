#!/usr/bin/env bash
# The package as a user gets it (issue 17's done-when). Puts this platform's prebuilt addon in prebuilds/
# (scripts/release-prebuild.sh --reuse: the build/Release that `npm install` / `npm ci` compiled), packs
# tensorgrad, then in an empty project:
#  1. `npm install --ignore-scripts` of the tarball (no compiler involved) and the lesson under Node, Bun and
#     Deno, each compared with PyTorch's strings (scripts/check-lesson.cjs), and the lesson loop timed in each;
#  2. ESM import and CommonJS require;
#  3. the published typings type-check in a TypeScript project with no Node typings (@types/node) and no DOM
#     lib: ESM (.mts), CommonJS (.cts) and plain .ts uses under --strict --module nodenext, without
#     skipLibCheck; the compiled files then run;
# and in a second empty project, `npm install` with scripts keeps the prebuild (nothing compiled).
# TG_PACK_FROM_SOURCE=1 also times an install that compiles from source (TG_BUILD_FROM_SOURCE). Run: npm run test:pack
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
bun="${TG_BUN:-$root/node_modules/.bin/bun}"
deno="${TG_DENO:-$root/node_modules/.bin/deno}"
now() { node -p 'Date.now()'; }
secs() { node -p "((Date.now() - $1) / 1000).toFixed(1)"; }
cd "$root"
bash scripts/release-prebuild.sh --reuse
tarball="$root/$(npm pack --silent | tail -1)"
prebuild="$(node -p "require('./scripts/prebuilds.cjs').prebuildFile()")"
mv "$tarball" "$work/"
tarball="$work/$(basename "$tarball")"
tar -tzf "$tarball" > "$work/files.txt"
grep -qx "package/$prebuild" "$work/files.txt" || { echo "pack-test: $prebuild is not in the tarball" >&2; exit 1; }
echo "pack-test: $(basename "$tarball") $(du -k "$tarball" | cut -f1) KiB, with $prebuild"
cd "$work"
mkdir app && cd app
npm init -y >/dev/null
t0=$(now)
npm install --ignore-scripts --no-audit --no-fund "$tarball" >/dev/null
echo "pack-test: npm install --ignore-scripts took $(secs "$t0") s (no compiler: the prebuild)"
test ! -e node_modules/tensorgrad/build || { echo "pack-test: an install without scripts has a build/" >&2; exit 1; }
cp "$root/examples/autograd-lesson.mjs" "$root/scripts/lesson-loop.mjs" .
for rt in node bun deno; do
  case $rt in
    node) run=(node) ;;
    bun) run=("$bun") ;;
    deno) run=("$deno" run -A) ;;
  esac
  "${run[@]}" autograd-lesson.mjs > "lesson-$rt.txt"
  node "$root/scripts/check-lesson.cjs" "lesson-$rt.txt" "lesson under $rt"
  echo "import tg from 'tensorgrad'; if (tg.backends.cpu.build().kind !== 'prebuild') { console.error(tg.backends.cpu.build()); process.exit(1); }" > kind.mjs
  "${run[@]}" kind.mjs
  echo "  $rt $("${run[@]}" lesson-loop.mjs)"
done
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
node esm.mjs
node cjs.cjs

# ---- typings: a project without @types/node --------------------------------------------------------------------
# The TypeScript files touch no Node or DOM global (no console, no process): they throw on a wrong value instead.
mkdir src
cat > src/use-esm.mts <<'TS'
import tg, { Tensor, tensor, nn } from 'tensorgrad';
const x: Tensor = tg.arange(4).requiresGrad_(true);
const y: Tensor = tg.dot(x, x).mul(2);
y.backward();
const g: Tensor | null = x.grad;
const [values, indices] = tensor([[1, 2], [3, 4]]).max(1);
const lin = new nn.Linear(4, 2);
const seq = new tg.nn.Sequential(lin, new tg.nn.ReLU(), lin.double().float());
const first: nn.Module = seq.get(0);
const out: Tensor = lin(tg.randn([3, 4]));
const p: Tensor = tg.nn.Parameter(tg.zeros([2]));
if (String(y) !== 'tensor(28., grad_fn=<MulBackward0>)' || String(g) !== 'tensor([ 0.,  4.,  8., 12.])') throw new Error('ESM values');
if (values.numel() + indices.numel() !== 4 || out.shape.join() !== '3,2' || first !== lin || seq.length !== 3) throw new Error('ESM shapes');
if (!String(p).startsWith('Parameter containing:\n')) throw new Error('ESM Parameter');
TS
cat > src/use-cjs.cts <<'TS'
import tg = require('tensorgrad');
import tgDefault from 'tensorgrad';
const x: tg.Tensor = tg.arange(4).requiresGrad_(true);
tgDefault.dot(x, x).mul(2).backward();
const m: tg.nn.Module = new tg.nn.ModuleList([new tg.nn.Tanh()]).get(-1);
if (String(x.grad) !== 'tensor([ 0.,  4.,  8., 12.])' || String(m) !== 'Tanh()') throw new Error('CJS values');
TS
cat > src/use.ts <<'TS'
import tg, { Tensor, noGrad } from 'tensorgrad';
class Net extends tg.nn.Module {
  fc = new tg.nn.Linear(3, 2);
  override forward(x: Tensor): Tensor {
    return this.fc(x).relu();
  }
}
const net = new Net();
const opt = new tg.optim.SGD(net.parameters(), { lr: 0.1 });
const handle = net.registerForwardHook((_m, _args, out) => out);
const loss: Tensor = net(tg.randn([5, 3])).sum();
handle.remove();
const heads = new tg.nn.ModuleDict({ cls: new tg.nn.Linear(2, 3) });
const pl = new tg.nn.ParameterList([tg.zeros([2])]);
const logits: Tensor = new tg.nn.Unflatten(1, [3, 1])(heads.get('cls')(tg.randn([4, 2])).mul(pl.get(0).sum()));
if (logits.shape.join() !== '4,3,1') throw new Error('TS containers');
loss.backward();
opt.step();
const sd: Record<string, Tensor> = net.stateDict();
const n: number = noGrad(() => Object.keys(sd).length);
if (n !== 2) throw new Error('TS stateDict');
TS
npm install --ignore-scripts --no-audit --no-fund -D typescript@5.9 >/dev/null
if [ -e node_modules/@types/node ]; then echo "pack-test: @types/node must not be installed here" >&2; exit 1; fi
# Sweep the published typings for anything that needs Node's (a clearer message than tsc's).
if grep -rnE "from ['\"]node:|\bNodeJS\.|\bBuffer\b|reference types=['\"]node['\"]" --include='*.d.ts' node_modules/tensorgrad/dist; then
  echo "pack-test: the published .d.ts files above refer to Node's typings" >&2
  exit 1
fi
tsc_flags=(--strict --module nodenext --moduleResolution nodenext --target es2022 --lib es2022 --outDir out)
npx tsc "${tsc_flags[@]}" --listFiles src/use-esm.mts src/use-cjs.cts src/use.ts > tsc-files.txt || { cat tsc-files.txt; exit 1; }
# tsc also finds @types packages in every parent folder's node_modules: prove none was read.
if grep -E "@types/node/|lib\.dom\.d\.ts" tsc-files.txt; then echo "pack-test: Node or DOM typings were loaded" >&2; exit 1; fi
grep -q "node_modules/tensorgrad/dist/tensor.d.ts" tsc-files.txt || { echo "pack-test: tensorgrad's typings were not read" >&2; exit 1; }
node out/use-esm.mjs
node out/use-cjs.cjs
node out/use.js
echo "TypeScript (ESM .mts, CommonJS .cts, .ts; --strict --module nodenext, no @types/node) type-check and run OK"

# ---- npm install with scripts: the install step keeps the prebuild ----------------------------------------------
mkdir "$work/scripted" && cd "$work/scripted"
npm init -y >/dev/null
t0=$(now)
npm install --foreground-scripts --no-audit --no-fund "$tarball" > install.log 2>&1 || { cat install.log; exit 1; }
took=$(secs "$t0")
grep -q "tensorgrad: using the prebuilt addon $prebuild" install.log || { cat install.log; echo "pack-test: the install step did not keep the prebuild" >&2; exit 1; }
test ! -e node_modules/tensorgrad/build || { echo "pack-test: the install step compiled although a prebuild fits" >&2; exit 1; }
echo "pack-test: npm install (scripts on) took $took s and kept the prebuild (no build/)"
if [ -n "${TG_PACK_FROM_SOURCE:-}" ]; then
  mkdir "$work/source" && cd "$work/source"
  npm init -y >/dev/null
  t0=$(now)
  TG_BUILD_FROM_SOURCE=1 npm install --foreground-scripts --no-audit --no-fund "$tarball" > install.log 2>&1 || { tail -30 install.log; exit 1; }
  echo "pack-test: npm install compiling from source took $(secs "$t0") s (load $(cut -d' ' -f1 /proc/loadavg))"
  node -e "const tg = require('tensorgrad'); if (tg.backends.cpu.build().kind !== 'source') process.exit(1)"
fi
echo "pack-test: all passed"
