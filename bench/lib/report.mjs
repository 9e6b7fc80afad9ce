// Turns a run's results into the Markdown table and the SVG chart.
import { GC_OPTIN, LIBS, LIB_TITLES, ONE_THREAD, PEERS } from './workloads.mjs';

export function fmtTime(s) {
  if (!(s >= 0)) return '?';
  const sig = (v) => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));
  if (s < 1e-6) return `${sig(s * 1e9)} ns`;
  if (s < 1e-3) return `${sig(s * 1e6)} µs`;
  if (s < 1) return `${sig(s * 1e3)} ms`;
  return `${sig(s)} s`;
}
const fmtRate = (v) => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));
export const fmtRatio = (r) => (r >= 10 ? r.toFixed(0) : r >= 1 ? r.toFixed(2) : r.toPrecision(2));
const fmtPct = (p) => (p >= 10 ? `${p.toFixed(0)}%` : `${p.toFixed(1)}%`);
const mb = (v) => `${Math.round(v)}`;

// Escapes a reason for a Markdown table cell.
const cellText = (s) => String(s).replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim();

export function cell(row, res) {
  if (!res) return '—';
  if (res.na) {
    const why = cellText(res.na);
    return `n/a (${why.length > 70 ? why.slice(0, 69) + '…' : why})`;
  }
  if (row.kind === 'mem') {
    const grow = res.rss_after_mb - res.rss_before_mb;
    const peak = res.rss_peak_mb - res.rss_before_mb;
    const sign = grow >= 0 ? '+' : '−';
    let s = `${mb(res.rss_before_mb)}→${mb(res.rss_after_mb)} MB (${sign}${mb(Math.abs(grow))}, peak +${mb(peak)}`
      + `${res.rss_after_gc_mb != null ? `, after gc ${mb(res.rss_after_gc_mb)}` : ''}) · ${fmtTime(res.seconds / Math.max(1, res.iters))}/it`;
    if (res.stopped) s += `, stopped at ${res.iters} it: ${res.stopped}`;
    else if (res.iters < row.iters) s += `, ${res.iters} it`;
    return s;
  }
  let s = fmtTime(res.median_s);
  if (row.showRate && res.rate != null) s += ` · ${fmtRate(res.rate)} ${row.showRate === 'GFLOP/s' ? 'GF/s' : 'GB/s'}`;
  if (res.note) s += ' ≈';
  return s;
}

export function ratioCell(row) {
  if (row.ratio == null) return row.kind === 'mem' ? '—' : 'n/a';
  return `${fmtRatio(row.ratio)}× (${LIB_TITLES[row.bestPeer]})`;
}

function pctParts(pct) {
  const parts = [];
  if (pct.tensorgrad != null) parts.push(`tg ${fmtPct(pct.tensorgrad)}`);
  if (pct.peer != null) parts.push(`${LIB_TITLES[pct.peerLib]} ${fmtPct(pct.peer)}`);
  return parts.join(' · ');
}

export function pctCell(row) {
  if (!row.pct) return '—';
  const main = pctParts(row.pct) || '—';
  if (!row.pctBeside) return main;
  return `${main} (beside: ${pctParts(row.pctBeside)} of ${row.readBeside.gbs.toFixed(1)} GB/s)`;
}

function repsCell(row) {
  return LIBS.map((l) => {
    const r = row.results[l];
    return r && !r.na && r.reps ? String(r.reps) : '-';
  }).join('/');
}

