// Per-example gradients of an MNIST MLP by vmap(grad(loss)) over functionalCall, checked against a loop of
// ordinary backward passes and against the batch gradient, then one DP-SGD-style clipped sum: tensorgrad's
// tg.func as torch.func. PyTorch twin: per_example_grads.py (functorch 1.13), whose printed output is
// per-example-grads.expected. Run: node examples/func/per-example-grads.mjs
import tg from 'tensorgrad';
import { loadMnist } from '../mnist/data.mjs';

const { grad, vmap, functionalCall } = tg.func;
const F = tg.nn.functional;
tg.setPrintoptions({ precision: 6 });
const { trainX, trainY } = loadMnist();
const B = 64;
// 64 digits spread over the ten classes (the split stores them digit by digit, 800 each)
const idx = Array.from({ length: B }, (_, i) => (i % 10) * 800 + Math.floor(i / 10));
const x = tg.tensor(Float32Array.from(idx.flatMap((i) => [...trainX.subarray(i * 784, (i + 1) * 784)]))).view([B, 784]).to(tg.float64);
const y = tg.tensor(BigInt64Array.from(idx.map((i) => BigInt(trainY[i]))));

const model = new tg.nn.Sequential(new tg.nn.Linear(784, 32), new tg.nn.Tanh(), new tg.nn.Linear(32, 10)).double();
tg.noGrad(() => {
  model.parameters().forEach((p, k) =>
    p.copy_(tg.arange(p.numel(), { dtype: tg.float64 }).mul(0.37).add(k).sin().mul(0.05).reshape(p.shape)));
});
const params = Object.fromEntries(model.namedParameters().map(([name, p]) => [name, p.detach()]));

const lossOfOne = (params, xi, yi) => F.crossEntropy(functionalCall(model, params, [xi.unsqueeze(0)]), yi.unsqueeze(0));

const perExample = vmap(grad(lossOfOne), { inDims: [null, 0, 0] })(params, x, y);
for (const [name, g] of Object.entries(perExample)) console.log(name, `[${g.shape.join(', ')}]`);
const norms = tg.stack(Object.values(perExample).map((g) => g.flatten(1).norm({ dim: 1 }))).square().sum(0).sqrt();
console.log('per-example gradient norms (first 8):', String(norms.narrow(0, 0, 8)));
let loopMax = 0;
for (let i = 0; i < B; i++) {
  model.zeroGrad();
  F.crossEntropy(model(x.narrow(0, i, 1)), y.narrow(0, i, 1)).backward();
  for (const [name, p] of model.namedParameters()) loopMax = Math.max(loopMax, p.grad.sub(perExample[name].select(0, i)).abs().max().item());
}
console.log('matches a loop of backward passes:', loopMax < 1e-12 ? 'True' : 'False');
model.zeroGrad();
F.crossEntropy(model(x), y).backward();
const meanMax = Math.max(...model.namedParameters().map(([name, p]) => p.grad.sub(perExample[name].mean(0)).abs().max().item()));
console.log('mean of per-example gradients is the batch gradient:', meanMax < 1e-12 ? 'True' : 'False');
const scale = norms.clamp({ min: 1.0 }).reciprocal();
const clipped = Object.fromEntries(Object.entries(perExample).map(([k, g]) => [k, g.mul(scale.reshape([-1, ...Array(g.dim() - 1).fill(1)]))]));
console.log('DP-SGD step, clipped to norm 1, summed bias grad of layer 2:', String(clipped['2.bias'].sum(0)));
