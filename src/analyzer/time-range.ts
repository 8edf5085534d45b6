import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsISO8601, IsString, Matches } from 'class-validator';
import { badRequest } from '../common/errors/gateway-error';
import { Optional } from '../common/validation/decorators';
import { type ApplianceZone, wallClock } from './appliance-zone';

/** FAZ `time-range` bounds: `yyyy-MM-dd HH:mm:ss` (docs/upstream-api.md §9.2). */
export interface FazTimeRange {
  start: string;
  end: string;
}

/**
 * REST `from`/`to` (RFC 3339, validated by the DTO) → FAZ `time-range` as wall-clock time in the
 * appliance's own system time zone, DST included (FAZ reads the bounds in its zone: field report,
 * rstierli/fortianalyzer-mcp utils/time_range.py; see FazAppliance for how the zone is read). `to` must be
 * after `from`. Both absent is allowed where `optional` (alerts, incidents).
 */
export function fazTimeRange(
  from: string | undefined,
  to: string | undefined,
  zone: ApplianceZone,
  optional = false,
): FazTimeRange | undefined {
  if (from === undefined && to === undefined && optional) return undefined;
  if (from === undefined || to === undefined) {
    throw badRequest('Give both `from` and `to` (RFC 3339 date-times).');
  }
  const start = Date.parse(from);
  const end = Date.parse(to);
  if (!Number.isFinite(start) || !Number.isFinite(end)) {
    throw badRequest('`from` and `to` must be RFC 3339 date-times.');
  }
  if (start >= end) throw badRequest('The time range is empty: `from` must be before `to`.');
  return { start: wallClock(start, zone), end: wallClock(end, zone) };
}

/** REST device names (`FGT-HQ[root]`, `FGT-HQ`) → FAZ `device` list; none = every FortiGate. */
export function fazDevices(devices?: string[]): Record<string, string>[] {
  if (!devices?.length) return [{ devid: 'All_FortiGate' }];
  return devices.map((d) => ({ devname: d }));
}

const DEVICE = /^[^\u0000-\u001f\u007f[\]]{1,64}(\[[^\u0000-\u001f\u007f[\]]{1,32}\])?$/;
const MAX_DEVICES = 256;

/**
 * The `devices` of a log search, FortiView run or report: each a device name, optionally with `[vdom]`,
 * as fazDevices passes them on. One rule for the three, so a name one accepts is never refused by another.
 */
export function FazDevices() {
  return applyDecorators(
    // Spelled out: the Swagger plugin reads constraints only from decorators written on the property.
    ApiPropertyOptional({
      type: 'array',
      items: { type: 'string', pattern: DEVICE.source },
      maxItems: MAX_DEVICES,
      example: ['FGT-HQ-CLUSTER[root]'],
      description: 'Device names, optionally with `[vdom]`; all FortiGates when absent.',
    }),
    Optional(),
    IsArray(),
    ArrayMaxSize(MAX_DEVICES),
    IsString({ each: true }),
    Matches(DEVICE, { each: true, message: 'each device must be a name, optionally followed by [vdom]' }),
  );
}

/** A `from`/`to` bound in a DTO: a strict RFC 3339 date-time, turned into FAZ's form by fazTimeRange. */
export function FazTime(options: { example: string; description?: string; optional?: boolean }) {
  const doc = {
    example: options.example,
    ...(options.description ? { description: options.description } : {}),
  };
  return options.optional
    ? applyDecorators(ApiPropertyOptional(doc), Optional(), IsISO8601({ strict: true }))
    : applyDecorators(ApiProperty(doc), IsISO8601({ strict: true }));
}
