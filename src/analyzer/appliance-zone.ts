/**
 * The FortiAnalyzer's system time zone and wall-clock arithmetic in it (Node's Intl: IANA zones and DST,
 * no dependency). FAZ reads `time-range` bounds as wall-clock time in its own zone (field report:
 * rstierli/fortianalyzer-mcp, src/fortianalyzer_mcp/utils/time_range.py), which `/sys/status` names as
 * `TZ` (an IANA name, e.g. `Europe/Brussels`) on some builds and only as `Time Zone` on others, e.g.
 * `(GMT+1:00) Brussels, Copenhagen, Madrid, Paris` (rstierli/fortianalyzer-mcp, api/client.py).
 */

/** A zone the gateway can compute wall clocks in: an IANA name, or a fixed offset without DST. */
export type ApplianceZone =
  { kind: 'iana'; name: string } | { kind: 'fixed'; offsetMinutes: number; name: string };

export const UTC_ZONE: ApplianceZone = { kind: 'iana', name: 'UTC' };

export interface ZoneReading {
  zone: ApplianceZone;
  /** The status field and text it came from, e.g. `TZ: Europe/Brussels`. */
  source?: string;
  /** Set when the zone could not be read or parsed and the gateway fell back to UTC. */
  warning?: string;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(name: string): Intl.DateTimeFormat {
  let f = formatters.get(name);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: name,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(name, f);
  }
  return f;
}

/** The IANA name Intl knows it by, or undefined. */
export function ianaZone(name: string): string | undefined {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]{1,63}$/.test(name)) return undefined;
  try {
    formatter(name);
    return name;
  } catch {
    return undefined;
  }
}

/** Offset of `zone` from UTC at instant `ms`, in minutes (positive east of Greenwich). */
export function offsetMinutes(ms: number, zone: ApplianceZone): number {
  if (zone.kind === 'fixed') return zone.offsetMinutes;
  const p = Object.fromEntries(
    formatter(zone.name)
      .formatToParts(new Date(ms))
      .map((x) => [x.type, x.value]),
  );
  const asUtc = Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second);
  return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60_000);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Instant `ms` as FAZ's `yyyy-MM-dd HH:mm:ss` wall clock in `zone`. */
export function wallClock(ms: number, zone: ApplianceZone): string {
  const d = new Date(Math.floor(ms / 1000) * 1000 + offsetMinutes(ms, zone) * 60_000);
  return (
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`
  );
}

/**
 * FortiOS' zone list names a zone by its standard offset and a few cities; the cities pick the IANA zone
 * (so DST is right). A city list we do not know, or whose offset disagrees with the zone, is read as the
 * fixed offset it shows, without DST.
 */
const CITY_ZONES: [RegExp, string][] = [
  [/\bBrussels\b/, 'Europe/Brussels'],
  [/\bParis\b/, 'Europe/Paris'],
  [/\bAmsterdam\b|\bBerlin\b/, 'Europe/Berlin'],
  [/\bBern\b|\bZurich\b/, 'Europe/Zurich'],
  [/\bVienna\b/, 'Europe/Vienna'],
  [/\bRome\b/, 'Europe/Rome'],
  [/\bStockholm\b/, 'Europe/Stockholm'],
  [/\bPrague\b|\bBelgrade\b|\bBudapest\b/, 'Europe/Prague'],
  [/\bWarsaw\b|\bSarajevo\b|\bZagreb\b/, 'Europe/Warsaw'],
  [/\bLondon\b|\bDublin\b|\bLisbon\b|\bEdinburgh\b/, 'Europe/London'],
  [/\bAthens\b|\bBucharest\b/, 'Europe/Athens'],
  [/\bHelsinki\b|\bKyiv\b|\bKiev\b|\bRiga\b|\bTallinn\b|\bVilnius\b/, 'Europe/Helsinki'],
  [/\bIstanbul\b/, 'Europe/Istanbul'],
  [/\bMoscow\b/, 'Europe/Moscow'],
  [/Eastern Time/, 'America/New_York'],
  [/Central Time/, 'America/Chicago'],
  [/Mountain Time/, 'America/Denver'],
  [/Pacific Time/, 'America/Los_Angeles'],
  [/\bTokyo\b|\bOsaka\b/, 'Asia/Tokyo'],
  [/\bSingapore\b|\bKuala Lumpur\b/, 'Asia/Singapore'],
  [/\bHong Kong\b|\bBeijing\b/, 'Asia/Shanghai'],
  [/\bDubai\b|\bAbu Dhabi\b|\bMuscat\b/, 'Asia/Dubai'],
  [/\bKolkata\b|\bMumbai\b|\bNew Delhi\b|\bChennai\b/, 'Asia/Kolkata'],
  [/\bSydney\b|\bCanberra\b|\bMelbourne\b/, 'Australia/Sydney'],
  [/\bAuckland\b|\bWellington\b/, 'Pacific/Auckland'],
];

/** Standard (lowest) offset of an IANA zone over a year, in minutes. */
function standardOffset(name: string): number {
  const y = new Date().getUTCFullYear();
  return Math.min(
    offsetMinutes(Date.UTC(y, 0, 15), { kind: 'iana', name }),
    offsetMinutes(Date.UTC(y, 6, 15), { kind: 'iana', name }),
  );
}

/** `(GMT+1:00) Brussels, …` → the zone; undefined when the text has no `(GMT±h:mm)` prefix. */
export function parseDisplayZone(text: string): ApplianceZone | undefined {
  const m = /^\s*\((?:GMT|UTC)\s*(?:([+-])(\d{1,2}):?(\d{2})?)?\)\s*(.*)$/.exec(text);
  if (!m) return undefined;
  const offset = (m[1] === '-' ? -1 : 1) * (Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0));
  const cities = m[4];
  for (const [re, name] of CITY_ZONES) {
    if (re.test(cities) && ianaZone(name) && standardOffset(name) === offset) return { kind: 'iana', name };
  }
  if (offset === 0) return UTC_ZONE;
  const sign = offset < 0 ? '-' : '+';
  const a = Math.abs(offset);
  return {
    kind: 'fixed',
    offsetMinutes: offset,
    name: `UTC${sign}${pad(Math.floor(a / 60))}:${pad(a % 60)}`,
  };
}

/**
 * The zone `/sys/status` names: `TZ` first (an IANA name), then `Time Zone` (an IANA name, or FortiOS'
 * `(GMT+1:00) Brussels, …`). Neither present or parseable: UTC with a warning.
 */
export function zoneFromStatus(status: Record<string, unknown> | undefined): ZoneReading {
  const tz = typeof status?.TZ === 'string' ? status.TZ.trim() : '';
  const display = typeof status?.['Time Zone'] === 'string' ? status['Time Zone'].trim() : '';
  if (tz) {
    const name = ianaZone(tz);
    if (name) return { zone: { kind: 'iana', name }, source: `TZ: ${tz}` };
  }
  if (display) {
    const name = ianaZone(display);
    if (name) return { zone: { kind: 'iana', name }, source: `Time Zone: ${display}` };
    const zone = parseDisplayZone(display);
    if (zone) return { zone, source: `Time Zone: ${display}` };
  }
  const seen = [tz && `TZ "${tz}"`, display && `Time Zone "${display}"`].filter(Boolean).join(', ');
  return {
    zone: UTC_ZONE,
    warning: seen
      ? `Could not parse the FortiAnalyzer's time zone (${seen}); assuming UTC.`
      : "The FortiAnalyzer's /sys/status names no time zone (no TZ or Time Zone); assuming UTC.",
  };
}

