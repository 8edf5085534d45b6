import { GatewayError } from '../common/errors/gateway-error';
import { RETRY_AFTER_SECONDS } from '../common/errors/catalogue';

/**
 * FortiManager proxies calls to one FortiGate one after the other (docs/upstream-api.md §8.10), so the
 * gateway does too: one call per device runs, up to `depth` wait behind it, the next is refused at once
 * with 503 + Retry-After instead of piling up behind a slow or dead device.
 */
export class DeviceQueue {
  private readonly lanes = new Map<string, { running: boolean; waiting: (() => void)[] }>();

  constructor(private readonly depth: number) {}

  async run<T>(key: string, device: string, fn: () => Promise<T>): Promise<T> {
    let lane = this.lanes.get(key);
    if (!lane) {
      lane = { running: false, waiting: [] };
      this.lanes.set(key, lane);
    }
    if (lane.running) {
      if (lane.waiting.length >= this.depth) {
        throw new GatewayError('DEVICE_BUSY', `Too many calls are waiting for device "${device}".`, {
          headers: { 'Retry-After': String(RETRY_AFTER_SECONDS) },
          extensions: { device },
        });
      }
      const current = lane;
      await new Promise<void>((resolve) => current.waiting.push(resolve));
    }
    lane.running = true;
    try {
      return await fn();
    } finally {
      const next = lane.waiting.shift();
      if (next) next();
      else {
        lane.running = false;
        this.lanes.delete(key);
      }
    }
  }

  /** Calls running or waiting, per key (for tests and metrics). */
  size(key: string): number {
    const lane = this.lanes.get(key);
    return lane ? Number(lane.running) + lane.waiting.length : 0;
  }
}
