// The Jacobian of one RK4 step of the Lorenz system by forward mode (jacfwd) and reverse mode (jacrev), the
// sensitivity of 100 steps, and a batch of Jacobians with vmap (of jacrev: vmap over forward-mode transforms is not supported yet): tensorgrad's tg.func as torch.func.
// PyTorch twin: ode_jacobian.py (functorch 1.13); its printed output is ode-jacobian.expected.
// Run: node examples/func/ode-jacobian.mjs
import tg from 'tensorgrad';

const { jacfwd, jacrev, vmap } = tg.func;
tg.setPrintoptions({ precision: 6 });
const [SIGMA, RHO, BETA, DT] = [10.0, 28.0, 8.0 / 3.0, 0.01];

function lorenz(s) {
  const [x, y, z] = [s.select(0, 0), s.select(0, 1), s.select(0, 2)];
  return tg.stack([y.sub(x).mul(SIGMA), x.mul(z.neg().add(RHO)).sub(y), x.mul(y).sub(z.mul(BETA))]);
}

function rk4(s) {
  const k1 = lorenz(s);
  const k2 = lorenz(s.add(k1.mul(0.5 * DT)));
  const k3 = lorenz(s.add(k2.mul(0.5 * DT)));
  const k4 = lorenz(s.add(k3.mul(DT)));
  return s.add(k1.add(k2.mul(2)).add(k3.mul(2)).add(k4).mul(DT / 6.0));
}

function flow(s, steps = 100) {
  for (let i = 0; i < steps; i++) s = rk4(s);
  return s;
}

const s0 = tg.tensor([1.0, 1.0, 1.0], { dtype: tg.float64 });
console.log('one RK4 step:', String(rk4(s0)));
const jf = jacfwd(rk4)(s0);
const jr = jacrev(rk4)(s0);
console.log('jacfwd:');
console.log(String(jf));
console.log('jacrev agrees:', jf.sub(jr).abs().max().item() < 1e-12 ? 'True' : 'False');
const jflow = jacfwd(flow)(s0);
console.log('Jacobian of 100 steps:');
console.log(String(jflow));
console.log('largest stretch (2-norm):', tg.linalg.matrixNorm(jflow, 2).item().toFixed(6));
const starts = tg.stack([s0, s0.mul(2), s0.mul(-1), tg.tensor([0.5, -2.0, 20.0], { dtype: tg.float64 })]);
const jb = vmap(jacrev(rk4))(starts);
console.log('vmap(jacrev) over 4 states:', `[${jb.shape.join(', ')}]`);
console.log('determinants:', String(tg.linalg.det(jb)));