export function markdown(run) {
  const L = [];
  const m = run.meta;
  const lim = run.limits;
  L.push(`# tensorgrad benchmark${m.mode !== 'full' ? ` (${m.mode})` : ''}`);
  L.push('');
  L.push(`${m.date} · ${m.cpu} (${m.isa}), ${m.cores} cores · threads: ${m.threads} · node ${m.node} · ${m.elapsed_s ? `run took ${Math.round(m.elapsed_s)} s` : ''}`);
  L.push('');
  const ver = [];
  for (const l of LIBS) {
    const i = run.libs[l];
    if (!i) continue;
    ver.push(i.ok ? `${LIB_TITLES[l]} ${i.info.version ?? '(dev)'}${i.info.threadNote ? ` (${i.info.threadNote})` : ''}${i.info.capability ? ` [${i.info.capability}]` : ''}` : `${LIB_TITLES[l]}: n/a (${cellText(i.reason)})`);
  }
  L.push(`Libraries: ${ver.join(' · ')}`);
  // Notes added to a saved run by hand (then re-rendered with --render), e.g. on a section measured later.
  for (const note of m.notes || []) { L.push(''); L.push(`**Note:** ${note}`); }
  if (m.loadavg_start) {
    L.push('');
    L.push(`Load average at start / end: ${m.loadavg_start[0]} / ${m.loadavg_end[0]}${m.torch_env ? ` · PyTorch env: ${Object.entries(m.torch_env).map(([k, v]) => `${k}=${v}`).join(' ')}` : ''}`);
  }
  L.push('');
  if (lim) {
    L.push(`Machine limits (bench/native/limits.cc, best of ${lim.reps}; 1 thread / ${lim.threads} threads): `
      + `read ${lim.read_gbs['1']} / ${lim.read_gbs.T} GB/s · copy ${lim.copy_gbs['1']} / ${lim.copy_gbs.T} GB/s · `
      + `triad ${lim.triad_gbs['1']} / ${lim.triad_gbs.T} GB/s · FMA f32 ${lim.fma_f32_gflops['1']} / ${lim.fma_f32_gflops.T} GFLOP/s · `
      + `FMA f64 ${lim.fma_f64_gflops['1']} / ${lim.fma_f64_gflops.T} GFLOP/s`);
  } else {
    L.push(`Machine limits: n/a (${cellText(run.limitsError || 'helper not built')})`);
  }
  L.push('');
  L.push(`Each cell: median time per iteration over the reps shown in the last column (${LIBS.map((l) => LIB_TITLES[l]).join('/')}), `
    + `each rep ≥ ${m.rep_ms} ms of back-to-back iterations after ≥ ${m.warm_ms} ms of warm-up, libraries interleaved rep by rep. `
    + `**ratio** = fastest peer's time ÷ tensorgrad's time (above 1× tensorgrad is faster). `
    + `**% of limit**: GB/s of the minimal bytes moved vs the read bandwidth (W2–W4), GFLOP/s vs the FMA peak of the dtype (W5, W6), each the best of the 1- and ${m.threads}-thread figures. `
    + `For W4 the read bandwidth is also measured beside every round of reps (100 ms of read passes, the way a rep is timed), and "beside" sets the rows against the median of those. `
    + `≈ marks an estimate (tfjs W1b: tf.grad time minus forward time).`);
  L.push('');
  L.push(`| Workload | Size | ${LIBS.map((l) => LIB_TITLES[l]).join(' | ')} | ratio vs best peer | % of limit | reps |`);
  L.push(`|---|---|${LIBS.map(() => '---|').join('')}---|---|---|`);
  for (const row of run.rows) {
    const dt = row.dtype === 'float64' ? ' f64' : '';
    L.push(`| ${row.group} ${cellText(row.label)} | ${row.sizeText}${dt} | ${LIBS.map((l) => cell(row, row.results[l])).join(' | ')} | ${ratioCell(row)} | ${pctCell(row)} | ${row.kind === 'mem' ? '1' : repsCell(row)} |`);
  }
  L.push('');
  L.push(...gcTable(run));
  L.push(...scalingTable(run));
  return L.join('\n');
}

// Quartiles of a sample (linear interpolation), for the spread columns.
function quantile(xs, q) {
  const s = [...xs].sort((a, b) => a - b);
  const i = (s.length - 1) * q, lo = Math.floor(i), hi = Math.ceil(i);
  return s[lo] + (s[hi] - s[lo]) * (i - lo);
}
const spread = (res) => (res.samples_s && res.samples_s.length > 1
  ? `${fmtTime(res.median_s)} (${fmtTime(quantile(res.samples_s, 0.25))}–${fmtTime(quantile(res.samples_s, 0.75))})`
  : fmtTime(res.median_s));