/** Epoch seconds, ms, µs or ns (FAZ's `eventtime` varies by version) → epoch ms. */
function epochMs(v: unknown): number | undefined {
  const s = typeof v === 'number' ? String(Math.trunc(v)) : typeof v === 'string' ? v.trim() : '';
  if (!/^\d{9,19}$/.test(s)) return undefined;
  const digits = s.length;
  if (digits <= 10) return Number(s) * 1000;
  if (digits <= 13) return Number(s);
  if (digits <= 16) return Math.floor(Number(s.slice(0, -3)));
  return Math.floor(Number(s.slice(0, -6)));
}

/** The last two seconds formatted (a log row's `itime` and `eventtime` mostly fall in one or two). */
const isoSeconds = [NaN, NaN];
const isoPrefixes = ['', ''];
/** Epoch ms of 10000-01-01: from there toISOString has more digits. */
const YEAR_10000 = 253_402_300_800_000;

/**
 * RFC 3339 without the `.000` of whole seconds (most log times are). toISOString was ~3 µs of an
 * exported row's CPU: the `YYYY-MM-DDTHH:MM:SS` of a second is kept and reused for its milliseconds.
 */
const iso = (ms: number) => {
  if (!(ms >= 0 && ms < YEAR_10000) || !Number.isInteger(ms)) {
    const text = new Date(ms).toISOString();
    return ms % 1000 === 0 ? `${text.slice(0, 19)}Z` : text;
  }
  const second = Math.floor(ms / 1000);
  let slot = isoSeconds[0] === second ? 0 : isoSeconds[1] === second ? 1 : -1;
  if (slot === -1) {
    // Replace the older slot: move slot 0 to 1 and fill 0.
    isoSeconds[1] = isoSeconds[0];
    isoPrefixes[1] = isoPrefixes[0];
    isoSeconds[0] = second;
    isoPrefixes[0] = new Date(second * 1000).toISOString().slice(0, 19);
    slot = 0;
  }
  const frac = ms - second * 1000;
  return frac === 0 ? `${isoPrefixes[slot]}Z` : `${isoPrefixes[slot]}.${String(frac).padStart(3, '0')}Z`;
};

/**
 * A log row with RFC 3339 UTC times next to FAZ's own fields: `receivedAt` (from `itime`, when FAZ
 * received it) and `loggedAt` (from `eventtime`, else `date` + `time` + `tz`, when the device logged it).
 */
export function withUtcTimes(row: Record<string, unknown>): Record<string, unknown> {
  // A row parsed for this read alone is completed in place (an export of a million rows would copy each
  // once more); one shared by coalesced readers is frozen, and copied.
  const out = Object.isFrozen(row) ? { ...row } : row;
  const itime = epochMs(row.itime);
  if (itime !== undefined) out.receivedAt = iso(itime);
  let logged = epochMs(row.eventtime);
  if (logged === undefined && typeof row.date === 'string' && typeof row.time === 'string') {
    const tz = typeof row.tz === 'string' && /^[+-]\d{4}$/.test(row.tz) ? row.tz : undefined;
    const t = tz ? Date.parse(`${row.date}T${row.time}${tz.slice(0, 3)}:${tz.slice(3)}`) : NaN;
    if (Number.isFinite(t)) logged = t;
  }
  if (logged !== undefined) out.loggedAt = iso(logged);
  return out;
}
