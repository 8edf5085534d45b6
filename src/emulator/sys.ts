/** sys/status, cli/global/system/status and cli/global/system/global (read-only). */
import type { Ctx } from './context';
import { viewObject } from './query';
import { E_INVALID_CMD, E_INVALID_URL, fail } from './status';

const STATUS = {
  'Admin Domain Configuration': 'Enabled',
  'BIOS version': '04000002',
  'Branch Point': '3653',
  Build: 3653,
  'Daylight Time Saving': 'Yes',
  'FIPS Mode': 'Disabled',
  'HA Mode': 'Stand Alone',
  Hostname: 'FMG-EMULATOR',
  'License Status': 'Valid',
  Major: 7,
  'Max Number of Admin Domains': 10000,
  'Max Number of Device Groups': 10000,
  Minor: 6,
  'Offline Mode': 'Disabled',
  Patch: 5,
  'Platform Full Name': 'FortiManager-VM64',
  'Platform Type': 'FortiManager-VM64',
  'Release Version Information': ' (GA)',
  'Serial Number': 'FMG-VMTM26000001',
  'Time Zone': '(GMT+0:00) GMT',
  Version: 'v7.6.5-build3653 250124 (GA)',
  'x86-64 Applications': 'Yes',
};

// workspace-mode/adom-status are what clients probe to detect per-ADOM locking (reference §6).
const GLOBAL = {
  'adom-mode': 'normal',
  'adom-select': 'enable',
  'adom-status': 'enable',
  'clone-name-option': 'default',
  hostname: 'FMG-EMULATOR',
  language: 'english',
  'management-port': 541,
  timezone: '00',
  'workspace-mode': 'per-adom',
};

export function sysHandler(ctx: Ctx): unknown {
  const url = ctx.segs.join('/');
  let body: Record<string, unknown>;
  if (url === 'sys/status' || url === 'cli/global/system/status') {
    body = { ...STATUS, 'Current Time': new Date().toUTCString() };
  } else if (url === 'cli/global/system/global') {
    body = GLOBAL;
  } else {
    return fail(E_INVALID_URL);
  }
  // [U] Writes to system settings are not emulated.
  if (ctx.method !== 'get') fail(E_INVALID_CMD);
  return viewObject(body, ctx.p);
}
