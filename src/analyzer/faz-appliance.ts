import { Injectable, Logger } from '@nestjs/common';
import { GatewayError } from '../common/errors/gateway-error';
import { FazClient } from '../upstream/clients';
import { ApplianceZone, ZoneReading, zoneFromStatus } from './appliance-zone';

/** The FAZ task kinds whose ids the gateway keeps. */
export type FazTaskKind = 'logsearch' | 'fortiview' | 'report';

/**
 * What the appliance does with a task id after the fetch that handed its result out: `reusable` (older
 * builds: fetch it again and again), `single-use` (FAZ 7.4+ field reports: it is reaped), or not seen yet.
 */
export type TidBehaviour = 'unknown' | 'reusable' | 'single-use';

/** A learnt "single-use" is tried again after this long (a tid reaped by FAZ's own expiry looks the same). */
const SINGLE_USE_MEMORY_MS = 15 * 60_000;

/** Problem + RFC 9457 fields for the readiness report. */
export interface ApplianceReport {
  timeZone: string;
  /** The `/sys/status` field the zone came from; absent when it fell back to UTC. */
  timeZoneSource?: string;
  /** True when the zone could not be read or parsed and UTC is assumed. */
  timeZoneFallback: boolean;
  warning?: string;
  tids: Record<FazTaskKind, TidBehaviour>;
}

/**
 * What the gateway knows about its FortiAnalyzer: the system time zone (read from `/sys/status` once, and
 * again after the pool logged in anew, so a re-login to an upgraded appliance is seen) and whether its task
 * ids survive a fetch (learnt from its answers, forgotten when the version changes).
 */
@Injectable()
export class FazAppliance {
  private readonly logger = new Logger('FazAppliance');
  private reading?: ZoneReading;
  private version?: string;
  private logins?: number;
  private pending?: Promise<ZoneReading>;
  private readonly warned = new Set<string>();
  private readonly tids = new Map<FazTaskKind, { behaviour: TidBehaviour; at: number }>();

  constructor(private readonly faz: FazClient) {}

  /** The zone FAZ reads `time-range` bounds in. */
  async zone(): Promise<ApplianceZone> {
    return (await this.current()).zone;
  }

  async current(): Promise<ZoneReading> {
    if (this.reading && this.loginCount() === this.logins) return this.reading;
    this.pending ??= this.read().finally(() => (this.pending = undefined));
    return this.pending;
  }

  /**
   * Takes a `/sys/status` answer (the readiness probe feeds its own): parses the zone, warns once per
   * distinct problem, and forgets learnt tid behaviour when the version changed.
   */
  observe(status: Record<string, unknown> | undefined): ZoneReading {
    const version = typeof status?.Version === 'string' ? status.Version : undefined;
    if (this.version !== undefined && version !== undefined && version !== this.version) {
      this.logger.log(
        `FortiAnalyzer version changed from ${this.version} to ${version}; re-reading its behaviour.`,
      );
      this.tids.clear();
    }
    if (version !== undefined) this.version = version;
    const reading = zoneFromStatus(status);
    if (reading.warning && !this.warned.has(reading.warning)) {
      this.warned.add(reading.warning);
      this.logger.warn(reading.warning);
    }
    this.reading = reading;
    return reading;
  }

  report(): ApplianceReport | undefined {
    if (!this.reading) return undefined;
    return {
      timeZone: this.reading.zone.name,
      ...(this.reading.source ? { timeZoneSource: this.reading.source } : {}),
      timeZoneFallback: this.reading.warning !== undefined,
      ...(this.reading.warning ? { warning: this.reading.warning } : {}),
      tids: {
        logsearch: this.tidBehaviour('logsearch'),
        fortiview: this.tidBehaviour('fortiview'),
        report: this.tidBehaviour('report'),
      },
    };
  }

  tidBehaviour(kind: FazTaskKind): TidBehaviour {
    const t = this.tids.get(kind);
    if (!t) return 'unknown';
    if (t.behaviour === 'single-use' && Date.now() - t.at > SINGLE_USE_MEMORY_MS) return 'unknown';
    return t.behaviour;
  }

  learn(kind: FazTaskKind, behaviour: 'reusable' | 'single-use'): void {
    if (this.tidBehaviour(kind) !== behaviour) {
      this.logger.log(`FortiAnalyzer ${kind} task ids are ${behaviour}.`);
    }
    this.tids.set(kind, { behaviour, at: Date.now() });
  }

  /** Forgets everything learnt (tests; a changed upstream). */
  forget(): void {
    this.tids.clear();
    this.reading = undefined;
    this.logins = undefined;
  }

  private async read(): Promise<ZoneReading> {
    let status: Record<string, unknown> | undefined;
    try {
      status = await this.faz.request<Record<string, unknown>>('get', { url: '/sys/status' });
    } catch (err) {
      // An upstream that answers nothing fails the caller's own call as well; a refused read is a zone
      // we cannot know: UTC, said in /health/ready.
      if (!(err instanceof GatewayError) || err.upstream === undefined) throw err;
      status = undefined;
    }
    const reading = this.observe(status);
    this.logins = this.loginCount();
    return reading;
  }

  private loginCount(): number {
    return this.faz.stats()?.logins ?? 0;
  }
}

/**
 * True when a FAZ error says the task id is gone: -3 (object not found, older builds), or -1 naming the
 * tid, e.g. "Invalid tid 123 for fetching result." (FAZ 7.6 field report, rstierli/fortianalyzer-mcp
 * tests/test_log_pagination.py).
 */
export function isTidGone(err: unknown): boolean {
  if (!(err instanceof GatewayError) || !err.upstream) return false;
  const { code, message } = err.upstream;
  return code === -3 || (code === -1 && /\btid\b/i.test(message ?? ''));
}
