import { GatewayError, UpstreamDetail } from '../../common/errors/gateway-error';

/**
 * The one table from FortiManager/FortiAnalyzer `result[].status.code` to HTTP.
 * Sources: ../shared/reference/fortimanager-jsonrpc.md §4 and peers.md §2a (codes marked verified
 * there were probed on FMG 7.6.7). Unknown codes become 502 with the raw code kept: an answer we do
 * not understand is the upstream's fault, not the client's.
 */
export interface FmgStatusRule {
  status: number;
  code: string;
  title: string;
  /** True when the same call may succeed later without any change by the client. */
  retryable: boolean;
}

const rule = (status: number, code: string, title: string, retryable = false): FmgStatusRule => ({
  status,
  code,
  title,
  retryable,
});

export const FMG_STATUS_TABLE: ReadonlyMap<number, FmgStatusRule> = new Map([
  [-1, rule(502, 'FMG_INTERNAL_ERROR', 'FortiManager internal error', true)],
  [-2, rule(409, 'FMG_OBJECT_EXISTS', 'Object already exists')],
  [-3, rule(404, 'FMG_OBJECT_NOT_FOUND', 'Object not found')],
  [-4, rule(404, 'FMG_OBJECT_NOT_FOUND', 'Object not found')],
  // The gateway built the command, so an unknown command means this upstream version lacks it.
  [-5, rule(501, 'FMG_NO_SUCH_COMMAND', 'Command not supported by this FortiManager')],
  // Usually a missing ADOM, package or folder in the url.
  [-6, rule(404, 'FMG_INVALID_URL', 'Resource path not found')],
  [-7, rule(409, 'FMG_ENTRY_IN_USE', 'Entry in use')],
  [-8, rule(400, 'FMG_INVALID_PARAMETER', 'Invalid parameter')],
  [-9, rule(400, 'FMG_INVALID_COMMAND_FOR_URL', 'Operation not valid for this resource')],
  [-10, rule(422, 'FMG_INVALID_DATA', 'Invalid data')],
  // Reached only after the client has re-logged in once and the code persists: a real permission gap.
  [-11, rule(403, 'FMG_PERMISSION_DENIED', 'No permission for the resource')],
  // -22 answers the gateway's own service account: not the REST client's fault.
  [-22, rule(502, 'UPSTREAM_AUTH_FAILED', 'Gateway could not log in to the upstream')],
  [-9998, rule(422, 'FMG_INVALID_DATA', 'Invalid data')],
  [-10015, rule(409, 'FMG_OBJECT_IN_USE', 'Object in use')],
  [-10131, rule(422, 'FMG_REFERENCE_NOT_FOUND', 'Referenced object does not exist')],
  [-10147, rule(409, 'FMG_WORKSPACE_NOT_LOCKED', 'Workspace lock required')],
  [-20020, rule(403, 'FMG_PERMISSION_DENIED', 'No permission for the workflow action')],
  [-20042, rule(502, 'FMG_DEVICE_UNREACHABLE', 'Managed device unreachable')],
  [-20055, rule(423, 'FMG_WORKSPACE_LOCKED', 'Workspace locked by another administrator', true)],
  [-20063, rule(409, 'FMG_ADOM_HAS_DEVICES', 'ADOM still has devices')],
]);

export const UNKNOWN_FMG_STATUS: FmgStatusRule = rule(502, 'FMG_UNKNOWN_ERROR', 'Unexpected upstream status');

export function fmgStatusRule(code: number): FmgStatusRule {
  return FMG_STATUS_TABLE.get(code) ?? UNKNOWN_FMG_STATUS;
}

/** Seconds a client should wait before retrying a retryable upstream condition. */
export const RETRY_AFTER_SECONDS = 5;

/** Turns a non-zero upstream status into the domain error the problem filter renders. */
export function fmgStatusToError(
  upstream: UpstreamDetail,
  extensions: Record<string, unknown> = {},
): GatewayError {
  const r = fmgStatusRule(upstream.code);
  return new GatewayError({
    status: r.status,
    code: r.code,
    title: r.title,
    detail: upstream.message || r.title,
    upstream,
    extensions: { retryable: r.retryable, ...extensions },
    headers: r.retryable ? { 'Retry-After': String(RETRY_AFTER_SECONDS) } : {},
  });
}

/** The REST operation a JSON-RPC call stands for; decides the success status (code 0). */
export type RestOperation = 'read' | 'create' | 'replace' | 'update' | 'delete' | 'action' | 'task';

const SUCCESS_STATUS: Record<RestOperation, number> = {
  read: 200,
  create: 201,
  replace: 200,
  update: 200,
  delete: 204,
  action: 200,
  task: 202,
};

export function successStatus(operation: RestOperation): number {
  return SUCCESS_STATUS[operation];
}

/** Any refused login of the gateway's own account (-22, or -11 for an account without rpc-permit). */
export function loginFailure(upstream: UpstreamDetail): GatewayError {
  const r = fmgStatusRule(-22);
  return new GatewayError({
    status: r.status,
    code: r.code,
    title: r.title,
    detail: `The upstream refused the gateway's account: ${upstream.message}.`,
    upstream,
  });
}
