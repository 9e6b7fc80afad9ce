// What requiring tensorgrad changes in its host process (test/robustness/import-side-effects.test.ts).
// Everything observable is recorded before and after `require(tensorgrad)`; V8 flags cannot be read back, so
// v8.setFlagsFromString is wrapped (before the library loads) and every call is logged; a gc global in a fresh
// context shows --expose-gc. TG_SIDE_STEP picks what happens after the import: 'none', 'optin' (setAggressiveGc
// on, then off), or 'gcs' (count V8's minor GCs over a W2 loop with the opt-in off and on).
'use strict';
const v8 = require('node:v8');
const vm = require('node:vm');
const util = require('node:util');
const { PerformanceObserver } = require('node:perf_hooks');

const flagCalls = [];
const setFlags = v8.setFlagsFromString;
v8.setFlagsFromString = (flags) => {
  flagCalls.push(flags);
  return setFlags.call(v8, flags);
};

const protos = {
  Object, Array, Function, Number, String, Promise, Error, ArrayBuffer, Float32Array, Float64Array, Map, Set,
};
const events = ['exit', 'beforeExit', 'uncaughtException', 'unhandledRejection', 'warning',
  'SIGINT', 'SIGTERM', 'SIGUSR1', 'SIGUSR2', 'SIGHUP'];
function snapshot() {
  const listeners = {};
  for (const ev of events) listeners[ev] = process.listenerCount(ev);
  const protoKeys = {};
  for (const [name, C] of Object.entries(protos)) protoKeys[name] = Reflect.ownKeys(C.prototype).map(String).sort();
  return {
    globals: Reflect.ownKeys(globalThis).map(String).sort(),
    listeners,
    events: process.eventNames().map(String).sort(),
    env: JSON.stringify(process.env),
    stackTraceLimit: Error.stackTraceLimit,
    prepareStackTrace: typeof Error.prepareStackTrace,
    inspectDefaults: JSON.stringify(util.inspect.defaultOptions),
    protoKeys,
    resources: process.getActiveResourcesInfo().sort(),
    exitCode: process.exitCode,
    gcInNewContext: vm.runInNewContext('typeof gc'),
    gcGlobal: typeof globalThis.gc,
  };
}

const before = snapshot();
const tg = require(process.env.TG_LIB).default;
const after = snapshot();
const report = { before, after, importFlagCalls: [...flagCalls] };
const step = process.env.TG_SIDE_STEP ?? 'none';

// A short W2 loop at 1e5 elements; returns the number of minor GCs V8 reported during it.
async function minorGcsDuring(iters) {
  let minor = 0;
  const obs = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (e.detail && e.detail.kind === 1) minor++; // NODE_PERFORMANCE_GC_MINOR
  });
  obs.observe({ entryTypes: ['gc'] });
  const a = tg.randn([100000]).requiresGrad_(), b = tg.randn([100000]).requiresGrad_();
  for (let i = 0; i < iters; i++) {
    a.mul(b).add(a).sum().backward();
    a.grad = null;
    b.grad = null;
  }
  await new Promise((r) => setTimeout(r, 50)); // gc entries are delivered from the event loop
  obs.disconnect();
  return minor;
}

(async () => {
  if (step === 'optin') {
    report.initiallyOn = tg.backends.memory.aggressiveGc();
    const mark = flagCalls.length;
    report.onResult = tg.backends.memory.setAggressiveGc(true);
    report.onFlagCalls = flagCalls.slice(mark);
    report.gcInNewContextWhileOn = vm.runInNewContext('typeof gc');
    report.gcGlobalWhileOn = typeof globalThis.gc;
    report.onAgain = tg.backends.memory.setAggressiveGc(true);
    const mark2 = flagCalls.length;
    report.offResult = tg.backends.memory.setAggressiveGc(false);
    report.offFlagCalls = flagCalls.slice(mark2);
    report.isOnAfterOff = tg.backends.memory.aggressiveGc();
    try {
      tg.backends.memory.setAggressiveGc('yes');
      report.badArg = 'no error';
    } catch (e) {
      report.badArg = `${e.name}: ${e.message}`;
    }
  } else if (step === 'gcs') {
    report.minorOff = await minorGcsDuring(200);
    tg.backends.memory.setAggressiveGc(true);
    report.minorOn = await minorGcsDuring(200);
    tg.backends.memory.setAggressiveGc(false);
  }
  process.stdout.write(JSON.stringify(report) + '\n');
})();