// tensorgrad's default against its aggressive-GC opt-in (tg.backends.memory.setAggressiveGc(true), which changes
// V8 flags process-wide; Note [Minor GCs] in lib/gc_policy.ts), on the rows marked gcCompare.
function gcTable(run) {
  const rows = run.rows.filter((r) => r.results && r.results[GC_OPTIN]);
  if (!rows.length) return [];
  const L = [];
  L.push('### tensorgrad: default vs the aggressive-GC opt-in');
  L.push('');
  L.push('By default tensorgrad changes no V8 flag and runs no GC of its own; `tg.backends.memory.setAggressiveGc(true)` '
    + '(or `TG_AGGRESSIVE_GC=1`) makes it run small young-generation GCs where a step\'s temporaries have just died, '
    + 'at the price of two process-wide V8 flags (`--no-parallel-scavenge --no-concurrent-array-buffer-sweeping`). '
    + 'Both run in their own worker, interleaved rep by rep with the libraries above; cells are the median (quartiles) '
    + 'of the reps. **default ÷ opt-in** above 1 is what the default costs in time.');
  L.push('');
  L.push('| Workload | Size | default | opt-in | default ÷ opt-in |');
  L.push('|---|---|---|---|---|');
  for (const row of rows) {
    const d = row.results.tensorgrad, o = row.results[GC_OPTIN];
    const dt = row.dtype === 'float64' ? ' f64' : '';
    let ratio = '—';
    if (row.kind === 'mem') {
      if (d && !d.na && o && !o.na) ratio = `peak RSS +${Math.round(d.rss_peak_mb - d.rss_before_mb)} vs +${Math.round(o.rss_peak_mb - o.rss_before_mb)} MB`;
    } else if (d && !d.na && o && !o.na) ratio = `${fmtRatio(d.median_s / o.median_s)}×`;
    const c = (res) => (!res || res.na || row.kind === 'mem' ? cell(row, res) : spread(res));
    L.push(`| ${row.group} ${cellText(row.label)} | ${row.sizeText}${dt} | ${c(d)} | ${c(o)} | ${ratio} |`);
  }
  L.push('');
  return L;
}

const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

