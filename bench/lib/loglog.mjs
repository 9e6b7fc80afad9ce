// A dependency-free log-log line chart in SVG: one panel per workload, time against size, one line per library.
// Used by bench/growth.mjs for docs/cost-growth.svg.
const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const COLORS = { tensorgrad: '#d62728', torch: '#1f77b4' };

// panels: [{ title, xLabel, series: [{ name, points: [[x, seconds], ...] }] }]
export function loglogSvg(panels, { title = '', note = '' } = {}) {
  const pw = 300, ph = 240, ml = 58, mr = 14, mt = 64, mb = 52, gap = 24;
  const width = ml + panels.length * (pw + gap) - gap + mr, height = mt + ph + mb + 20;
  const o = [`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, sans-serif" font-size="11">`,
    `<rect width="${width}" height="${height}" fill="#fff"/>`,
    `<text x="${width / 2}" y="20" text-anchor="middle" font-size="14" font-weight="bold">${esc(title)}</text>`,
    `<text x="${width / 2}" y="38" text-anchor="middle" fill="#555">${esc(note)}</text>`];
  panels.forEach((p, i) => {
    const x0 = ml + i * (pw + gap), y0 = mt;
    const pts = p.series.flatMap((s) => s.points).filter(([x, t]) => x > 0 && t > 0);
    if (!pts.length) return;
    const lx = pts.map(([x]) => Math.log10(x)), lt = pts.map(([, t]) => Math.log10(t));
    const xa = Math.floor(Math.min(...lx)), xb = Math.ceil(Math.max(...lx));
    const ya = Math.floor(Math.min(...lt)), yb = Math.ceil(Math.max(...lt));
    const X = (x) => x0 + ((Math.log10(x) - xa) / Math.max(1e-9, xb - xa)) * pw;
    const Y = (t) => y0 + ph - ((Math.log10(t) - ya) / Math.max(1e-9, yb - ya)) * ph;
    o.push(`<rect x="${x0}" y="${y0}" width="${pw}" height="${ph}" fill="none" stroke="#999"/>`);
    o.push(`<text x="${x0 + pw / 2}" y="${y0 - 8}" text-anchor="middle" font-weight="bold">${esc(p.title)}</text>`);
    for (let e = xa; e <= xb; e++) {
      const x = X(10 ** e);
      o.push(`<line x1="${x}" y1="${y0}" x2="${x}" y2="${y0 + ph}" stroke="#eee"/>`);
      o.push(`<text x="${x}" y="${y0 + ph + 14}" text-anchor="middle">1e${e}</text>`);
    }
    for (let e = ya; e <= yb; e++) {
      const y = Y(10 ** e);
      o.push(`<line x1="${x0}" y1="${y}" x2="${x0 + pw}" y2="${y}" stroke="#eee"/>`);
      o.push(`<text x="${x0 - 4}" y="${y + 4}" text-anchor="end">${esc(timeLabel(10 ** e))}</text>`);
    }
    o.push(`<text x="${x0 + pw / 2}" y="${y0 + ph + 32}" text-anchor="middle" fill="#555">${esc(p.xLabel)}</text>`);
    p.series.forEach((s, k) => {
      const good = s.points.filter(([x, t]) => x > 0 && t > 0);
      const color = COLORS[s.name] || '#2ca02c';
      o.push(`<polyline fill="none" stroke="${color}" stroke-width="2" points="${good.map(([x, t]) => `${X(x).toFixed(1)},${Y(t).toFixed(1)}`).join(' ')}"/>`);
      for (const [x, t] of good) o.push(`<circle cx="${X(x).toFixed(1)}" cy="${Y(t).toFixed(1)}" r="2.5" fill="${color}"/>`);
      o.push(`<text x="${x0 + 8}" y="${y0 + 16 + 14 * k}" fill="${color}">${esc(s.label || s.name)}</text>`);
    });
  });
  o.push(`<text x="8" y="${mt + ph / 2}" transform="rotate(-90 8 ${mt + ph / 2})" text-anchor="middle" fill="#555">time per iteration (log)</text>`);
  o.push('</svg>');
  return o.join('\n') + '\n';
}

function timeLabel(s) {
  if (s >= 1) return `${s} s`;
  if (s >= 1e-3) return `${+(s * 1e3).toPrecision(3)} ms`;
  if (s >= 1e-6) return `${+(s * 1e6).toPrecision(3)} µs`;
  return `${+(s * 1e9).toPrecision(3)} ns`;
}
