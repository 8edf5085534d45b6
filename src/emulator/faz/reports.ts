/**
 * Reports (docs/upstream-api.md §9.5): layouts under `report/adom/{adom}/config/layout`, runs started with
 * `add report/adom/{adom}/run {schedule: <layout-id>}` (UUID tid), status `get .../run/{tid}`, and the
 * output `get .../reports/data/{tid} {format}` as base64. Output content is a small real PDF or HTML
 * page built from the generated logs. Status fields and the data answer's shape are [U].
 */
import { randomUUID } from 'node:crypto';
import type { Ctx } from '../core/context';
import type { Row } from '../core/filter';
import { logSources, logsOf, logStart, type LogClock } from './logs';
import { adomOf, clockOf, fazState, invalidTid, selectSources, singleUseTids, timeRange } from './state';
import { E, fail } from '../core/status';
import { str } from '../core/util';

export const LAYOUTS: Row[] = [
  {
    'layout-id': 1,
    title: 'Threat Report',
    description: 'Top threats, attacks and infected hosts.',
    category: 'Security',
  },
  {
    'layout-id': 2,
    title: 'Bandwidth and Applications Report',
    description: 'Top sources, destinations and applications.',
    category: 'Network',
  },
  {
    'layout-id': 3,
    title: 'Admin and System Events Report',
    description: 'Logins, configuration changes and VPN events.',
    category: 'Operations',
  },
];

export function reportHandler(ctx: Ctx): unknown {
  const [, adomSeg, adomName, family, ...rest] = ctx.segs;
  if (adomSeg !== 'adom') fail(E.INVALID_URL);
  const adom = adomOf(ctx.store, adomName);
  const state = fazState(ctx.store);
  const path = [family, ...rest].join('/');
  if (path === 'config/layout') {
    if (ctx.method !== 'get') fail(E.INVALID_CMD);
    return LAYOUTS;
  }
  if (path === 'run') {
    if (ctx.method !== 'add') fail(E.INVALID_CMD);
    const layout = LAYOUTS.find((l) => String(l['layout-id']) === str(ctx.p.schedule));
    if (!layout) return fail(E.NOT_FOUND, `no schedule for layout ${str(ctx.p.schedule)}`);
    const param = (ctx.p['schedule-param'] ?? {}) as Row;
    const clock = clockOf(ctx);
    const [start, end] =
      param['time-range'] !== undefined
        ? timeRange(param['time-range'], clock.zone)
        : [logStart(clock), clock.until];
    const devices = selectSources(adom, param.device).map((s) => `${s.devname}[${s.vd}]`);
    const tid = randomUUID();
    state.reports.set(tid, {
      tid,
      adom: adomName,
      layoutId: layout['layout-id'] as number,
      title: layout.title as string,
      start,
      end,
      devices,
      started: Date.now(),
    });
    return { tid };
  }
  const isRun = family === 'run' && rest.length === 1;
  const isData = family === 'reports' && rest[0] === 'data' && rest.length === 2;
  if (!isRun && !isData) return fail(E.INVALID_URL);
  const run = state.reports.get(rest[rest.length - 1]);
  if (!run || run.adom !== adomName) return invalidTid(ctx, rest[rest.length - 1]);
  const progress = state.percentage(run.started, state.reportMs);
  if (isRun) {
    if (ctx.method === 'delete') {
      state.reports.delete(run.tid);
      return undefined;
    }
    if (ctx.method !== 'get') fail(E.INVALID_CMD);
    return {
      tid: run.tid,
      'layout-id': run.layoutId,
      title: run.title,
      state: progress < 100 ? 'running' : 'generated',
      'progress-percent': progress,
      'period-start': run.start,
      'period-end': run.end,
      devices: run.devices,
      'start-time': Math.floor(run.started / 1000),
    };
  }
  if (ctx.method !== 'get') fail(E.INVALID_CMD);
  if (progress < 100) fail(E.INVALID_PARAM, 'report is not generated yet');
  const format = str(ctx.p.format ?? 'PDF').toUpperCase();
  if (format !== 'PDF' && format !== 'HTML') fail(E.INVALID_PARAM, `unsupported format ${format}`);
  const lines = summary(ctx, run, clockOf(ctx));
  // [U] 7.4+: the report is reaped once its output was handed out (the emulator's guess, by analogy with
  // log searches); a second download needs a new run.
  if (singleUseTids(ctx)) state.reports.delete(run.tid);
  const content = format === 'PDF' ? pdf(run.title, lines) : html(run.title, lines);
  return {
    name: `${run.title.replace(/\W+/g, '_')}-${run.tid.slice(0, 8)}.${format.toLowerCase()}`,
    'data-type': 'base64',
    format,
    length: content.length,
    data: content.toString('base64'),
  };
}

function summary(
  ctx: Ctx,
  run: { adom: string; start: number; end: number; title: string },
  clock: LogClock,
): string[] {
  const adom = adomOf(ctx.store, run.adom);
  const inRange = (r: Row) => (r.itime as number) >= run.start && (r.itime as number) <= run.end;
  const srcs = logSources(adom);
  const traffic = logsOf('traffic', srcs, clock).filter(inRange);
  const attacks = logsOf('attack', srcs, clock).filter(inRange);
  const iso = (t: number) => new Date(t * 1000).toISOString().replace('.000Z', 'Z');
  return [
    `ADOM ${run.adom}, ${iso(run.start)} to ${iso(run.end)}`,
    `Traffic sessions: ${traffic.length}`,
    `Denied sessions: ${traffic.filter((r) => r.action === 'deny').length}`,
    `IPS events: ${attacks.length} (critical: ${attacks.filter((r) => r.severity === 'critical').length})`,
  ];
}

function html(title: string, lines: string[]): Buffer {
  const esc = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return Buffer.from(
    `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${esc(title)}</title></head><body><h1>${esc(title)}</h1><ul>${lines
      .map((l) => `<li>${esc(l)}</li>`)
      .join('')}</ul></body></html>`,
  );
}

/** A one-page PDF 1.4 with a Helvetica text block; offsets in the xref table are computed exactly. */
function pdf(title: string, lines: string[]): Buffer {
  const esc = (s: string) => s.replace(/[\\()]/g, '\\$&').replace(/[^\x20-\x7e]/g, '?');
  const text = [
    `/F1 18 Tf 72 760 Td (${esc(title)}) Tj`,
    ...lines.map((l) => `/F1 11 Tf 0 -24 Td (${esc(l)}) Tj`),
  ];
  const stream = `BT\n${text.join('\n')}\nET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${Buffer.byteLength(stream)} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out);
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  out += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}
