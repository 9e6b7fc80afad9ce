// The lesson loop (bench row W1.loop: y = 2 * dot(x, x); y.backward(); x.grad.zero_() at n = 4), timed in
// whichever runtime runs this file, against the installed package. scripts/pack-test.sh runs it under Node,
// Bun and Deno from the packed tarball; the README's runtimes table quotes it. Prints the median of 7 rounds.
import tg from 'tensorgrad';

const x = tg.arange(4).requiresGrad_(true);
const step = () => {
  tg.dot(x, x).mul(2).backward();
  x.grad.zero_();
};
for (let i = 0; i < 5000; i++) step(); // warm-up: JIT tiers
const iters = 20000, rounds = [];
for (let r = 0; r < 7; r++) {
  const t0 = performance.now();
  for (let i = 0; i < iters; i++) step();
  rounds.push(((performance.now() - t0) * 1000) / iters);
}
rounds.sort((a, b) => a - b);
if (String(x.grad) !== 'tensor([0., 0., 0., 0.])') throw new Error(`lesson loop: x.grad ${x.grad}`);
console.log(`lesson loop: ${rounds[3].toFixed(2)} us/iteration (median of 7 rounds of ${iters}; min ${rounds[0].toFixed(2)})`);
