/** sys/status, cli/global/system/status and cli/global/system/global (read-only). */
import type { Ctx } from './context';
import { zoneDisplay } from './clock';
import { tidBehaviour, type ProductInfo } from './product';
import { viewObject } from './query';
import { E, fail } from './status';

/** Fields that do not depend on the product or firmware version. */
const STATUS = {
  'Admin Domain Configuration': 'Enabled',
  'BIOS version': '04000002',
  'Daylight Time Saving': 'Yes',
  'FIPS Mode': 'Disabled',
  'HA Mode': 'Stand Alone',
  'License Status': 'Valid',
  'Max Number of Admin Domains': 10000,
  'Max Number of Device Groups': 10000,
  'Offline Mode': 'Disabled',
  'x86-64 Applications': 'Yes',
};

// workspace-mode/adom-status are what clients probe to detect per-ADOM locking (docs/upstream-api.md §6).
const GLOBAL = {
  'adom-mode': 'normal',
  'adom-select': 'enable',
  'adom-status': 'enable',
  'clone-name-option': 'default',
  language: 'english',
  'management-port': 541,
  timezone: '00',
  'workspace-mode': 'per-adom',
};

function status(info: ProductInfo): Record<string, unknown> {
  const v = info.version;
  const all: Record<string, unknown> = {
    ...STATUS,
    'Branch Point': String(v.build),
    Build: v.build,
    'Current Time': new Date().toUTCString(),
    Hostname: info.hostname,
    Major: v.major,
    Minor: v.minor,
    Patch: v.patch,
    'Platform Full Name': info.platform,
    'Platform Type': info.platform,
    'Release Version Information': v.release,
    'Serial Number': info.serial,
    // [U] Which builds show which field: the FAZ-MCP client reads `TZ` (an IANA name, e.g. Europe/Brussels)
    // "on some builds" and `Time Zone` on others (rstierli/fortianalyzer-mcp api/client.py). The emulator
    // shows `TZ` from 7.4 on (the builds with single-use tids) and `Time Zone` always, FortiOS style.
    'Time Zone': zoneDisplay(info.timeZone),
    ...(tidBehaviour(v) === 'single-use' ? { TZ: info.timeZone } : {}),
    Version: v.text,
  };
  // [U] FMG's own field order is not documented; alphabetical keeps it stable.
  return Object.fromEntries(Object.entries(all).sort(([a], [b]) => a.localeCompare(b)));
}

export function sysHandler(ctx: Ctx): unknown {
  const url = ctx.segs.join('/');
  let body: Record<string, unknown>;
  if (url === 'sys/status' || url === 'cli/global/system/status') {
    body = status(ctx.product);
  } else if (url === 'cli/global/system/global') {
    body = { ...GLOBAL, hostname: ctx.product.hostname };
  } else {
    return fail(E.INVALID_URL);
  }
  // [U] Writes to system settings are not emulated.
  if (ctx.method !== 'get') fail(E.INVALID_CMD);
  return viewObject(body, ctx.p);
}
