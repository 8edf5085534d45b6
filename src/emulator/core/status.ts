/** FortiManager status codes and messages (see shared docs/upstream-api.md §4.1). */
export const OK = 0;
/**
 * FortiManager's error codes by name, with the message FMG sends along (none for -10131, whose
 * text is built per case by datasrcError).
 */
const CODES = {
  EXISTS: [-2, 'Object already exists'],
  NOT_FOUND: [-3, 'Object does not exist'],
  INVALID_URL: [-6, 'Invalid url'],
  INVALID_PARAM: [-8, 'Invalid parameter'],
  INVALID_CMD: [-9, 'The command is invalid for selected url'],
  INVALID_DATA: [-10, 'The data is invalid for selected url'],
  NO_PERMISSION: [-11, 'No permission for the resource'],
  LOGIN_FAIL: [-22, 'Login fail'],
  // [U] The reference lists -10015 as "object in use" without the exact wording.
  IN_USE: [-10015, 'Object is in use'],
  DATASRC: [-10131, undefined],
  NO_WRITE: [-10147, 'no write permission'],
  WS_LOCKED: [-20055, 'Workspace is locked by other user'],
  ADOM_HAS_DEVICES: [-20063, 'Unable to delete because one or more devices in Device Manager'],
} as const;

type Codes = typeof CODES;

/** The codes by name: `E.NOT_FOUND` is -3. */
export const E = Object.fromEntries(Object.entries(CODES).map(([name, [code]]) => [name, code])) as {
  readonly [K in keyof Codes]: Codes[K][0];
};

export const MESSAGES: Record<number, string> = { [OK]: 'OK' };
for (const [code, message] of Object.values<readonly [number, string | undefined]>(CODES)) {
  if (message !== undefined) MESSAGES[code] = message;
}

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
