import { HttpStatus } from '@nestjs/common';

/**
 * The error catalogue: every problem the gateway answers is one of these codes, and this table alone
 * decides its HTTP status, title, problem `type` and whether retrying the same call may succeed.
 * Errors are raised by naming an entry (`new GatewayError('TASK_FINISHED', detail)`); the upstream
 * status table (upstream/status/) maps FortiManager/FortiAnalyzer codes onto the FMG_* entries.
 */
export interface CatalogueEntry {
  status: number;
  title: string;
  /** True when the same call may succeed later without any change by the client. */
  retryable: boolean;
}

const entry = (status: number, title: string, retryable = false): CatalogueEntry => ({
  status,
  title,
  retryable,
});

/** The gateway's own codes. */
const OWN = {
  // A client mistake the gateway itself detects before anything is sent upstream.
  BAD_REQUEST: entry(400, 'Bad request'),
  VALIDATION_FAILED: entry(400, 'Validation failed'),
  // A generic write or query the table's schema (the upstream's own `option: syntax`) rejects.
  SCHEMA_VIOLATION: entry(400, 'Rejected by the table schema'),
  BAD_URL: entry(400, 'Bad URL'),
  INVALID_JSON: entry(400, 'Body is not valid JSON'),
  BODY_TOO_DEEP: entry(400, 'Body nested too deeply'),
  FORBIDDEN_KEY: entry(400, 'Forbidden key in body'),
  NUMBER_OUT_OF_RANGE: entry(400, 'Number out of range'),
  CONTROL_CHARACTER: entry(400, 'Control character in query'),
  INVALID_ADOM_NAME: entry(400, 'Invalid ADOM name'),
  RPC_URL_NOT_CANONICAL: entry(400, 'JSON-RPC url not canonical'),
  IDEMPOTENCY_KEY_INVALID: entry(400, 'Bad request'),
  UNAUTHORIZED: entry(401, 'Unauthorized'),
  ROUTE_NOT_DECLARED: entry(403, 'Forbidden'),
  INSUFFICIENT_SCOPE: entry(403, 'Forbidden'),
  ADOM_NOT_ALLOWED: entry(403, 'Forbidden'),
  UPSTREAM_NOT_ALLOWED: entry(403, 'Forbidden'),
  TABLE_NOT_ALLOWED: entry(403, 'Forbidden'),
  RPC_URL_NOT_ALLOWED: entry(403, 'Forbidden'),
  PROXY_WRITE_NOT_ALLOWED: entry(403, 'Forbidden'),
  SCRIPT_NOT_RUN: entry(404, 'Not found'),
  UPSTREAM_NOT_FOUND: entry(404, 'Upstream not found'),
  ROUTE_NOT_ON_UPSTREAM: entry(404, 'Not found'),
  SCHEMA_TABLE_NOT_FOUND: entry(404, 'Table not in the upstream schema'),
  LOG_SEARCH_NOT_FOUND: entry(404, 'Log search not found'),
  FORTIVIEW_RUN_NOT_FOUND: entry(404, 'FortiView run not found'),
  ALERT_NOT_FOUND: entry(404, 'Alert not found'),
  INCIDENT_NOT_FOUND: entry(404, 'Incident not found'),
  REPORT_RUN_NOT_FOUND: entry(404, 'Report run not found'),
  TASK_LINE_NOT_FOUND: entry(404, 'Task has no line for this device'),
  TASK_FINISHED: entry(409, 'Task already finished'),
  TASK_NOT_CANCELLABLE: entry(409, 'Task cannot be cancelled'),
  CHANGE_SET_OPEN: entry(409, 'Conflict'),
  NO_CHANGE_SET: entry(409, 'Conflict'),
  WORKSPACE_MODE_OFF: entry(409, 'Workspace mode is off'),
  PREVIEW_NOT_PREPARED: entry(409, 'Preview not prepared'),
  PREVIEW_NOT_READY: entry(409, 'Preview not ready', true),
  LOG_SEARCH_RUNNING: entry(409, 'Log search still running', true),
  REPORT_NOT_READY: entry(409, 'Report not ready', true),
  HIT_COUNTS_NOT_READY: entry(409, 'Hit counts not ready', true),
  IDEMPOTENCY_REQUEST_IN_PROGRESS: entry(409, 'Request in progress', true),
  FIRMWARE_UPGRADE_PATH_REQUIRED: entry(409, 'Upgrade needs intermediate steps'),
  LOG_SEARCH_CONSUMED: entry(410, 'Log search already read'),
  PRECONDITION_FAILED: entry(412, 'Precondition failed'),
  URI_TOO_LONG: entry(414, 'URI too long'),
  UNSUPPORTED_CHARSET: entry(415, 'Unsupported charset'),
  IDEMPOTENCY_KEY_REUSED: entry(422, 'Idempotency key reused'),
  FIRMWARE_NOT_OFFERED: entry(422, 'Firmware version not offered'),
  FIRMWARE_NO_UPGRADE_PATH: entry(422, 'No upgrade path'),
  CHANGE_SET_ON_OTHER_REPLICA: entry(423, 'Locked by a change set on another gateway replica', true),
  CONFIRMATION_REQUIRED: entry(428, 'Confirmation required'),
  RATE_LIMITED: entry(429, 'Too many requests', true),
  // The gateway itself.
  INTERNAL_ERROR: entry(500, 'Internal server error'),
  NOT_READY: entry(503, 'Not ready', true),
  LOG_SEARCH_REISSUE_TIMEOUT: entry(503, 'Log search not ready again', true),
  // The upstream, as a connection: unreachable, slow, refusing, overloaded, answering nonsense.
  UPSTREAM_UNREACHABLE: entry(502, 'Upstream unreachable'),
  UPSTREAM_PROTOCOL_ERROR: entry(502, 'Bad upstream response'),
  UPSTREAM_OUTCOME_UNKNOWN: entry(502, 'Write outcome unknown'),
  UPSTREAM_AUTH_FAILED: entry(502, 'Gateway could not log in to the upstream'),
  WORKSPACE_COMMIT_FAILED: entry(502, 'Change applied but not committed'),
  UPSTREAM_NOT_CONFIGURED: entry(503, 'Upstream not configured'),
  UPSTREAM_UNAVAILABLE: entry(503, 'Upstream unavailable', true),
  UPSTREAM_BUSY: entry(503, 'Upstream busy', true),
  UPSTREAM_CIRCUIT_OPEN: entry(503, 'Upstream unavailable', true),
  UPSTREAM_TIMEOUT: entry(504, 'Upstream timeout'),
  // A managed FortiGate behind the FortiManager's proxy (sys/proxy/json): its own answer or silence.
  DEVICE_BUSY: entry(503, 'Managed device busy', true),
  DEVICE_TIMEOUT: entry(504, 'Managed device timed out'),
  FORTIOS_NOT_FOUND: entry(404, 'Not found on the FortiGate'),
  FORTIOS_CONFLICT: entry(409, 'Already exists on the FortiGate'),
  FORTIOS_REJECTED: entry(422, 'Refused by the FortiGate'),
  FORTIOS_ERROR: entry(502, 'FortiGate error'),
} as const satisfies Record<string, CatalogueEntry>;

