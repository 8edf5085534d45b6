import {
  type CatalogueEntry,
  ERROR_CATALOGUE,
  type GatewayErrorCode,
  RETRY_AFTER_SECONDS,
} from '../../common/errors/catalogue';
import { GatewayError, UpstreamDetail } from '../../common/errors/gateway-error';

/**
 * The one table from FortiManager/FortiAnalyzer `result[].status.code` to a catalogue entry, which
 * gives the HTTP status, title and retryability (docs/upstream-api.md §4.1). Unknown codes
 * become 502 with the raw code kept: an answer we do not understand is the upstream's fault, not the
 * client's.
 */
export interface FmgStatusRule extends CatalogueEntry {
  code: GatewayErrorCode;
}

/** `title` only where one catalogue code covers two upstream conditions worth telling apart. */
const rule = (code: GatewayErrorCode, title?: string): FmgStatusRule => ({
  ...ERROR_CATALOGUE[code],
  ...(title ? { title } : {}),
  code,
});

export const FMG_STATUS_TABLE: ReadonlyMap<number, FmgStatusRule> = new Map([
  [-1, rule('FMG_INTERNAL_ERROR')],
  [-2, rule('FMG_OBJECT_EXISTS')],
  [-3, rule('FMG_OBJECT_NOT_FOUND')],
  [-4, rule('FMG_OBJECT_NOT_FOUND')],
  // The gateway built the command, so an unknown command means this upstream version lacks it.
  [-5, rule('FMG_NO_SUCH_COMMAND')],
  // Usually a missing ADOM, package or folder in the url.
  [-6, rule('FMG_INVALID_URL')],
  [-7, rule('FMG_ENTRY_IN_USE')],
  [-8, rule('FMG_INVALID_PARAMETER')],
  [-9, rule('FMG_INVALID_COMMAND_FOR_URL')],
  [-10, rule('FMG_INVALID_DATA')],
  // Reached only after the client has re-logged in once and the code persists: a real permission gap.
  [-11, rule('FMG_PERMISSION_DENIED')],
  // -22 answers the gateway's own service account: not the REST client's fault.
  [-22, rule('UPSTREAM_AUTH_FAILED')],
  [-9998, rule('FMG_INVALID_DATA')],
  [-10015, rule('FMG_OBJECT_IN_USE')],
  [-10131, rule('FMG_REFERENCE_NOT_FOUND')],
  [-10147, rule('FMG_WORKSPACE_NOT_LOCKED')],
  [-20020, rule('FMG_PERMISSION_DENIED', 'No permission for the workflow action')],
  [-20042, rule('FMG_DEVICE_UNREACHABLE')],
  [-20055, rule('FMG_WORKSPACE_LOCKED')],
  [-20063, rule('FMG_ADOM_HAS_DEVICES')],
]);

export const UNKNOWN_FMG_STATUS: FmgStatusRule = rule('FMG_UNKNOWN_ERROR');

export function fmgStatusRule(code: number): FmgStatusRule {
  return FMG_STATUS_TABLE.get(code) ?? UNKNOWN_FMG_STATUS;
}

/** Turns a non-zero upstream status into the domain error the problem filter renders. */
export function fmgStatusToError(
  upstream: UpstreamDetail,
  extensions: Record<string, unknown> = {},
): GatewayError {
  const r = fmgStatusRule(upstream.code);
  return new GatewayError(r.code, upstream.message || r.title, {
    title: r.title,
    upstream,
    extensions: { retryable: r.retryable, ...extensions },
    headers: r.retryable ? { 'Retry-After': String(RETRY_AFTER_SECONDS) } : {},
  });
}

/** Any refused login of the gateway's own account (-22, or -11 for an account without rpc-permit). */
export function loginFailure(upstream: UpstreamDetail): GatewayError {
  return new GatewayError(
    'UPSTREAM_AUTH_FAILED',
    `The upstream refused the gateway's account: ${upstream.message}.`,
    {
      upstream,
    },
  );
}