// Horizontal bars of tensorgrad's speed ratio vs the fastest peer, on a log2
// axis centred on 1×: right (green) is faster than every peer, left (orange)
// slower. Rows without a ratio are listed with the reason.
export function svg(run) {
  const rows = run.rows.filter((r) => r.kind !== 'mem');
  const rowH = 20, top = 64, left = 300, right = 170, width = 980;
  const plotW = width - left - right;
  const height = top + rows.length * rowH + 40;
  const ratios = rows.map((r) => r.ratio).filter((r) => r > 0);
  let lo = -4, hi = 4; // log2 range, at least 1/16× .. 16×
  for (const r of ratios) { lo = Math.min(lo, Math.floor(Math.log2(r))); hi = Math.max(hi, Math.ceil(Math.log2(r))); }
  lo = Math.max(lo, -12); hi = Math.min(hi, 12);
  const x = (r) => left + ((Math.log2(Math.min(Math.max(r, 2 ** lo), 2 ** hi)) - lo) / (hi - lo)) * plotW;
  const o = [];
  o.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, sans-serif" font-size="12">`);
  o.push(`<rect width="100%" height="100%" fill="#ffffff"/>`);
  o.push(`<text x="${width / 2}" y="22" text-anchor="middle" font-size="15" font-weight="bold">tensorgrad speed vs the fastest peer (${PEERS.map((l) => LIB_TITLES[l]).join(', ')})</text>`);
  o.push(`<text x="${width / 2}" y="40" text-anchor="middle" fill="#555">${esc(`${run.meta.date.slice(0, 10)} · ${run.meta.cpu} · ${run.meta.threads} threads · ${run.meta.mode} run · log scale: right of 1× = tensorgrad faster`)}</text>`);
  for (let e = lo; e <= hi; e++) {
    const gx = x(2 ** e);
    o.push(`<line x1="${gx.toFixed(1)}" y1="${top - 6}" x2="${gx.toFixed(1)}" y2="${top + rows.length * rowH}" stroke="${e === 0 ? '#333' : '#e3e3e3'}" stroke-width="${e === 0 ? 1.5 : 1}"/>`);
    if ((hi - lo) <= 12 || e % 2 === 0) {
      const lab = e >= 0 ? `${2 ** e}×` : `1/${2 ** -e}×`;
      o.push(`<text x="${gx.toFixed(1)}" y="${top + rows.length * rowH + 16}" text-anchor="middle" fill="#555">${lab}</text>`);
    }
  }
  rows.forEach((r, i) => {
    const y = top + i * rowH;
    const dt = r.dtype === 'float64' ? ' f64' : '';
    const label = `${r.group} ${r.wl.includes('.') ? r.wl.split('.')[1] + ' ' : ''}${r.sizeText}${dt}`;
    o.push(`<text x="${left - 8}" y="${y + 14}" text-anchor="end">${esc(label)}</text>`);
    if (r.ratio > 0) {
      const x0 = x(1), x1 = x(r.ratio);
      const color = r.ratio >= 1 ? '#2a9d8f' : '#e76f51';
      o.push(`<rect x="${Math.min(x0, x1).toFixed(1)}" y="${y + 3}" width="${Math.max(1, Math.abs(x1 - x0)).toFixed(1)}" height="${rowH - 6}" fill="${color}"><title>${esc(`${r.id}: ${fmtRatio(r.ratio)}× vs ${LIB_TITLES[r.bestPeer]}`)}</title></rect>`);
      const tx = r.ratio >= 1 ? x1 + 4 : x0 + 4;
      o.push(`<text x="${tx.toFixed(1)}" y="${y + 14}" fill="#222">${esc(`${fmtRatio(r.ratio)}× vs ${LIB_TITLES[r.bestPeer]}`)}</text>`);
    } else {
      const tgRes = r.results.tensorgrad;
      const why = tgRes && tgRes.na ? `tensorgrad n/a: ${tgRes.na}` : 'no peer result';
      const maxChars = Math.max(12, Math.floor((width - x(1) - 12) / 6.4));
      o.push(`<text x="${(x(1) + 6).toFixed(1)}" y="${y + 14}" fill="#999">${esc(why.length > maxChars ? why.slice(0, maxChars - 1) + '…' : why)}</text>`);
    }
  });
  o.push('</svg>');
  return o.join('\n') + '\n';
}

// One line per finished row, for the console while the run goes on.
export function progressLine(row) {
  const cells = LIBS.map((l) => `${LIB_TITLES[l]} ${cell(row, row.results[l])}`);
  const extra = row.kind === 'mem' ? '' : `  => ${ratioCell(row)}${row.pct ? `  [${pctCell(row)}]` : ''}`;
  return `${row.id.padEnd(22)} ${cells.join(' | ')}${extra}`;
}

export { PEERS };

// tensorgrad on the run's thread count against itself on one kernel thread (its own worker, interleaved with
// the others), on the rows marked scaling; issue 18's target is >= 1.8x on two threads.
function scalingTable(run) {
  const rows = run.rows.filter((r) => r.results && r.results[ONE_THREAD]);
  if (!rows.length) return [];
  const T = run.meta.threads;
  const L = ['### tensorgrad: thread scaling', '',
    `One row per workload family with parallel kernels: tensorgrad on ${T} threads (the column above) against a worker `
    + `on one kernel thread; cells are medians (quartiles). **speed-up** = one-thread time ÷ ${T}-thread time.`, '',
    `| Workload | Size | 1 thread | ${T} threads | speed-up |`, '|---|---|---|---|---|'];
  for (const row of rows) {
    const one = row.results[ONE_THREAD], t = row.results.tensorgrad;
    const dt = row.dtype === 'float64' ? ' f64' : '';
    const c = (res) => (!res || res.na ? cell(row, res) : spread(res));
    const x = one && !one.na && t && !t.na ? `${fmtRatio(one.median_s / t.median_s)}×` : '—';
    L.push(`| ${row.group} ${cellText(row.label)} | ${row.sizeText}${dt} | ${c(one)} | ${c(t)} | ${x} |`);
  }
  L.push('');
  return L;
}
