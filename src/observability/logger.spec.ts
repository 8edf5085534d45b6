import { Writable } from 'node:stream';
import { censored, createPino, PinoLogger } from './logger';

describe('censored', () => {
  it('should blank secret keys down to three levels and leave the logged object as it was', () => {
    const logged = {
      password: 'p1',
      user: { name: 'u', token: 't1', headers: { authorization: 'Bearer x', accept: 'json' } },
      list: [{ password: 'in an array: not walked, as pino redact did not either' }],
    };
    const before = structuredClone(logged);
    expect(censored(logged)).toEqual({
      password: '[redacted]',
      user: { name: 'u', token: '[redacted]', headers: { authorization: '[redacted]', accept: 'json' } },
      list: logged.list,
    });
    expect(logged).toEqual(before);
  });

  it('should return the very object when nothing in it is secret', () => {
    const clean = { msg: 'request', route: '/adoms', status: 200, nested: { a: 1 } };
    expect(censored(clean)).toBe(clean);
  });

  it('should keep secrets out of the written line', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    new PinoLogger(createPino('verbose', sink)).log({
      msg: 'x',
      apiKey: 'k-123',
      upstream: { session: 's-456' },
    });
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toMatch(/k-123|s-456/);
    expect(JSON.parse(lines[0])).toMatchObject({
      msg: 'x',
      apiKey: '[redacted]',
      upstream: { session: '[redacted]' },
    });
  });
});
