import { ERROR_CATALOGUE, frameworkCode, problemType, type GatewayErrorCode } from './catalogue';
import { GatewayError } from './gateway-error';

describe('error catalogue', () => {
  const codes = Object.keys(ERROR_CATALOGUE) as GatewayErrorCode[];

  it.each(codes)('should give %s an error status, a title and a problem type', (code) => {
    const err = new GatewayError(code, 'detail');
    expect(err.status).toBeGreaterThanOrEqual(400);
    expect(err.status).toBeLessThan(600);
    expect(err.status).toBe(ERROR_CATALOGUE[code].status);
    expect(err.title).toBe(ERROR_CATALOGUE[code].title);
    expect(problemType(err.code)).toBe(`urn:fortirest:problem:${code.toLowerCase().replace(/_/g, '-')}`);
  });

  it('should mark as retryable only conditions that pass by themselves (busy, locked, not ready)', () => {
    const retryable = codes.filter((code) => ERROR_CATALOGUE[code].retryable);
    expect(retryable.every((code) => [409, 423, 429, 502, 503].includes(ERROR_CATALOGUE[code].status))).toBe(
      true,
    );
    expect(ERROR_CATALOGUE.FMG_OBJECT_NOT_FOUND.retryable).toBe(false);
    expect(ERROR_CATALOGUE.RATE_LIMITED.retryable).toBe(true);
  });

  it('should name framework errors after their HTTP status', () => {
    expect(frameworkCode(404)).toBe('NOT_FOUND');
    expect(frameworkCode(415)).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(frameworkCode(499)).toBe('HTTP_ERROR');
    const err = new GatewayError(frameworkCode(413), 'too big', { status: 413 });
    expect([err.status, err.code, err.title]).toEqual([413, 'PAYLOAD_TOO_LARGE', 'Payload too large']);
  });

  it('should keep the catalogue status and title unless a shared code names a more precise title', () => {
    const err = new GatewayError('UPSTREAM_BUSY', 'all sessions lent', {
      title: 'Upstream sessions exhausted',
    });
    expect([err.status, err.title]).toEqual([503, 'Upstream sessions exhausted']);
  });
});
