// Safe files (test/nn/safe_files.test.ts), in a child process because each step ends it or measures it.
// TG_SAFE_STEP=crash: saves to TG_SAFE_FILE and dies by SIGKILL once TG_SAFE_KILL_AT bytes of the new file are
//   written (fs.writeSync wrapped before the library loads), as a power cut or an OOM kill mid-save would.
// TG_SAFE_STEP=peak: loads TG_SAFE_FILE and reports the growth of the peak RSS during the load, in bytes.
'use strict';
const fs = require('node:fs');

const step = process.env.TG_SAFE_STEP;
const file = process.env.TG_SAFE_FILE;
if (step === 'crash') {
  const killAt = Number(process.env.TG_SAFE_KILL_AT);
  const write = fs.writeSync;
  let written = 0;
  fs.writeSync = function (fd, buf, off, len, pos) {
    const n = Math.min(len ?? buf.length, killAt - written);
    if (n > 0) written += write.call(fs, fd, buf, off, n, pos);
    if (written >= killAt) process.kill(process.pid, 'SIGKILL');
    return n;
  };
  const tg = require(process.env.TG_LIB);
  tg.save({ w: tg.full([1 << 20], 2), b: tg.full([7], 3) }, file);
  console.log(JSON.stringify({ survived: true }));
} else if (step === 'peak') {
  const tg = require(process.env.TG_LIB);
  tg.zeros([4]).sum(); // warm up the addon and the allocator
  const before = process.resourceUsage().maxRSS * 1024;
  const t = tg.load(file);
  const after = process.resourceUsage().maxRSS * 1024;
  const w = t.w;
  console.log(JSON.stringify({ grew: after - before, numel: w.numel(), last: w._data[w.numel() - 1] }));
}
