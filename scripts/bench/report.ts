// The benchmark's table (Markdown) and chart (SVG, drawn here so the bench needs no plotting library).
import type { BenchCase } from './run';

const fmt = (x: number) => x.toLocaleString('en-US', { maximumFractionDigits: 1 });

export function markdown(cases: BenchCase[], machine: string): { table: string } {
  const lines = [
    `Measured on ${machine}. Medians of several runs after a warm-up.`,
    '',
    '| data rows | objectives / KPIs / initiatives / dependencies / check-ins | engine ms | refresh again ms | stages ms (recognise · parse · link · evaluate · flags · plan) | formulas ms (HyperFormula) | formulas ÷ engine rollup | .xlsx read ms | .xlsx write ms | `throughline refresh` s (peak RSS MB) | again s (peak RSS MB) |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const c of cases) {
    const s = c.stagesMs;
    lines.push(
      `| ${fmt(c.rows)} | ${[c.counts.objectives, c.counts.kpis, c.counts.initiatives, c.counts.dependencies, c.counts.history].map(fmt).join(' / ')} | ${fmt(c.engineMs)} | ${fmt(c.engineAgainMs)} | ${[s.recognise, s.parse, s.link, s.evaluate, s.flags, s.plan].map(fmt).join(' · ')} | ${fmt(c.formulaMs)} | ${fmt(c.formulaRatio)}× | ${fmt(c.xlsxReadMs)} | ${fmt(c.xlsxWriteMs)} | ${(c.cliMs / 1000).toFixed(2)} (${fmt(c.peakRssMb)}) | ${(c.cliAgainMs / 1000).toFixed(2)} (${fmt(c.cliAgainRssMb)}) |`,
    );
  }
  return { table: lines.join('\n') };
}

/** Time against rows on log-log axes, one line per measurement. */
export function chart(cases: BenchCase[]): string {
  const W = 640;
  const H = 400;
  const pad = { l: 70, r: 170, t: 30, b: 50 };
  const series: { name: string; colour: string; get: (c: BenchCase) => number }[] = [
    { name: 'engine', colour: '#0F6E6E', get: (c) => c.engineMs },
    { name: 'formulas (HyperFormula)', colour: '#E5534B', get: (c) => c.formulaMs },
    { name: '.xlsx read', colour: '#6E7681', get: (c) => c.xlsxReadMs },
    { name: '.xlsx write', colour: '#F2B705', get: (c) => c.xlsxWriteMs },
  ];
  const xs = cases.map((c) => c.rows);
  const ys = cases.flatMap((c) => series.map((s) => Math.max(0.1, s.get(c))));
  const lx = (v: number) => Math.log10(v);
  const [x0, x1] = [Math.floor(lx(Math.min(...xs))), Math.ceil(lx(Math.max(...xs)))];
  const [y0, y1] = [Math.floor(lx(Math.min(...ys))), Math.ceil(lx(Math.max(...ys)))];
  const px = (v: number) => pad.l + ((lx(v) - x0) / Math.max(1, x1 - x0)) * (W - pad.l - pad.r);
  const py = (v: number) => H - pad.b - ((lx(Math.max(0.1, v)) - y0) / Math.max(1, y1 - y0)) * (H - pad.t - pad.b);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="Segoe UI, sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H}" fill="#ffffff"/>`,
    `<text x="${pad.l}" y="18" font-size="14" font-weight="600">Time against workbook size (log-log)</text>`,
  ];
  for (let e = x0; e <= x1; e++) {
    const x = px(10 ** e);
    parts.push(
      `<line x1="${x}" y1="${pad.t}" x2="${x}" y2="${H - pad.b}" stroke="#e5e5e5"/>`,
      `<text x="${x}" y="${H - pad.b + 18}" text-anchor="middle">${fmt(10 ** e)}</text>`,
    );
  }
  for (let e = y0; e <= y1; e++) {
    const y = py(10 ** e);
    parts.push(
      `<line x1="${pad.l}" y1="${y}" x2="${W - pad.r}" y2="${y}" stroke="#e5e5e5"/>`,
      `<text x="${pad.l - 8}" y="${y + 4}" text-anchor="end">${fmt(10 ** e)} ms</text>`,
    );
  }
  parts.push(`<text x="${(pad.l + W - pad.r) / 2}" y="${H - 12}" text-anchor="middle">data rows</text>`);
  series.forEach((s, i) => {
    const points = cases.map((c) => `${px(c.rows).toFixed(1)},${py(s.get(c)).toFixed(1)}`).join(' ');
    parts.push(`<polyline points="${points}" fill="none" stroke="${s.colour}" stroke-width="2.5"/>`);
    for (const c of cases)
      parts.push(`<circle cx="${px(c.rows).toFixed(1)}" cy="${py(s.get(c)).toFixed(1)}" r="3.5" fill="${s.colour}"/>`);
    const ly = pad.t + 10 + i * 22;
    parts.push(
      `<line x1="${W - pad.r + 16}" y1="${ly}" x2="${W - pad.r + 36}" y2="${ly}" stroke="${s.colour}" stroke-width="3"/>`,
      `<text x="${W - pad.r + 42}" y="${ly + 4}">${s.name}</text>`,
    );
  });
  parts.push('</svg>');
  return parts.join('\n') + '\n';
}
