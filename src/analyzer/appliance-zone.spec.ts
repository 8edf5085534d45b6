import {
  offsetMinutes,
  parseDisplayZone,
  UTC_ZONE,
  wallClock,
  withUtcTimes,
  zoneFromStatus,
} from './appliance-zone';
import { fazTimeRange } from './time-range';

const brussels = { kind: 'iana', name: 'Europe/Brussels' } as const;

describe('appliance time zone', () => {
  it('reads TZ first, then Time Zone as an IANA name or FortiOS display text', () => {
    expect(zoneFromStatus({ TZ: 'Europe/Brussels', 'Time Zone': '(GMT+0:00) GMT' })).toEqual({
      zone: brussels,
      source: 'TZ: Europe/Brussels',
    });
    expect(zoneFromStatus({ 'Time Zone': '(GMT+1:00) Brussels, Copenhagen, Madrid, Paris' }).zone).toEqual(
      brussels,
    );
    expect(zoneFromStatus({ 'Time Zone': 'America/New_York' }).zone).toEqual({
      kind: 'iana',
      name: 'America/New_York',
    });
    expect(zoneFromStatus({ 'Time Zone': '(GMT-5:00) Eastern Time (US & Canada)' }).zone).toEqual({
      kind: 'iana',
      name: 'America/New_York',
    });
    expect(zoneFromStatus({ 'Time Zone': '(GMT+0:00) GMT' }).zone).toEqual(UTC_ZONE);
  });

  it('reads an unknown city list as the fixed offset it shows, without DST', () => {
    expect(parseDisplayZone('(GMT+5:45) Kathmandu')).toEqual({
      kind: 'fixed',
      offsetMinutes: 345,
      name: 'UTC+05:45',
    });
    // A known city with an offset that does not match its zone is not trusted either.
    expect(parseDisplayZone('(GMT+3:00) Brussels')).toEqual({
      kind: 'fixed',
      offsetMinutes: 180,
      name: 'UTC+03:00',
    });
  });

  it('falls back to UTC with a warning when there is no zone or it cannot be parsed', () => {
    expect(zoneFromStatus({ Version: 'v7.0.0' })).toMatchObject({
      zone: UTC_ZONE,
      warning: expect.any(String),
    });
    expect(zoneFromStatus({ TZ: 'Mars/Olympus', 'Time Zone': 'somewhere' })).toMatchObject({
      zone: UTC_ZONE,
      warning: expect.stringContaining('Mars/Olympus'),
    });
    expect(zoneFromStatus(undefined).warning).toBeDefined();
  });

  it('sends RFC 3339 instants as wall clock in the zone, DST included', () => {
    expect(fazTimeRange('2025-07-15T10:00:00Z', '2025-07-15T11:00:00Z', brussels)).toEqual({
      start: '2025-07-15 12:00:00',
      end: '2025-07-15 13:00:00',
    });
    expect(fazTimeRange('2025-01-15T10:00:00Z', '2025-01-15T11:00:00Z', brussels)).toEqual({
      start: '2025-01-15 11:00:00',
      end: '2025-01-15 12:00:00',
    });
    // Offsets in the input are honoured; the skipped hour of 2025-03-30 is skipped.
    expect(fazTimeRange('2025-03-30T01:30:00+01:00', '2025-03-30T01:30:00Z', brussels)).toEqual({
      start: '2025-03-30 01:30:00',
      end: '2025-03-30 03:30:00',
    });
    expect(
      wallClock(Date.parse('2025-07-15T10:00:00Z'), {
        kind: 'fixed',
        offsetMinutes: -300,
        name: 'UTC-05:00',
      }),
    ).toBe('2025-07-15 05:00:00');
    expect(offsetMinutes(Date.parse('2025-10-26T00:59:59Z'), brussels)).toBe(120);
    expect(offsetMinutes(Date.parse('2025-10-26T01:00:00Z'), brussels)).toBe(60);
  });

  it('adds RFC 3339 UTC times to rows and keeps FAZ fields', () => {
    expect(withUtcTimes({ itime: 1736150000, eventtime: '1736149999123456789', date: 'x' })).toEqual({
      itime: 1736150000,
      eventtime: '1736149999123456789',
      date: 'x',
      receivedAt: '2025-01-06T07:53:20Z',
      loggedAt: '2025-01-06T07:53:19.123Z',
    });
    expect(withUtcTimes({ date: '2025-07-15', time: '12:00:00', tz: '+0200' })).toMatchObject({
      loggedAt: '2025-07-15T10:00:00Z',
    });
    expect(withUtcTimes({ srcip: '10.0.0.1' })).toEqual({ srcip: '10.0.0.1' });
  });

  it('formats times as toISOString does, whichever seconds follow each other (the formatted seconds are reused)', () => {
    const times = [
      1736150000000, 1736150000007, 1736149999120, 1736150000999, 1736150001000, 1736149999120, 1000000000000,
      9999999999999,
    ];
    for (const ms of times) {
      const text = new Date(ms).toISOString();
      expect(withUtcTimes({ itime: String(ms) }).receivedAt).toBe(
        ms % 1000 === 0 ? `${text.slice(0, 19)}Z` : text,
      );
    }
  });
});
