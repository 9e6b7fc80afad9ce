#!/usr/bin/env python3
"""The node-name scan (issue 15; docs/autograd.md): every public torch.*, Tensor.*, nn.functional.*, linalg.*
and special.* name of PyTorch 1.13 (test/fixtures/kwargs.json) is called with the first of a few generic
argument patterns it accepts, float64 inputs that require grad; prints, as JSON, the name, the pattern and its
first output's grad_fn. scripts/node-names-scan.cjs makes the same calls in tensorgrad and lists the
differences. A dev tool, not a test (tests never run Python).

Run: node scripts/node-names-scan.cjs  (it runs this with /usr/bin/python3 after `npm run build:ts`).
"""
import json
import os
import sys
import warnings

import torch

warnings.simplefilter("ignore")
ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
names = json.load(open(os.path.join(ROOT, "test", "fixtures", "kwargs.json")))["functions"]


def gen(shape, seed):
    g = torch.Generator().manual_seed(seed)
    return torch.rand(shape, generator=g, dtype=torch.float64) + 0.5


# the same patterns, in the same order, as node-names-scan.cjs
PATTERNS = [
    ("x34", lambda: [gen([3, 4], 1)]),
    ("x34_y34", lambda: [gen([3, 4], 1), gen([3, 4], 2)]),
    ("x44", lambda: [gen([4, 4], 1) + 4 * torch.eye(4, dtype=torch.float64)]),
    ("x34_d1", lambda: [gen([3, 4], 1), 1]),
    ("x234", lambda: [gen([2, 3, 4], 1)]),
    ("x234_y234", lambda: [gen([2, 3, 4], 1), gen([2, 3, 4], 2)]),
    ("x4", lambda: [gen([4], 1)]),
    ("x4_y4", lambda: [gen([4], 1), gen([4], 2)]),
    ("x34_y4", lambda: [gen([3, 4], 1), gen([4], 2)]),
    ("x34_y43", lambda: [gen([3, 4], 1), gen([4, 3], 2)]),
    ("x1234", lambda: [gen([1, 2, 3, 4], 1)]),
    ("x1234_y1234", lambda: [gen([1, 2, 3, 4], 1), gen([1, 2, 3, 4], 2)]),
    ("x34_y34_z34", lambda: [gen([3, 4], 1), gen([3, 4], 2), gen([3, 4], 3)]),
]
NAMESPACES = {"torch": torch, "nn.functional": torch.nn.functional, "linalg": torch.linalg, "special": torch.special}
# random, stateful or I/O functions: no node name to compare, or a side effect
SKIP = {"rand_like", "randn_like", "randint_like", "dropout", "alpha_dropout", "feature_alpha_dropout", "dropout1d", "dropout2d",
        "dropout3d", "rrelu", "bernoulli", "multinomial", "normal", "poisson", "native_dropout", "gumbel_softmax", "feature_dropout",
        "save", "load", "from_file", "set_default_tensor_type", "set_default_dtype", "set_num_threads", "set_num_interop_threads",
        "manual_seed", "seed", "set_rng_state", "use_deterministic_algorithms", "set_grad_enabled", "compile", "jit",
        "set_flush_denormal", "tofile", "storage", "share_memory_", "pin_memory", "set_", "register_hook", "backward",
        "map_", "apply_", "map2_"}

out = []
for key in names:
    ns, name = key.rsplit(".", 1)
    if ns not in ("Tensor", *NAMESPACES) or name.startswith("_") or name.endswith("_") or name in SKIP:
        continue
    for pid, make in PATTERNS:
        args = [a.requires_grad_(True) if isinstance(a, torch.Tensor) else a for a in make()]
        fn = getattr(args[0], name, None) if ns == "Tensor" else getattr(NAMESPACES[ns], name, None)
        if fn is None or not callable(fn):
            break
        try:
            r = fn(*args[1:]) if ns == "Tensor" else fn(*args)
        except Exception:
            continue
        outs = list(r) if isinstance(r, (tuple, list)) else [r]
        if outs and isinstance(outs[0], torch.Tensor) and outs[0].grad_fn is not None:
            out.append({"ns": ns, "name": name, "pattern": pid, "grad_fn": type(outs[0].grad_fn).__name__})
        break
json.dump(out, sys.stdout)
