// examples/func: the three tg.func programs (issue 19, item 4) print exactly what their PyTorch 1.13 twins
// (functorch) print, line for line: the Jacobian of an ODE step (jacfwd, jacrev, vmap of jacfwd), Newton's
// method on Hessian-vector products (jvp of grad, hessian) and per-example gradients (vmap of grad over
// functionalCall). The .expected files come from examples/func/gen-expected.sh; this test never runs Python.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const dir = join(__dirname, '../../examples/func');

describe('examples/func print what their PyTorch twins print', () => {
  for (const name of ['ode-jacobian', 'newton-hvp', 'per-example-grads']) {
    it(name, () => {
      const r = spawnSync(process.execPath, [join(dir, `${name}.mjs`)], { encoding: 'utf8', timeout: 120_000 });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      const want = readFileSync(join(dir, `${name}.expected`), 'utf8').trimEnd().split('\n');
      expect(r.stdout.trimEnd().split('\n')).toEqual(want);
    }, 130_000);
  }
});
