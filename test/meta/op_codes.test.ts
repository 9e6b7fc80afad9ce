// Op codes: lib/op_codes.ts is generated from native/cpu/kernel_table.h and matches the built addon.
import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { native, BinaryOp, UnaryOp, ReduceOp, BinaryBackwardOp } from '../../lib/native.js';

const root = join(__dirname, '..', '..');

describe('op codes', () => {
  it('lib/op_codes.ts is what scripts/gen-op-codes.cjs makes from kernel_table.h', () => {
    const r = spawnSync(process.execPath, [join(root, 'scripts', 'gen-op-codes.cjs'), '--check'], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('match the codes the addon was built with', () => {
    const codes = native.opCodes();
    expect(codes.binary).toEqual(BinaryOp);
    expect(codes.unary).toEqual(UnaryOp);
    expect(codes.reduce).toEqual(ReduceOp);
    expect(Object.keys(BinaryOp)).toContain('threshold_backward');
    expect(BinaryBackwardOp).toEqual({ mul: 0, div: 1, pow: 2 });
  });
  // A misspelt op failing to compile: test/meta/compile_errors.test.ts.
});
