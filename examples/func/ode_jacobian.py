# PyTorch twin of ode-jacobian.mjs (functorch 1.13): the Jacobian of one RK4 step of the Lorenz system by
# forward mode (jacfwd) and reverse mode (jacrev), the sensitivity of 100 steps, and a batch of Jacobians
# with vmap. Run: /usr/bin/python3 examples/func/ode_jacobian.py > examples/func/ode-jacobian.expected
import torch
from functorch import jacfwd, jacrev, vmap

torch.set_printoptions(precision=6)
SIGMA, RHO, BETA, DT = 10.0, 28.0, 8.0 / 3.0, 0.01


def lorenz(s):
    x, y, z = s[0], s[1], s[2]
    return torch.stack([SIGMA * (y - x), x * (RHO - z) - y, x * y - BETA * z])


def rk4(s):
    k1 = lorenz(s)
    k2 = lorenz(s + 0.5 * DT * k1)
    k3 = lorenz(s + 0.5 * DT * k2)
    k4 = lorenz(s + DT * k3)
    return s + DT / 6.0 * (k1 + 2 * k2 + 2 * k3 + k4)


def flow(s, steps=100):
    for _ in range(steps):
        s = rk4(s)
    return s


s0 = torch.tensor([1.0, 1.0, 1.0], dtype=torch.float64)
print("one RK4 step:", rk4(s0))
jf = jacfwd(rk4)(s0)
jr = jacrev(rk4)(s0)
print("jacfwd:")
print(jf)
print("jacrev agrees:", bool((jf - jr).abs().max() < 1e-12))
jflow = jacfwd(flow)(s0)
print("Jacobian of 100 steps:")
print(jflow)
print("largest stretch (2-norm):", f"{torch.linalg.matrix_norm(jflow, 2).item():.6f}")
starts = torch.stack([s0, s0 * 2, s0 * -1, torch.tensor([0.5, -2.0, 20.0], dtype=torch.float64)])
jb = vmap(jacrev(rk4))(starts)
print("vmap(jacrev) over 4 states:", list(jb.shape))
print("determinants:", torch.linalg.det(jb))
