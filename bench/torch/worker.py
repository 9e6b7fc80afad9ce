#!/usr/bin/env python3
"""PyTorch side of the tensorgrad benchmark (bench/run.mjs drives it).

A persistent worker: it reads one JSON request per line on stdin and answers
one line on stdout prefixed with '@@', so interpreter start-up and `import
torch` are never timed. Anything else printed (warnings) is ignored by the
driver. Requests:

  {"op": "hello", "threads": N}            -> versions, thread count
  {"op": "setup", "wl": ID, "size": n, "dtype": "float32"|"float64"}
  {"op": "warm", "ms": M}                  -> per-iteration estimate
  {"op": "run", "inner": k}                -> total seconds for k iterations
  {"op": "quit"}

`python3 worker.py --mem ITERS SIZE CAP_MB [CAP_S]` runs workload W7 (ITERS
iterations of W2 at SIZE, nothing freed by hand) in this fresh process and
prints its RSS before and after.
"""
import gc
import json
import math
import os
import sys
import time


def emit(obj):
    sys.stdout.write("@@" + json.dumps(obj) + "\n")
    sys.stdout.flush()


try:
    import torch
    import torch.nn.functional as F
except Exception as e:  # reported by the hello request
    torch = None
    IMPORT_ERROR = "%s: %s" % (type(e).__name__, e)
else:
    IMPORT_ERROR = None

now = time.perf_counter


class NotApplicable(Exception):
    pass


def dt_of(name):
    return {"float32": torch.float32, "float64": torch.float64}[name]


