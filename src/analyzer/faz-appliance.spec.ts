import { Logger } from '@nestjs/common';
import { GatewayError } from '../common/errors/gateway-error';
import type { FazClient } from '../upstream/clients';
import { FazAppliance, isTidGone } from './faz-appliance';

/** A FazClient that answers /sys/status with `status` and counts logins as told. */
function fakeClient(status: () => Record<string, unknown>) {
  const state = { logins: 1, reads: 0 };
  const client = {
    request: () => {
      state.reads++;
      return Promise.resolve(status());
    },
    stats: () => ({ logins: state.logins }),
  } as unknown as FazClient;
  return { client, state };
}

describe('FazAppliance', () => {
  afterEach(() => jest.restoreAllMocks());

  it('reads the zone once, and again after a new login to an upgraded appliance', async () => {
    let status: Record<string, unknown> = {
      Version: 'v7.2.10-build1706',
      'Time Zone': '(GMT+1:00) Brussels, Paris',
    };
    const { client, state } = fakeClient(() => status);
    const faz = new FazAppliance(client);
    expect(await faz.zone()).toEqual({ kind: 'iana', name: 'Europe/Brussels' });
    await faz.zone();
    expect(state.reads).toBe(1);
    faz.learn('logsearch', 'reusable');
    status = { Version: 'v7.6.5-build3653', TZ: 'Asia/Tokyo' };
    state.logins++;
    expect(await faz.zone()).toEqual({ kind: 'iana', name: 'Asia/Tokyo' });
    expect(state.reads).toBe(2);
    // A new version: what was learnt about its task ids is forgotten.
    expect(faz.tidBehaviour('logsearch')).toBe('unknown');
    expect(faz.report()).toMatchObject({
      timeZone: 'Asia/Tokyo',
      timeZoneSource: 'TZ: Asia/Tokyo',
      timeZoneFallback: false,
    });
  });

  it('falls back to UTC, warns once and says so in the report', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const { client, state } = fakeClient(() => ({ Version: 'v7.0.0-build1' }));
    const faz = new FazAppliance(client);
    expect(await faz.zone()).toEqual({ kind: 'iana', name: 'UTC' });
    state.logins++;
    await faz.zone();
    expect(warn).toHaveBeenCalledTimes(1);
    expect(faz.report()).toMatchObject({
      timeZone: 'UTC',
      timeZoneFallback: true,
      warning: expect.any(String),
    });
  });

  it('knows a gone tid by -3 or by -1 naming the tid', () => {
    const err = (code: number, message: string) =>
      new GatewayError('FMG_UNKNOWN_ERROR', 'x', { upstream: { code, message } });
    expect(isTidGone(err(-1, 'Invalid tid 512753680 for fetching result.'))).toBe(true);
    expect(isTidGone(err(-3, 'invalid tid 1'))).toBe(true);
    expect(isTidGone(err(-1, 'internal error'))).toBe(false);
    expect(isTidGone(new Error('Invalid tid'))).toBe(false);
  });
});
