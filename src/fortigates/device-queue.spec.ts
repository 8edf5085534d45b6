import { GatewayError } from '../common/errors/gateway-error';
import { DeviceQueue } from './device-queue';

/** A promise the test settles by hand, so the order of events is fixed without any timing. */
function gate<T>() {
  let open!: (value: T) => void;
  const promise = new Promise<T>((resolve) => (open = resolve));
  return { promise, open };
}

describe('DeviceQueue', () => {
  it('should run calls to one device one after the other, in arrival order', async () => {
    const queue = new DeviceQueue(4);
    const order: string[] = [];
    const first = gate<void>();
    const a = queue.run('fmg:FGT-1', 'FGT-1', async () => {
      order.push('a start');
      await first.promise;
      order.push('a end');
    });
    const b = queue.run('fmg:FGT-1', 'FGT-1', () => {
      order.push('b');
      return Promise.resolve();
    });
    expect(queue.size('fmg:FGT-1')).toBe(2);
    first.open();
    await Promise.all([a, b]);
    expect(order).toEqual(['a start', 'a end', 'b']);
    expect(queue.size('fmg:FGT-1')).toBe(0);
  });

  it('should not hold back calls to another device', async () => {
    const queue = new DeviceQueue(0);
    const held = gate<void>();
    const slow = queue.run('fmg:FGT-1', 'FGT-1', () => held.promise);
    await expect(queue.run('fmg:FGT-2', 'FGT-2', () => Promise.resolve('other'))).resolves.toBe('other');
    held.open();
    await slow;
  });

  it('should refuse a call beyond the queue depth with DEVICE_BUSY and Retry-After, naming the device', async () => {
    const queue = new DeviceQueue(1);
    const held = gate<void>();
    const running = queue.run('fmg:FGT-1', 'FGT-1', () => held.promise);
    const waiting = queue.run('fmg:FGT-1', 'FGT-1', () => Promise.resolve('second'));
    const refused = await queue
      .run('fmg:FGT-1', 'FGT-1', () => Promise.resolve('third'))
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(GatewayError);
    const err = refused as GatewayError;
    expect([err.status, err.code, err.extensions.device]).toEqual([503, 'DEVICE_BUSY', 'FGT-1']);
    expect(err.headers['Retry-After']).toMatch(/^\d+$/);
    held.open();
    await expect(waiting).resolves.toBe('second');
    await running;
  });

  it('should let the next call run after one that failed', async () => {
    const queue = new DeviceQueue(1);
    const failing = queue.run('k', 'FGT-1', () => Promise.reject(new Error('boom')));
    const next = queue.run('k', 'FGT-1', () => Promise.resolve('ok'));
    await expect(failing).rejects.toThrow('boom');
    await expect(next).resolves.toBe('ok');
  });
});