/** A non-zero FortiManager status (the table in upstream/status/ maps codes onto these). */
const FMG = {
  FMG_INTERNAL_ERROR: entry(502, 'FortiManager internal error', true),
  FMG_OBJECT_EXISTS: entry(409, 'Object already exists'),
  FMG_OBJECT_NOT_FOUND: entry(404, 'Object not found'),
  FMG_NO_SUCH_COMMAND: entry(501, 'Command not supported by this FortiManager'),
  FMG_INVALID_URL: entry(404, 'Resource path not found'),
  FMG_ENTRY_IN_USE: entry(409, 'Entry in use'),
  FMG_INVALID_PARAMETER: entry(400, 'Invalid parameter'),
  FMG_INVALID_COMMAND_FOR_URL: entry(400, 'Operation not valid for this resource'),
  FMG_INVALID_DATA: entry(422, 'Invalid data'),
  FMG_PERMISSION_DENIED: entry(403, 'No permission for the resource'),
  FMG_OBJECT_IN_USE: entry(409, 'Object in use'),
  FMG_REFERENCE_NOT_FOUND: entry(422, 'Referenced object does not exist'),
  FMG_WORKSPACE_NOT_LOCKED: entry(409, 'Workspace lock required'),
  FMG_DEVICE_UNREACHABLE: entry(502, 'Managed device unreachable'),
  FMG_WORKSPACE_LOCKED: entry(423, 'Workspace locked by another administrator', true),
  FMG_ADOM_HAS_DEVICES: entry(409, 'ADOM still has devices'),
  FMG_UNKNOWN_ERROR: entry(502, 'Unexpected upstream status'),
} as const satisfies Record<string, CatalogueEntry>;

