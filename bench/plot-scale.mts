/**
 * `npm run -s bench -- --scale | npm run -s bench:plot > docs/scale.svg`: the scale table as a picture.
 *
 * Reads the markdown table `bench/scale.mts` prints and draws, per series (pages, NDJSON, FAZ export), the
 * gateway's CPU per 1000 rows and its peak RSS over idle against the number of rows (log scale), so "flat
 * as the work grows" can be seen at a glance. Plain SVG, no dependencies.
 */
import { readFileSync } from 'node:fs';

interface Point {
  rows: number;
  cpu: number;
  rss: number;
}

const ROWS: Record<string, number> = { '1k': 1e3, '10k': 1e4, '100k': 1e5, '1M': 1e6 };
const COLOURS = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728'];

function parse(text: string): Map<string, Point[]> {
  const series = new Map<string, Point[]>();
  for (const line of text.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    // | data | rows | client | rows/s | vs direct | gw CPU/1k | emu CPU/1k | peak RSS | over idle |
    if (cells.length < 10 || cells[3] !== 'gateway' || !(cells[2] in ROWS)) continue;
    const points = series.get(cells[1]) ?? [];
    points.push({ rows: ROWS[cells[2]], cpu: Number(cells[6]), rss: Number(cells[9]) });
    series.set(cells[1], points);
  }
  return series;
}

function panel(series: Map<string, Point[]>, pick: (p: Point) => number, title: string, x0: number): string {
  const [w, h, pad] = [420, 260, 48];
  const all = [...series.values()].flat();
  const yMax = Math.ceil((Math.max(...all.map(pick)) * 1.15) / 10) * 10;
  const sx = (rows: number) => x0 + pad + ((Math.log10(rows) - 3) / 3) * (w - 2 * pad);
  const sy = (v: number) => h - pad + 20 - (v / yMax) * (h - 2 * pad);
  const out = [`<text x="${x0 + w / 2}" y="28" text-anchor="middle" font-weight="bold">${title}</text>`];
  out.push(`<line x1="${sx(1e3)}" y1="${sy(0)}" x2="${sx(1e6)}" y2="${sy(0)}" stroke="#333"/>`);
  out.push(`<line x1="${sx(1e3)}" y1="${sy(0)}" x2="${sx(1e3)}" y2="${sy(yMax)}" stroke="#333"/>`);
  for (const [label, rows] of Object.entries(ROWS)) {
    out.push(`<text x="${sx(rows)}" y="${sy(0) + 16}" text-anchor="middle">${label}</text>`);
  }
  for (let i = 0; i <= 4; i++) {
    const v = (yMax * i) / 4;
    out.push(`<text x="${sx(1e3) - 6}" y="${sy(v) + 4}" text-anchor="end">${v}</text>`);
    out.push(`<line x1="${sx(1e3)}" y1="${sy(v)}" x2="${sx(1e6)}" y2="${sy(v)}" stroke="#ddd"/>`);
  }
  [...series.entries()].forEach(([, points], i) => {
    const path = points.map((p) => `${sx(p.rows).toFixed(1)},${sy(pick(p)).toFixed(1)}`).join(' ');
    out.push(`<polyline points="${path}" fill="none" stroke="${COLOURS[i]}" stroke-width="2"/>`);
    for (const p of points) {
      out.push(`<circle cx="${sx(p.rows)}" cy="${sy(pick(p))}" r="3.5" fill="${COLOURS[i]}"/>`);
    }
  });
  return out.join('\n');
}

const series = parse(readFileSync(0, 'utf8'));
if (series.size === 0) {
  process.stderr.write(
    'plot-scale: no scale table on standard input (pipe `npm run -s bench -- --scale` into it)\n',
  );
  process.exit(1);
}
const legend = [...series.keys()]
  .map((name, i) => `<text x="${60 + i * 200}" y="318" fill="${COLOURS[i]}">■ ${name}</text>`)
  .join('\n');
process.stdout.write(
  `<svg xmlns="http://www.w3.org/2000/svg" width="880" height="330" font-family="sans-serif" font-size="12">
<rect width="100%" height="100%" fill="white"/>
${panel(series, (p) => p.cpu, 'Gateway CPU ms per 1000 rows', 0)}
${panel(series, (p) => p.rss, 'Gateway peak RSS over idle, MB', 440)}
${legend}
</svg>
`,
);