def setup(wl, n, dtype):
    """Returns (step, prep_timed): step() runs one iteration, or prep_timed is
    (prep, timed) where only timed(prep()) is timed."""
    dt = dt_of(dtype)
    torch.manual_seed(0)
    if wl == "W1.loop":
        x = torch.arange(4, dtype=dt).requires_grad_()
        y = 2 * torch.dot(x, x)
        y.backward()
        assert y.item() == 28 and x.grad.tolist() == [0, 4, 8, 12]
        x.grad.zero_()

        def step():
            y = 2 * torch.dot(x, x)
            y.backward()
            x.grad.zero_()
        return step, None
    if wl == "W1.fwd":
        x = torch.arange(4, dtype=dt).requires_grad_()

        def step():
            with torch.no_grad():
                return 2 * torch.dot(x, x)
        return step, None
    if wl == "W1b.bwd":
        def prep():
            x = torch.tensor(1.0, dtype=dt, requires_grad=True)
            y = x
            for _ in range(n):
                y = y.mul(1.0001).add(0.0001)
            return y

        def timed(y):
            y.backward()
        return None, (prep, timed)
    if wl == "W2":
        a = torch.randn(n, dtype=dt).requires_grad_()
        b = torch.randn(n, dtype=dt).requires_grad_()

        def step():
            (a * b + a).sum().backward()
            a.grad = None
            b.grad = None
        return step, None
    if wl.startswith("W3."):
        f = {"tanh": torch.tanh, "exp": torch.exp, "sigmoid": torch.sigmoid}[wl[3:]]
        x = torch.randn(n, dtype=dt).requires_grad_()

        def step():
            f(x).sum().backward()
            x.grad = None
        return step, None
    if wl == "W4.sum":
        x = torch.randn(n, dtype=dt)
        return (lambda: x.sum()), None
    if wl == "W4.norm":
        x = torch.randn(n, dtype=dt)
        return (lambda: x.norm()), None
    if wl == "W4.dot":
        a = torch.randn(n, dtype=dt)
        b = torch.randn(n, dtype=dt)
        return (lambda: torch.dot(a, b)), None
    if wl in ("W9.cumsum", "W9.sort", "W9.topk"):
        x = torch.randn(n, dtype=dt)
        f = {"W9.cumsum": lambda: x.cumsum(0), "W9.sort": lambda: x.sort(), "W9.topk": lambda: x.topk(10)}[wl]
        return f, None
    if wl == "W9.einsum":
        a = torch.randn(n, 128, 128, dtype=dt)
        b = torch.randn(n, 128, 128, dtype=dt)
        return (lambda: torch.einsum("bij,bjk->bik", a, b)), None
    if wl == "W9.multinomial":
        p = torch.arange(1, 10001, dtype=dt)
        return (lambda: p.multinomial(n, True)), None
    if wl in ("W18.solve", "W18.cholesky", "W18.qr", "W18.eigh", "W18.svd"):
        X = torch.randn(n, n, dtype=dt)
        op = wl[4:]
        A = X @ X.T + n * torch.eye(n, dtype=dt) if op == "cholesky" else X + X.T if op == "eigh" else X
        b = torch.randn(n, dtype=dt)
        f = {"solve": lambda: torch.linalg.solve(A, b), "cholesky": lambda: torch.linalg.cholesky(A),
             "qr": lambda: torch.linalg.qr(A), "eigh": lambda: torch.linalg.eigh(A), "svd": lambda: torch.linalg.svd(A)}[op]
        return f, None
    if wl in ("W19.jacrev", "W19.jacfwd"):
        from functorch import jacrev, jacfwd
        W = torch.randn(n, n, dtype=dt) / n ** 0.5
        b = torch.randn(n, dtype=dt)
        x = torch.randn(n, dtype=dt)
        jac = jacrev if wl == "W19.jacrev" else jacfwd
        return (lambda: jac(lambda v: torch.tanh(W @ v + b))(x)), None
    if wl in ("W5.mmWide", "W5.mmTall", "W5.bmm"):
        # [M, K, N, batch] as W5_SHAPES in bench/lib/workloads.mjs
        m, k, nn, b = {"W5.mmWide": (128, 4096, 128, 1), "W5.mmTall": (4096, 64, 4096, 1), "W5.bmm": (64, 64, 64, 64)}[wl]
        A = torch.randn(*((b, m, k) if b > 1 else (m, k)), dtype=dt)
        B = torch.randn(*((b, k, nn) if b > 1 else (k, nn)), dtype=dt)
        return (lambda: A @ B), None
    if wl == "W5.fwd":
        A = torch.randn(n, n, dtype=dt)
        B = torch.randn(n, n, dtype=dt)
        return (lambda: A @ B), None
    if wl == "W5.fwdbwd":
        A = torch.randn(n, n, dtype=dt).requires_grad_()
        B = torch.randn(n, n, dtype=dt).requires_grad_()

        def step():
            (A @ B).sum().backward()
            A.grad = None
            B.grad = None
        return step, None
    if wl == "W6":
        batch, d_in, d_h, d_out, lr = n, 784, 512, 10, 0.01
        W1 = (torch.randn(d_h, d_in, dtype=dt) * (1 / math.sqrt(d_in))).requires_grad_()
        b1 = torch.zeros(d_h, dtype=dt).requires_grad_()
        W2 = (torch.randn(d_out, d_h, dtype=dt) * (1 / math.sqrt(d_h))).requires_grad_()
        b2 = torch.zeros(d_out, dtype=dt).requires_grad_()
        params = [W1, b1, W2, b2]
        x = torch.randn(batch, d_in, dtype=dt)
        y = torch.randint(0, d_out, (batch,))

        def step():
            h = F.linear(x, W1, b1).relu()
            loss = F.cross_entropy(F.linear(h, W2, b2), y)
            loss.backward()
            with torch.no_grad():
                for p in params:
                    p.sub_(p.grad.mul(lr))
                    p.grad = None
        return step, None
    if wl in W11_VIEW:
        # An op on the t() view of a contiguous n x n x, or on x itself (the contiguous twin).
        x = torch.randn(n, n, dtype=dt)
        y = torch.randn(n, n, dtype=dt) if wl.endswith("add") else None
        f = W11_VIEW[wl]
        return (lambda: f(x, y)), None
    if wl in ("W11.gather", "W11.indexSelect", "W11.scatterAdd"):
        # 1e6 elements: 1000 x 1000 source; PyTorch's gather/scatter_add need int64 indices.
        m = int(round(math.sqrt(n)))
        x = torch.randn(m, m, dtype=dt)
        if wl == "W11.gather":
            idx = torch.randint(0, m, (m, m))
            return (lambda: x.gather(1, idx)), None
        if wl == "W11.indexSelect":
            idx = torch.randint(0, m, (m,))
            return (lambda: x.index_select(0, idx)), None
        idx = torch.randint(0, m, (m, m))
        z = torch.zeros(m, m, dtype=dt)
        return (lambda: z.scatter_add(1, idx, x)), None
    if wl in ("W11.index", "W11.index2"):
        if wl == "W11.index":
            x = torch.randn(n, dtype=dt)
            idx = torch.randint(0, n, (n,))
            return (lambda: x[idx]), None
        yh = torch.randn(n, 10, dtype=dt)
        r = torch.arange(n)
        y = torch.randint(0, 10, (n,))
        return (lambda: yh[r, y]), None
    if wl in ("W11.mmTB", "W11.mmTA", "W11.mmC"):
        a = torch.randn(n, n, dtype=dt)
        b = torch.randn(n, n, dtype=dt)
        if wl == "W11.mmTB":
            return (lambda: a.mm(b.t())), None
        if wl == "W11.mmTA":
            return (lambda: a.t().mm(b)), None
        return (lambda: a.mm(b)), None
    if wl == "W15.lstm":
        lstm = torch.nn.LSTM(256, 256)
        x = torch.randn(n, 32, 256, dtype=dt)
        params = list(lstm.parameters())

        def step():
            lstm(x)[0].sum().backward()
            for p in params:
                p.grad = None
        return step, None
    if wl.startswith("W13."):
        # conv2d forward under no_grad, or forward+backward with a ones grad_output (bench/lib/workloads.mjs).
        xs, ws, padding = W13_CONV[wl[4:].rstrip("B").rstrip("F")]
        x = torch.randn(*xs, dtype=dt)
        w = torch.randn(*ws, dtype=dt) * 0.1
        b = torch.randn(ws[0], dtype=dt)
        if wl.endswith("FB"):
            for t in (x, w, b):
                t.requires_grad_()

            def step():
                y = F.conv2d(x, w, b, 1, padding)
                y.backward(torch.ones_like(y))
                x.grad = None
                w.grad = None
                b.grad = None
            return step, None

        def fwd():
            with torch.no_grad():
                return F.conv2d(x, w, b, 1, padding)
        return fwd, None
    if wl in ("W14.maxPool2d", "W14.maxPool2dBwd", "W14.batchNorm2d", "W14.batchNorm2dBwd"):
        # pooling and batch norm on [n / (16 * 28 * 28), 16, 28, 28] (bench/lib/workloads.mjs)
        bwd = wl.endswith("Bwd")
        x = torch.randn(n // (16 * 28 * 28), 16, 28, 28, dtype=dt).requires_grad_(bwd)
        w = torch.ones(16, dtype=dt, requires_grad=bwd)
        b = torch.zeros(16, dtype=dt, requires_grad=bwd)
        rm, rv = torch.zeros(16, dtype=dt), torch.ones(16, dtype=dt)
        if wl.startswith("W14.maxPool"):
            f = lambda: F.max_pool2d(x, 2)
        else:
            f = lambda: F.batch_norm(x, rm, rv, w, b, True)
        if not bwd:
            def fwd():
                with torch.no_grad():
                    return f()
            return fwd, None

        def step():
            f().sum().backward()
            x.grad = None
            w.grad = None
            b.grad = None
        return step, None
    if wl in ("W16.layerNorm", "W16.layerNormBwd", "W17.sdpa", "W17.mha"):
        # layer norm and attention at SEQ_SHAPES[n] = (batch, tokens, channels), 4 heads (bench/lib/workloads.mjs)
        B, T, C = SEQ_SHAPES[n]
        H = 4
        if wl.startswith("W16."):
            bwd = wl.endswith("Bwd")
            x = torch.randn(B, T, C, dtype=dt).requires_grad_(bwd)
            w = torch.ones(C, dtype=dt, requires_grad=bwd)
            b = torch.zeros(C, dtype=dt, requires_grad=bwd)
            if not bwd:
                def fwd():
                    with torch.no_grad():
                        return F.layer_norm(x, (C,), w, b)
                return fwd, None

            def step():
                F.layer_norm(x, (C,), w, b).sum().backward()
                x.grad = None
                w.grad = None
                b.grad = None
            return step, None
        if wl == "W17.sdpa":
            # PyTorch 1.13 has no public F.scaled_dot_product_attention: its private math path (the one
            # MultiheadAttention calls), without attention weights
            q, k, v = (torch.randn(B, H, T, C // H, dtype=dt, requires_grad=True) for _ in range(3))

            def step():
                F._scaled_dot_product_attention(q, k, v, None, 0.0, False, False)[0].sum().backward()
                q.grad = None
                k.grad = None
                v.grad = None
            return step, None
        mha = torch.nn.MultiheadAttention(C, H, batch_first=True)
        x = torch.randn(B, T, C, dtype=dt, requires_grad=True)
        params = list(mha.parameters())

        def step():
            mha(x, x, x, need_weights=False)[0].sum().backward()
            x.grad = None
            for p in params:
                p.grad = None
        return step, None
    if wl == "W12.makemore":
        here = os.path.dirname(os.path.abspath(__file__))
        sys.path.insert(0, here)
        import makemore as mm
        train, _, vocab, block = mm.datasets(mm.NAMES)
        model = mm.CharTransformer(vocab, block, 4, 4, 64)
        opt = torch.optim.AdamW(model.parameters(), lr=5e-4, weight_decay=0.01, betas=(0.9, 0.99), eps=1e-8)

        def step():
            x, y = train.batch(torch.randint(len(train.words), (n,)).tolist())
            _, loss = model(x, y)
            model.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
            return loss.item()
        return step, None
    if wl in ("W20.vmapGrad", "W20.handGrad"):
        # per-example gradients of an MLP 784-128-10 at batch n: functorch's vmap(grad(loss), in_dims=(None, 0, 0))
        # (torch.func in 2.x) and the hand-batched computation (bench/workers/tensorgrad.mjs has the twins)
        from functorch import vmap, grad
        d_in, d_h, d_out = 784, 128, 10
        params = (torch.randn(d_h, d_in, dtype=dt) / math.sqrt(d_in), torch.zeros(d_h, dtype=dt),
                  torch.randn(d_out, d_h, dtype=dt) / math.sqrt(d_h), torch.zeros(d_out, dtype=dt))
        x = torch.randn(n, d_in, dtype=dt)
        y = torch.tensor([(i * 7) % d_out for i in range(n)])

        def loss(ps, xi, yi):
            h = F.linear(xi, ps[0], ps[1]).relu()
            return F.cross_entropy(F.linear(h, ps[2], ps[3]).unsqueeze(0), yi.unsqueeze(0))
        per_example = vmap(grad(loss), in_dims=(None, 0, 0))
        if wl == "W20.vmapGrad":
            return (lambda: per_example(params, x, y)), None
        ps = [p.clone().requires_grad_() for p in params]

        def by_hand():
            z1 = F.linear(x, ps[0], ps[1])
            h = z1.relu()
            z2 = F.linear(h, ps[2], ps[3])
            g2, g1 = torch.autograd.grad(F.cross_entropy(z2, y, reduction="sum"), [z2, z1])
            return torch.bmm(g1.unsqueeze(2), x.unsqueeze(1)), g1, torch.bmm(g2.unsqueeze(2), h.unsqueeze(1)), g2
        return by_hand, None
    if wl in ("W21.mlp", "W21.cnn"):
        # Inference (the onnxruntime peer's rows): eval mode under no_grad, batch n -> logits.
        nn = torch.nn
        if wl == "W21.mlp":
            model = nn.Sequential(nn.Linear(784, 512), nn.ReLU(), nn.Linear(512, 10))
            x = torch.randn(n, 784, dtype=dt)
        else:  # examples/mnist-cnn/model.mjs
            model = nn.Sequential(
                nn.Conv2d(1, 6, 5, padding=2, bias=False), nn.BatchNorm2d(6), nn.ReLU(), nn.MaxPool2d(2),
                nn.Conv2d(6, 16, 5, bias=False), nn.BatchNorm2d(16), nn.ReLU(), nn.MaxPool2d(2),
                nn.Flatten(), nn.Linear(400, 120), nn.ReLU(), nn.Dropout(0.1),
                nn.Linear(120, 84), nn.ReLU(), nn.Dropout(0.1), nn.Linear(84, 10))
            x = torch.randn(n, 1, 28, 28, dtype=dt)
        model = model.to(dt).eval()

        def step():
            with torch.no_grad():
                return model(x)
        return step, None
    raise NotApplicable("unknown workload " + wl)


W13_CONV = {
    "resnet": ([8, 64, 56, 56], [64, 64, 3, 3], 1),
    "lenet1": ([128, 1, 28, 28], [6, 1, 5, 5], 2),
    "lenet2": ([128, 6, 14, 14], [16, 6, 5, 5], 0),
}

SEQ_SHAPES = {32: (32, 16, 64), 8: (8, 256, 256)}

W11_VIEW = {
    "W11.texp": lambda x, y: x.t().exp(),
    "W11.exp": lambda x, y: x.exp(),
    "W11.tadd": lambda x, y: x.t().add(y),
    "W11.add": lambda x, y: x.add(y),
    "W11.tsum0": lambda x, y: x.t().sum(0),
    "W11.tsum1": lambda x, y: x.t().sum(1),
    "W11.sum0": lambda x, y: x.sum(0),
    "W11.sum1": lambda x, y: x.sum(1),
}


def cpu_capability():
    try:
        return torch.backends.cpu.get_cpu_capability()
    except Exception:
        pass
    try:
        for line in torch.__config__.show().splitlines():
            if "CPU capability usage:" in line:
                return line.split(":", 1)[1].strip()
    except Exception:
        pass
    return None


def openblas_core():
    """The kernel set OpenBLAS picked at load (DYNAMIC_ARCH builds choose per CPU; OPENBLAS_CORETYPE overrides)."""
    try:
        import ctypes
        with open("/proc/self/maps") as f:
            paths = sorted({line.split()[-1] for line in f if "libopenblas" in line})
        if not paths:
            return None
        lib = ctypes.CDLL(paths[0])
        lib.openblas_get_corename.restype = ctypes.c_char_p
        return lib.openblas_get_corename().decode()
    except Exception:
        return None


def rss_mb():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024.0
    return float("nan")


def mem_main(iters, n, cap_mb, cap_s):
    torch.manual_seed(0)
    a = torch.randn(n).requires_grad_()
    b = torch.randn(n).requires_grad_()
    gc.collect()
    before = rss_mb()
    peak = before
    t0 = now()
    done = 0
    stopped = False
    for i in range(iters):
        (a * b + a).sum().backward()
        a.grad = None
        b.grad = None
        done = i + 1
        if i % 25 == 0:
            r = rss_mb()
            peak = max(peak, r)
            if r - before > cap_mb:
                stopped = "RSS cap +%d MB" % cap_mb
                break
            if now() - t0 > cap_s:
                stopped = "time cap %g s" % cap_s
                break
    secs = now() - t0
    after = rss_mb()
    peak = max(peak, after)
    gc.collect()
    after_gc = rss_mb()
    print("@@" + json.dumps({"ok": True, "rss_before_mb": before, "rss_after_mb": after,
                             "rss_peak_mb": peak, "rss_after_gc_mb": after_gc,
                             "iters": done, "seconds": secs, "stopped": stopped}), flush=True)


def main():
    if len(sys.argv) >= 2 and sys.argv[1] == "--mem":
        if torch is None:
            print("@@" + json.dumps({"ok": False, "reason": IMPORT_ERROR}), flush=True)
            return
        threads = int(os.environ.get("BENCH_THREADS", "0") or 0)
        if threads > 0:
            torch.set_num_threads(threads)
        mem_main(int(sys.argv[2]), int(float(sys.argv[3])), float(sys.argv[4]),
                 float(sys.argv[5]) if len(sys.argv) > 5 else 1e9)
        return
    step = None
    pt = None

    def run(k):
        if pt is not None:
            prep, timed = pt
            tot = 0.0
            for _ in range(k):
                st = prep()
                t0 = now()
                timed(st)
                tot += now() - t0
                del st
            return tot
        t0 = now()
        for _ in range(k):
            step()
        return now() - t0

    for line in sys.stdin:
        line = line.strip()
        if not line:
            continue
        req = json.loads(line)
        op = req.get("op")
        try:
            if op == "hello":
                if torch is None:
                    emit({"ok": False, "reason": IMPORT_ERROR})
                    continue
                threads = int(req.get("threads") or 0)
                if threads > 0:
                    torch.set_num_threads(threads)
                emit({"ok": True, "info": {"version": torch.__version__,
                                           "threads": torch.get_num_threads(),
                                           "capability": cpu_capability(),
                                           "threadNote": "threads %d, OpenBLAS core %s" % (torch.get_num_threads(), openblas_core()),
                                           "python": sys.version.split()[0]}})
            elif op == "setup":
                step, pt = None, None
                gc.collect()
                try:
                    step, pt = setup(req["wl"], int(req["size"]), req.get("dtype", "float32"))
                    first = run(1)
                    emit({"ok": True, "first_s": first})
                except NotApplicable as e:
                    step, pt = None, None
                    emit({"ok": False, "reason": str(e)})
            elif op == "warm":
                deadline = now() + float(req["ms"]) / 1000.0
                times = []
                while True:
                    times.append(run(1))
                    if now() >= deadline and len(times) >= 2:
                        break
                    if len(times) >= int(req.get("max_iters", 1_000_000)):
                        break
                tail = sorted(times[len(times) // 2:])
                emit({"ok": True, "per_iter_s": tail[len(tail) // 2], "iters": len(times)})
            elif op == "run":
                emit({"ok": True, "t": run(int(req["inner"]))})
            elif op == "free":
                step, pt = None, None
                gc.collect()
                emit({"ok": True})
            elif op == "quit":
                emit({"ok": True})
                return
            else:
                emit({"ok": False, "reason": "unknown op %r" % op})
        except Exception as e:  # a failing workload never kills the worker
            step, pt = None, None
            msg = str(e).strip().splitlines()[0] if str(e).strip() else ""
            emit({"ok": False, "reason": "%s: %s" % (type(e).__name__, msg)})


if __name__ == "__main__":
    main()
