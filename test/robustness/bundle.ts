// Builds lib/ into one CommonJS file (esbuild) so child processes and worker_threads can load tensorgrad with
// plain `node`, and runs child scripts against it. The addon comes from TG_ADDON_PATH (the ASan build in
// `npm run test:asan`) or build/Release.
import { buildSync } from 'esbuild';
import { spawn, spawnSync, SpawnSyncReturns } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const root = path.resolve(__dirname, '../..');
let bundled: string | null = null;

/** Path of the bundled library (built once per test file). */
export function libBundle(): string {
  if (bundled) return bundled;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tg-robust-'));
  const out = path.join(dir, 'tensorgrad.cjs');
  buildSync({ entryPoints: [path.join(root, 'lib/index.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: out, logLevel: 'error' });
  bundled = out;
  return out;
}

export function addonPath(): string {
  return path.resolve(process.env.TG_ADDON_PATH ?? path.join(root, 'build/Release/tensorgrad.node'));
}

export interface ChildResult {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** The last line of stdout parsed as JSON (children report their results that way). */
  report: any;
}

/** Runs test/robustness/child/<script> in a fresh node process; a crash shows up as a signal or status != 0. */
export function runChild(script: string, env: Record<string, string> = {}, nodeArgs: string[] = [], timeoutMs = 120_000): ChildResult {
  // A scratch cwd: fuzzed calls (tg.load('x'), ...) must not touch the checkout.
  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'tg-child-'));
  const r: SpawnSyncReturns<string> = spawnSync(process.execPath, [...nodeArgs, path.join(__dirname, 'child', script)], {
    cwd,
    env: { ...process.env, TG_LIB: libBundle(), TG_ADDON_PATH: addonPath(), ...env },
    encoding: 'utf8',
    timeout: timeoutMs,
    maxBuffer: 64 * 1024 * 1024,
  });
  const lines = (r.stdout ?? '').trim().split('\n');
  let report: unknown = null;
  try {
    report = JSON.parse(lines[lines.length - 1]);
  } catch {
    /* no report: the child died */
  }
  return { status: r.status, signal: r.signal, stdout: r.stdout ?? '', stderr: r.stderr ?? '', report };
}

/**
 * runChild without blocking the test worker's event loop (a long fuzz run blocked it past vitest's RPC timeout:
 * "Timeout calling onTaskUpdate", an unhandled error that fails the run).
 */
export function runChildAsync(script: string, env: Record<string, string> = {}, nodeArgs: string[] = [], timeoutMs = 120_000): Promise<ChildResult> {
  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'tg-child-'));
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...nodeArgs, path.join(__dirname, 'child', script)], {
      cwd,
      env: { ...process.env, TG_LIB: libBundle(), TG_ADDON_PATH: addonPath(), ...env },
      timeout: timeoutMs,
    });
    const out: Buffer[] = [], err: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    child.on('close', (status, signal) => {
      const stdout = Buffer.concat(out).toString('utf8'), stderr = Buffer.concat(err).toString('utf8');
      const lines = stdout.trim().split('\n');
      let report: unknown = null;
      try {
        report = JSON.parse(lines[lines.length - 1]);
      } catch {
        /* no report: the child died */
      }
      resolve({ status, signal, stdout, stderr: stderr.slice(-1_000_000), report });
    });
  });
}

/** A readable failure message for a child that did not exit cleanly. */
export function explain(r: ChildResult): string {
  return `child exited with status ${r.status} signal ${r.signal}\nstdout:\n${r.stdout.slice(-4000)}\nstderr:\n${r.stderr.slice(-8000)}`;
}
