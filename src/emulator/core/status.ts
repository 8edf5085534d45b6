/** FortiManager status codes and messages (see shared docs/upstream-api.md §4.1). */
export const OK = 0;
/** FortiManager's error codes, by name (`E.NOT_FOUND` is -3). */
export const E = {
  EXISTS: -2,
  NOT_FOUND: -3,
  INVALID_URL: -6,
  INVALID_PARAM: -8,
  INVALID_CMD: -9,
  INVALID_DATA: -10,
  NO_PERMISSION: -11,
  LOGIN_FAIL: -22,
  IN_USE: -10015,
  DATASRC: -10131,
  NO_WRITE: -10147,
  WS_LOCKED: -20055,
  ADOM_HAS_DEVICES: -20063,
} as const;

export const MESSAGES: Record<number, string> = {
  [OK]: 'OK',
  [E.EXISTS]: 'Object already exists',
  [E.NOT_FOUND]: 'Object does not exist',
  [E.INVALID_URL]: 'Invalid url',
  [E.INVALID_PARAM]: 'Invalid parameter',
  [E.INVALID_CMD]: 'The command is invalid for selected url',
  [E.INVALID_DATA]: 'The data is invalid for selected url',
  [E.NO_PERMISSION]: 'No permission for the resource',
  [E.LOGIN_FAIL]: 'Login fail',
  // [U] The reference lists -10015 as "object in use" without the exact wording.
  [E.IN_USE]: 'Object is in use',
  [E.NO_WRITE]: 'no write permission',
  [E.WS_LOCKED]: 'Workspace is locked by other user',
  [E.ADOM_HAS_DEVICES]: 'Unable to delete because one or more devices in Device Manager',
};

/** Thrown by handlers; the dispatcher turns it into `{status, url, data?}`. */
export class RpcError extends Error {
  constructor(
    readonly code: number,
    message?: string,
    /** FMG may attach data to an error entry (e.g. -10131 with `{policyid}`), so we can too. */
    readonly data?: unknown,
  ) {
    super(message ?? MESSAGES[code] ?? 'Internal error');
  }
}

export function fail(code: number, message?: string, data?: unknown): never {
  throw new RpcError(code, message, data);
}

/** -10131 text follows the reference template "datasrc invalid. object: … detail: … solution: data not exist". */
export function datasrcError(object: string, missing: string, data?: unknown): never {
  fail(E.DATASRC, `datasrc invalid. object: ${object}. detail: ${missing}. solution: data not exist`, data);
}
