import { FMG_STATUS_TABLE, fmgStatusToError, loginFailure, UNKNOWN_FMG_STATUS } from './fmg-status.mapper';

describe('fmg-status mapper', () => {
  // The contract from issue #2 and docs/upstream-api.md §4: one row per upstream code.
  const rows: [code: number, status: number, reason: string][] = [
    [-1, 502, 'FMG_INTERNAL_ERROR'],
    [-2, 409, 'FMG_OBJECT_EXISTS'],
    [-3, 404, 'FMG_OBJECT_NOT_FOUND'],
    [-4, 404, 'FMG_OBJECT_NOT_FOUND'],
    [-5, 501, 'FMG_NO_SUCH_COMMAND'],
    [-6, 404, 'FMG_INVALID_URL'],
    [-7, 409, 'FMG_ENTRY_IN_USE'],
    [-8, 400, 'FMG_INVALID_PARAMETER'],
    [-9, 400, 'FMG_INVALID_COMMAND_FOR_URL'],
    [-10, 422, 'FMG_INVALID_DATA'],
    [-11, 403, 'FMG_PERMISSION_DENIED'],
    [-22, 502, 'UPSTREAM_AUTH_FAILED'],
    [-9998, 422, 'FMG_INVALID_DATA'],
    [-10015, 409, 'FMG_OBJECT_IN_USE'],
    [-10131, 422, 'FMG_REFERENCE_NOT_FOUND'],
    [-10147, 409, 'FMG_WORKSPACE_NOT_LOCKED'],
    [-20020, 403, 'FMG_PERMISSION_DENIED'],
    [-20042, 502, 'FMG_DEVICE_UNREACHABLE'],
    [-20055, 423, 'FMG_WORKSPACE_LOCKED'],
    [-20063, 409, 'FMG_ADOM_HAS_DEVICES'],
  ];

  it.each(rows)('should map code %i to HTTP %i (%s)', (code, status, reason) => {
    const err = fmgStatusToError({ code, message: 'upstream says', url: '/x', method: 'get' });
    expect(err.status).toBe(status);
    expect(err.code).toBe(reason);
    expect(err.detail).toBe('upstream says');
    expect(err.upstream).toEqual({ code, message: 'upstream says', url: '/x', method: 'get' });
  });

  it('should cover every row of the table in the test above', () => {
    expect([...FMG_STATUS_TABLE.keys()].sort()).toEqual(rows.map(([code]) => code).sort());
  });

  it('should map unknown codes to 502 and keep the raw code', () => {
    const err = fmgStatusToError({ code: -31337, message: 'strange' });
    expect(err.status).toBe(UNKNOWN_FMG_STATUS.status);
    expect(err.status).toBe(502);
    expect(err.upstream?.code).toBe(-31337);
  });

  it('should add Retry-After only to retryable conditions', () => {
    expect(fmgStatusToError({ code: -20055, message: 'locked' }).headers['Retry-After']).toBe('5');
    expect(fmgStatusToError({ code: -20055, message: 'locked' }).extensions.retryable).toBe(true);
    expect(fmgStatusToError({ code: -3, message: 'gone' }).headers['Retry-After']).toBeUndefined();
    expect(fmgStatusToError({ code: -3, message: 'gone' }).extensions.retryable).toBe(false);
  });

  it('should fall back to the rule title when the upstream message is empty', () => {
    expect(fmgStatusToError({ code: -3, message: '' }).detail).toBe('Object not found');
  });

  it('should report any refused gateway login as 502 with the real upstream code', () => {
    const err = loginFailure({ code: -11, message: 'No permission for the resource' });
    expect(err.status).toBe(502);
    expect(err.code).toBe('UPSTREAM_AUTH_FAILED');
    expect(err.upstream?.code).toBe(-11);
  });
});
