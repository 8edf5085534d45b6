import { SEED_TIME } from './store';

/** The fixed demo clock of older emulator builds (logs in 2024-12/2025-01): what tests compare against. */
const LEGACY_LOGS_UNTIL = SEED_TIME;

/** Which box is emulated: product personality and firmware version (drives sys/status and version bugs). */

export type EmulatorProduct = 'fortimanager' | 'fortianalyzer';

export const PRODUCTS: readonly EmulatorProduct[] = ['fortimanager', 'fortianalyzer'];

export const DEFAULT_VERSION = 'v7.6.5-build3653 250124 (GA)';

export interface FirmwareVersion {
  /** As shown in sys/status `Version`, e.g. "v7.6.5-build3653 250124 (GA)". */
  text: string;
  major: number;
  minor: number;
  patch: number;
  build: number;
  /** sys/status `Release Version Information`, e.g. " (GA)". */
  release: string;
}

export interface ProductInfo {
  product: EmulatorProduct;
  version: FirmwareVersion;
  hostname: string;
  platform: string;
  serial: string;
  /** OAuth `client_id` a FortiCloud token for this product is issued to (docs/upstream-api.md §5.3). */
  cloudClientId: 'FortiManager' | 'FortiAnalyzer';
  /** The appliance's system time zone (IANA), in which FAZ reads `time-range` bounds. */
  timeZone: string;
  /** End of the generated demo logs (epoch s): they cover the 7 days before it. */
  logsUntil: number;
}

/** What FAZ task ids (log searches, FortiView runs, report runs) survive; see tidsAreSingleUse. */
export type TidBehaviour = 'reusable' | 'single-use';

export interface ClockOptions {
  timeZone?: string;
  logsUntil?: number;
}

export function productInfo(
  product: EmulatorProduct,
  version: string,
  clock: ClockOptions = {},
): ProductInfo {
  const v = parseVersion(version);
  const timeZone = clock.timeZone ?? 'UTC';
  const logsUntil = clock.logsUntil ?? LEGACY_LOGS_UNTIL;
  switch (product) {
    case 'fortimanager':
      return {
        product,
        version: v,
        hostname: 'FMG-EMULATOR',
        platform: 'FortiManager-VM64',
        serial: 'FMG-VMTM26000001',
        cloudClientId: 'FortiManager',
        timeZone,
        logsUntil,
      };
    case 'fortianalyzer':
      return {
        product,
        version: v,
        hostname: 'FAZ-EMULATOR',
        platform: 'FortiAnalyzer-VM64',
        serial: 'FAZ-VMTM26000001',
        cloudClientId: 'FortiAnalyzer',
        timeZone,
        logsUntil,
      };
    default:
      throw new Error(`unknown emulator product ${String(product)}; expected ${PRODUCTS.join(' or ')}`);
  }
}

/** Parses the sys/status `Version` format: `v<major>.<minor>.<patch>-build<n>[ <yymmdd>][ (<release>)]`. */
export function parseVersion(text: string): FirmwareVersion {
  const m = /^v(\d+)\.(\d+)\.(\d+)-build(\d+)\b(.*)$/.exec(text);
  if (!m) throw new Error(`invalid emulator version "${text}"; expected e.g. "${DEFAULT_VERSION}"`);
  const release = /\(([^)]*)\)\s*$/.exec(m[5]);
  return {
    text,
    major: Number(m[1]),
    minor: Number(m[2]),
    patch: Number(m[3]),
    build: Number(m[4]),
    release: release ? ` (${release[1]})` : '',
  };
}

const cmp = (v: FirmwareVersion, [a, b, c]: [number, number, number]) =>
  v.major - a || v.minor - b || v.patch - c;

/**
 * Parallel requests with the same API key sporadically answer -11 on FMG 7.2.7 – 7.4.7 (reference
 * §5.2). Fixed in 7.6.2; the reference names no other affected range, so 7.6.0/7.6.1 are left out.
 * [U] Applied to the FortiAnalyzer personality as well (same JSON-RPC front end).
 */
export const hasParallelTokenBug = (v: FirmwareVersion): boolean =>
  cmp(v, [7, 2, 7]) >= 0 && cmp(v, [7, 4, 7]) <= 0;

/**
 * FAZ 7.4 and later hand out a log-search tid for one fetch and then reap the task (field report:
 * rstierli/fortianalyzer-mcp tests/test_log_pagination.py, "the contract discovered on the lab FAZ 7.6.x";
 * the 7.4 boundary is from the field reports). Older builds let a client fetch a tid again and again.
 * [U] That FortiView runs and report downloads follow the same rule is the emulator's guess.
 */
export const tidBehaviour = (v: FirmwareVersion): TidBehaviour =>
  cmp(v, [7, 4, 0]) >= 0 ? 'single-use' : 'reusable';
