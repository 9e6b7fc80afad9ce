// L2-regularised logistic regression solved by Newton's method, each Newton system H p = -g solved by
// conjugate gradient on Hessian-vector products computed forward-over-reverse (jvp of grad), never forming H;
// at the end tg.func.hessian checks them. PyTorch twin: newton_hvp.py (functorch 1.13), whose printed output is
// newton-hvp.expected. Run: node examples/func/newton-hvp.mjs
import tg from 'tensorgrad';

const { grad, jvp, hessian } = tg.func;
const F = tg.nn.functional;
tg.setPrintoptions({ precision: 6 });
const [N, D, LAM] = [200, 8, 1e-2];
const f64 = { dtype: tg.float64 };
const i = tg.arange(N * D, f64);
const X = i.mul(0.7).add(0.3).sin().reshape([N, D]).add(i.mul(1.3).cos().reshape([N, D]).mul(0.1));
const wTrue = tg.linspace(-1.0, 1.0, D, f64);
const y = X.matmul(wTrue).add(tg.arange(N, f64).sin().mul(0.2)).gt(0).to(tg.float64);

const loss = (w) => F.binaryCrossEntropyWithLogits(X.matmul(w), y).add(w.mul(w).sum().mul(0.5 * LAM));
const hvp = (w, v) => jvp(grad(loss), [w], [v])[1];

function conjugateGradient(w, b, iters = 20, tol = 1e-12) {
  let x = tg.zerosLike(b), r = b.clone(), p = r.clone(), rs = r.dot(r);
  for (let k = 0; k < iters; k++) {
    const hp = hvp(w, p);
    const alpha = rs.div(p.dot(hp));
    x = x.add(alpha.mul(p));
    r = r.sub(alpha.mul(hp));
    const rsNew = r.dot(r);
    if (rsNew.sqrt().item() < tol) break;
    p = r.add(rsNew.div(rs).mul(p));
    rs = rsNew;
  }
  return x;
}

// Python's f"{v:.3e}": two-digit exponent with its sign (6.736e-01), where JS's toExponential writes 6.736e-1.
const sci = (v) => v.toExponential(3).replace(/e([+-])(\d)$/, 'e$10$2');

let w = tg.zeros(D, f64);
for (let k = 0; k < 9; k++) {
  const gn = grad(loss)(w).norm().item();
  console.log(`newton ${k}: loss ${loss(w).item().toFixed(10)}  |grad| ${gn > 1e-9 ? sci(gn) : '< 1e-9'}`);
  if (gn <= 1e-9) break;
  w = w.add(conjugateGradient(w, grad(loss)(w).neg()));
}
console.log('w:', String(w));
const H = hessian(loss)(w);
const v = tg.arange(D, f64).cos();
console.log('hvp matches hessian @ v:', hvp(w, v).sub(H.matmul(v)).abs().max().item() < 1e-12 ? 'True' : 'False');
console.log('hessian diagonal:', String(H.diagonal()));
console.log('smallest eigenvalue > 0:', tg.linalg.eigvalsh(H).min().item() > 0 ? 'True' : 'False');
