import type { CallRecord } from '../../src/emulator/core/calls';
import type { SessionReport } from '../../src/emulator/emulator';
import type { FaultSpec } from '../../src/emulator/core/faults';

/** Typed access to the emulator's `/__emulator` control API (faults, sessions, call log). */
export type Fault = FaultSpec;
export type Call = CallRecord;

export class EmulatorControl {
  constructor(private readonly base: string) {}

  protected async send<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.base}/__emulator/${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`emulator control ${method} ${path}: HTTP ${res.status}`);
    const text = await res.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  fault(fault: Fault): Promise<{ id: number }> {
    return this.send('POST', 'faults', fault);
  }

  clearFaults(): Promise<void> {
    return this.send('DELETE', 'faults');
  }

  sessions(): Promise<SessionReport> {
    return this.send('GET', 'sessions');
  }

  expireSessions(): Promise<void> {
    return this.send('POST', 'sessions/expire');
  }

  reset(): Promise<void> {
    return this.send('POST', 'reset');
  }

  /** Calls the emulator executed since `since` (use the returned `next` as the next `since`). */
  calls(since = 0): Promise<{ next: number; calls: Call[] }> {
    return this.send('GET', `calls?since=${since}`);
  }

  /** The calls (`method url`) the emulator ran while fn ran. */
  async callsDuring(fn: () => Promise<unknown>): Promise<string[]> {
    const { next } = await this.calls();
    await fn();
    const { calls } = await this.calls(next);
    return calls.map((c) => `${c.method} ${c.url}`);
  }

  /** Upgrades (or downgrades) the emulated firmware in place, e.g. "v7.4.3-build2487 240513 (GA)". */
  firmware(version: string): Promise<{ version: string }> {
    return this.send('POST', 'firmware', { version });
  }

  /** Switches an ADOM's workspace mode (disabling drops its locks). */
  workspace(adom: string, enabled: boolean): Promise<unknown> {
    return this.send('POST', 'workspace', { adom, enabled });
  }

  /** Another administrator locks the ADOM (optionally releasing it after a while). */
  foreignLock(adom: string, user: string, releaseAfterMs?: number): Promise<unknown> {
    return this.send('POST', 'foreign-locks', { adom, user, releaseAfterMs });
  }

  releaseForeignLock(adom: string): Promise<unknown> {
    return this.send('DELETE', `foreign-locks?adom=${encodeURIComponent(adom)}`);
  }

  /** How long one step of a task line takes (5 steps per line). */
  taskSpeed(stepMs: number): Promise<unknown> {
    return this.send('POST', 'tasks/speed', { stepMs });
  }

  /** Makes the next task line (for `device`, if given) fail. */
  failNextTaskLine(device?: string): Promise<unknown> {
    return this.send('POST', 'tasks/fail-next', device ? { device } : {});
  }

  /** Appends `count` generated objects (`{prefix}-{n}`) to an ADOM object table in one step. */
  seedTable(
    adom: string,
    table: string,
    count: number,
    prefix?: string,
  ): Promise<{ table: string; added: number; size: number }> {
    return this.send('POST', 'tables/seed', { adom, table, count, prefix });
  }

  /** Makes every proxied FortiOS call (`sys/proxy/json`) to `device` time out, until a reset. */
  proxyTimeout(device: string): Promise<unknown> {
    return this.send('POST', 'proxy/timeouts', { device });
  }
}