type FmgCode = keyof typeof FMG;
/** The same conditions answered by a FortiAnalyzer: the code, type and title name it. */
export type FazCode = FmgCode extends `FMG_${infer Rest}` ? `FAZ_${Rest}` : never;

const FAZ = Object.fromEntries(
  Object.entries(FMG).map(([code, e]) => [
    code.replace(/^FMG_/, 'FAZ_'),
    { ...e, title: e.title.replace(/FortiManager/g, 'FortiAnalyzer') },
  ]),
) as Record<FazCode, CatalogueEntry>;

/** Every code the gateway raises: an exhaustive table, so a new code cannot be raised without an entry. */
export const ERROR_CATALOGUE: Record<keyof typeof OWN | FmgCode | FazCode, CatalogueEntry> = {
  ...OWN,
  ...FMG,
  ...FAZ,
};

export type GatewayErrorCode = keyof typeof ERROR_CATALOGUE;

/** The FortiAnalyzer twin of an FMG_* code; any other code is its own twin. */
export function asFazCode<C extends ErrorCode | 'HTTP_ERROR'>(code: C): C | FazCode {
  return code.startsWith('FMG_') ? (code.replace(/^FMG_/, 'FAZ_') as FazCode) : code;
}

/**
 * Errors the framework raises before our code runs (unknown route, malformed JSON, body too large,
 * media type): named after their HTTP status, as Nest's HttpStatus spells it, with that name as title.
 */
export type FrameworkErrorCode = Extract<keyof typeof HttpStatus, string>;

export type ErrorCode = GatewayErrorCode | FrameworkErrorCode;

function frameworkEntry(status: number): CatalogueEntry {
  const name = (HttpStatus[status] as string | undefined) ?? 'Error';
  return entry(
    status,
    name
      .toLowerCase()
      .replace(/_/g, ' ')
      .replace(/^\w/, (c) => c.toUpperCase()),
  );
}

/** The code a framework error of `status` gets. */
export function frameworkCode(status: number): FrameworkErrorCode | 'HTTP_ERROR' {
  return (HttpStatus[status] as FrameworkErrorCode | undefined) ?? 'HTTP_ERROR';
}

export function catalogueEntry(code: ErrorCode | 'HTTP_ERROR', status?: number): CatalogueEntry {
  if (code in ERROR_CATALOGUE) return ERROR_CATALOGUE[code as GatewayErrorCode];
  return frameworkEntry(status ?? HttpStatus[code as FrameworkErrorCode] ?? 500);
}

/** `FMG_OBJECT_NOT_FOUND` → `urn:fortirest:problem:fmg-object-not-found`. */
export function problemType(code: string): string {
  return `urn:fortirest:problem:${code.toLowerCase().replace(/_/g, '-')}`;
}

/** Seconds a client should wait before retrying a retryable upstream condition. */
export const RETRY_AFTER_SECONDS = 5;
