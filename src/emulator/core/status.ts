/** FortiManager status codes and messages (see shared docs/upstream-api.md §4.1). */
export const OK = 0;
export const E_EXISTS = -2;
export const E_NOT_FOUND = -3;
export const E_INVALID_URL = -6;
export const E_INVALID_PARAM = -8;
export const E_INVALID_CMD = -9;
export const E_INVALID_DATA = -10;
export const E_NO_PERMISSION = -11;
export const E_LOGIN_FAIL = -22;
export const E_IN_USE = -10015;
export const E_DATASRC = -10131;
export const E_NO_WRITE = -10147;
export const E_WS_LOCKED = -20055;
export const E_ADOM_HAS_DEVICES = -20063;

export const MESSAGES: Record<number, string> = {
  [OK]: 'OK',
  [E_EXISTS]: 'Object already exists',
  [E_NOT_FOUND]: 'Object does not exist',
  [E_INVALID_URL]: 'Invalid url',
  [E_INVALID_PARAM]: 'Invalid parameter',
  [E_INVALID_CMD]: 'The command is invalid for selected url',
  [E_INVALID_DATA]: 'The data is invalid for selected url',
  [E_NO_PERMISSION]: 'No permission for the resource',
  [E_LOGIN_FAIL]: 'Login fail',
  // [U] The reference lists -10015 as "object in use" without the exact wording.
  [E_IN_USE]: 'Object is in use',
  [E_NO_WRITE]: 'no write permission',
  [E_WS_LOCKED]: 'Workspace is locked by other user',
  [E_ADOM_HAS_DEVICES]: 'Unable to delete because one or more devices in Device Manager',
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
  fail(E_DATASRC, `datasrc invalid. object: ${object}. detail: ${missing}. solution: data not exist`, data);
}
