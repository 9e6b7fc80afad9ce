// A persistent worker subprocess spoken to in JSON lines: one request per
// line on its stdin, one reply per request on its stdout in a line starting
// with '@@' (anything else it prints is kept in its log, never parsed).
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { appendFileSync } from 'node:fs';

export class Worker {
  constructor(name, cmd, args, { env, cwd, logFile } = {}) {
    Object.assign(this, { name, cmd, args, env, cwd, logFile });
    this.proc = null;
    this.pending = null;
    this.exitInfo = null;
    this.tail = '';
  }

  start() {
    this.exitInfo = null;
    const p = spawn(this.cmd, this.args, { env: this.env, cwd: this.cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    this.proc = p;
    const rl = createInterface({ input: p.stdout, crlfDelay: Infinity });
    rl.on('line', (line) => {
      if (line.startsWith('@@')) {
        const pend = this.pending;
        this.pending = null;
        if (pend) {
          clearTimeout(pend.timer);
          try { pend.resolve(JSON.parse(line.slice(2))); } catch (e) { pend.reject(e); }
        }
      } else {
        this.log(line);
      }
    });
    p.stderr.on('data', (d) => this.log(String(d)));
    p.on('error', (e) => this.fail(`could not start ${this.cmd}: ${e.message}`));
    p.on('exit', (code, signal) => {
      this.exitInfo = signal ? `crashed (${signal})` : `exited (code ${code})`;
      this.proc = null;
      this.fail(`${this.name} worker ${this.exitInfo}`);
    });
    p.stdin.on('error', () => { /* reported through exit */ });
    return this;
  }

  log(text) {
    this.tail = (this.tail + text + (text.endsWith('\n') ? '' : '\n')).slice(-4000);
    if (this.logFile) {
      try { appendFileSync(this.logFile, text.endsWith('\n') ? text : text + '\n'); } catch { /* ignore */ }
    }
  }

  fail(msg) {
    const pend = this.pending;
    this.pending = null;
    if (pend) {
      clearTimeout(pend.timer);
      const err = new Error(msg);
      err.crash = true;
      pend.reject(err);
    }
  }

  get alive() { return this.proc !== null; }

  // Sends one request; resolves with the reply object. Rejects (and kills the
  // worker) on timeout; rejects with err.crash when the worker dies.
  request(obj, timeoutMs = 300000) {
    if (!this.proc) this.start();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending = null;
        const err = new Error(`timeout after ${Math.round(timeoutMs / 1000)} s`);
        err.crash = true;
        this.kill();
        reject(err);
      }, timeoutMs);
      this.pending = { resolve, reject, timer };
      this.proc.stdin.write(JSON.stringify(obj) + '\n');
    });
  }

  kill() {
    if (this.proc) {
      try { this.proc.kill('SIGKILL'); } catch { /* gone */ }
    }
    this.proc = null;
  }

  async quit() {
    if (!this.proc) return;
    try { await this.request({ op: 'quit' }, 5000); } catch { /* ignore */ }
    this.kill();
  }
}

// Runs a command to completion and returns the '@@' JSON reply (W7 children).
export function runOnce(cmd, args, { env, cwd, timeoutMs = 600000, logFile } = {}) {
  return new Promise((resolve) => {
    const p = spawn(cmd, args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let reply = null;
    let tail = '';
    const rl = createInterface({ input: p.stdout, crlfDelay: Infinity });
    rl.on('line', (line) => {
      if (line.startsWith('@@')) { try { reply = JSON.parse(line.slice(2)); } catch { /* ignore */ } } else tail += line + '\n';
    });
    p.stderr.on('data', (d) => {
      tail = (tail + d).slice(-4000);
      if (logFile) { try { appendFileSync(logFile, String(d)); } catch { /* ignore */ } }
    });
    const timer = setTimeout(() => { p.kill('SIGKILL'); }, timeoutMs);
    p.on('error', (e) => { clearTimeout(timer); resolve({ ok: false, reason: `could not start: ${e.message}` }); });
    p.on('close', (code, signal) => {
      clearTimeout(timer);
      if (reply) resolve(reply);
      else resolve({ ok: false, reason: signal ? `crashed (${signal})` : `exited (code ${code}) ${tail.trim().split('\n').pop() || ''}`.trim() });
    });
  });
}
