# PyTorch twin of newton-hvp.mjs (functorch 1.13): L2-regularised logistic regression solved by Newton's
# method, each Newton system H p = -g solved by conjugate gradient on Hessian-vector products computed
# forward-over-reverse (jvp of grad), never forming H; at the end the Hessian itself (hessian) checks them.
# Run: /usr/bin/python3 examples/func/newton_hvp.py > examples/func/newton-hvp.expected
import torch
from functorch import grad, jvp, hessian

torch.set_printoptions(precision=6)
N, D, LAM = 200, 8, 1e-2
i = torch.arange(N * D, dtype=torch.float64)
X = torch.sin(0.7 * i + 0.3).reshape(N, D) + 0.1 * torch.cos(1.3 * i).reshape(N, D)
w_true = torch.linspace(-1.0, 1.0, D, dtype=torch.float64)
y = (X @ w_true + 0.2 * torch.sin(torch.arange(N, dtype=torch.float64)) > 0).to(torch.float64)


def loss(w):
    z = X @ w
    return torch.nn.functional.binary_cross_entropy_with_logits(z, y) + 0.5 * LAM * (w * w).sum()


def hvp(w, v):
    return jvp(grad(loss), (w,), (v,))[1]


def conjugate_gradient(w, b, iters=20, tol=1e-12):
    x = torch.zeros_like(b)
    r = b.clone()
    p = r.clone()
    rs = r.dot(r)
    for _ in range(iters):
        hp = hvp(w, p)
        alpha = rs / p.dot(hp)
        x = x + alpha * p
        r = r - alpha * hp
        rs_new = r.dot(r)
        if rs_new.sqrt() < tol:
            break
        p = r + (rs_new / rs) * p
        rs = rs_new
    return x


w = torch.zeros(D, dtype=torch.float64)
for k in range(9):
    g = grad(loss)(w)
    gn = g.norm().item()
    print(f"newton {k}: loss {loss(w).item():.10f}  |grad| " + (f"{gn:.3e}" if gn > 1e-9 else "< 1e-9"))
    if gn <= 1e-9:
        break
    w = w + conjugate_gradient(w, -g)
print("w:", w)
H = hessian(loss)(w)
v = torch.cos(torch.arange(D, dtype=torch.float64))
print("hvp matches hessian @ v:", bool((hvp(w, v) - H @ v).abs().max() < 1e-12))
print("hessian diagonal:", H.diagonal())
print("smallest eigenvalue > 0:", bool(torch.linalg.eigvalsh(H).min() > 0))
