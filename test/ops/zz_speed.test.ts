import { it } from 'vitest';
import tg from '../../lib/index.js';
it('speed', () => {
  tg.manualSeed(3);
  const n = 256;
  const A = tg.randn([n, n], { dtype: 'float64' });
  const S = A.matmul(A.t()).add(tg.eye(n, { dtype: 'float64' }).mul(n));
  const B = tg.randn([n, 1], { dtype: 'float64' });
  const time = (name: string, f: () => unknown, reps = 3) => { f(); const t0 = performance.now(); for (let i = 0; i < reps; i++) f(); console.log(name, ((performance.now() - t0) / reps).toFixed(1), 'ms'); };
  time('solve', () => tg.linalg.solve(A, B));
  time('cholesky', () => tg.linalg.cholesky(S));
  time('qr', () => tg.linalg.qr(A));
  time('eigh', () => tg.linalg.eigh(S), 1);
  time('svd', () => tg.linalg.svd(A), 1);
  time('svdvals', () => tg.linalg.svdvals(A), 1);
});
