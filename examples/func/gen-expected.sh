#!/usr/bin/env bash
# Regenerates the PyTorch 1.13 (functorch) outputs the tg.func examples are compared with
# (test/examples/func.test.ts). Needs /usr/bin/python3 with torch; the tests only read the .expected files.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
digits="$(mktemp)"
trap 'rm -f "$digits"' EXIT
node "$here/../mnist/data.mjs" --export "$digits"
/usr/bin/python3 "$here/ode_jacobian.py" > "$here/ode-jacobian.expected"
/usr/bin/python3 "$here/newton_hvp.py" > "$here/newton-hvp.expected"
/usr/bin/python3 "$here/per_example_grads.py" "$digits" > "$here/per-example-grads.expected"
