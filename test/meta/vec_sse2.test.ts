// The default capability's SSE2 Vec computes what the plain-array generic Vec computed (Note [SSE2 Vec]): the
// native check builds native/tests/vec_sse2_test.cc both ways with the system g++ and compares every contract
// member and vec_math.h function bit for bit. x86-64 only (the SSE2 Vec exists only there).
import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

describe('SSE2 Vec', () => {
  it.skipIf(process.arch !== 'x64')('matches the generic Vec bit for bit (NaN payloads aside)', () => {
    const r = spawnSync('bash', [join(root, 'native', 'tests', 'run_vec_sse2_test.sh')], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/float: \d+ results compared, 0 differ/);
    expect(r.stdout).toMatch(/double: \d+ results compared, 0 differ/);
    expect(r.status).toBe(0);
  }, 180_000);
});
