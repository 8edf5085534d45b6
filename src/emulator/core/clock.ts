/**
 * The emulated FortiAnalyzer's clock: its system time zone (an IANA name, default Europe/Brussels) and
 * the end of its demo log window. FAZ reads `time-range` bounds as wall-clock time in its own zone
 * (field report: rstierli/fortianalyzer-mcp, utils/time_range.py and api/client.py), so the emulator
 * turns `yyyy-MM-dd HH:mm:ss` into instants in that zone, DST included, with Node's Intl.
 */

export const DEFAULT_FAZ_TIME_ZONE = 'Europe/Brussels';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** Throws a RangeError for a zone Intl does not know. */
export function checkZone(zone: string): string {
  formatter(zone);
  return zone;
}

/** Wall-clock fields of instant `ms` in `zone`, as Intl computes them (a few µs per call). */
function intlFields(ms: number, zone: string): [number, number, number, number, number, number] {
  const parts = Object.fromEntries(
    formatter(zone)
      .formatToParts(new Date(ms))
      .map((p) => [p.type, p.value]),
  );
  return [
    Number(parts.year),
    Number(parts.month),
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  ];
}

const QUARTER_HOUR_MS = 900_000;
const offsets = new Map<string, number>();

/**
 * Offsets change only at transitions, which fall on a quarter hour (every offset in use today is a whole
 * number of quarter hours): one Intl call per zone and quarter hour, not per log row (a million
 * synthetic rows would otherwise spend seconds in Intl).
 */
function offsetAt(ms: number, zone: string): number {
  const key = `${zone}|${Math.floor(ms / QUARTER_HOUR_MS)}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    const [y, mo, d, h, mi, s] = intlFields(ms, zone);
    offset = Date.UTC(y, mo - 1, d, h, mi, s) - Math.floor(ms / 1000) * 1000;
    if (offsets.size >= 100_000) offsets.clear();
    offsets.set(key, offset);
  }
  return offset;
}

/** Wall-clock fields of instant `ms` in `zone`. */
export function wallFields(ms: number, zone: string): [number, number, number, number, number, number] {
  const t = new Date(Math.floor(ms / 1000) * 1000 + offsetAt(ms, zone));
  return [
    t.getUTCFullYear(),
    t.getUTCMonth() + 1,
    t.getUTCDate(),
    t.getUTCHours(),
    t.getUTCMinutes(),
    t.getUTCSeconds(),
  ];
}

/** Offset of `zone` from UTC at instant `ms`, in ms (positive east of Greenwich). */
export function zoneOffsetMs(ms: number, zone: string): number {
  return offsetAt(ms, zone);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `yyyy-MM-dd HH:mm:ss` of instant `ms` in `zone`. */
export function wallClock(ms: number, zone: string): string {
  const [y, mo, d, h, mi, s] = wallFields(ms, zone);
  return `${y}-${pad(mo)}-${pad(d)} ${pad(h)}:${pad(mi)}:${pad(s)}`;
}

/**
 * The instant a wall-clock time names in `zone`. An ambiguous time (the repeated hour when DST ends)
 * is read as its earlier occurrence; a time that does not exist (the skipped hour) with the offset
 * before the change, i.e. one hour later. [U] How FAZ resolves both is not documented.
 */
export function fromWallClock(
  fields: [number, number, number, number, number, number],
  zone: string,
): number {
  const [y, mo, d, h, mi, s] = fields;
  const asUtc = Date.UTC(y, mo - 1, d, h, mi, s);
  const before = zoneOffsetMs(asUtc - 86_400_000, zone);
  const after = zoneOffsetMs(asUtc + 86_400_000, zone);
  const valid = [asUtc - before, asUtc - after].filter((t) => zoneOffsetMs(t, zone) === asUtc - t);
  return valid.length ? Math.min(...valid) : asUtc - before;
}

/** `+0100` style offset of `zone` at instant `ms` (the `tz` field of FortiGate logs). */
export function offsetText(ms: number, zone: string): string {
  const off = zoneOffsetMs(ms, zone) / 60_000;
  const sign = off < 0 ? '-' : '+';
  const a = Math.abs(off);
  return `${sign}${pad(Math.floor(a / 60))}${pad(a % 60)}`;
}

/** sys/status `Time Zone` as older builds show it, e.g. `(GMT+1:00) Brussels, Copenhagen, Madrid, Paris`. */
export function zoneDisplay(zone: string, now = Date.now()): string {
  const cities: Record<string, string> = {
    'Europe/Brussels': 'Brussels, Copenhagen, Madrid, Paris',
    'Europe/Zurich': 'Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna',
    'Europe/Berlin': 'Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna',
    'Europe/London': 'Dublin, Edinburgh, Lisbon, London, Canary Is.',
    'America/New_York': 'Eastern Time (US & Canada)',
    'America/Los_Angeles': 'Pacific Time (US & Canada)',
    'Asia/Tokyo': 'Osaka, Sapporo, Tokyo',
    UTC: 'GMT',
  };
  // The standard (winter) offset, as FortiOS' zone list names zones.
  const jan = Date.UTC(new Date(now).getUTCFullYear(), 0, 15);
  const off = zoneOffsetMs(jan, zone) / 60_000;
  const sign = off < 0 ? '-' : '+';
  const a = Math.abs(off);
  return `(GMT${sign}${Math.floor(a / 60)}:${pad(a % 60)}) ${cities[zone] ?? zone.split('/').pop()!.replace(/_/g, ' ')}`;
}
