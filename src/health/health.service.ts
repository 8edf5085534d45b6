import { Inject, Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { FazAppliance } from '../analyzer/faz-appliance';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { GatewayError } from '../common/errors/gateway-error';
import { readStatus } from '../upstream/probe';
import { UpstreamRegistry } from '../upstream/upstream.registry';
import { ReadinessDto, UpstreamHealthDto } from './dto/health.dto';

@Injectable()
export class HealthService {
  constructor(
    private readonly registry: UpstreamRegistry,
    private readonly modules: ModuleRef,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * A named upstream that is down makes its own routes 503, not the whole gateway unready (the other
   * upstreams still serve); READY_NEEDS_EVERY_UPSTREAM=true makes every one count.
   */
  private counts(name: string): boolean {
    return name === 'fmg' || name === 'faz' || this.config.readyNeedsEveryUpstream === true;
  }

  /** The FortiAnalyzer's time zone as the analytics routes use it (absent without those routes). */
  private appliance(): FazAppliance | undefined {
    try {
      return this.modules.get(FazAppliance, { strict: false });
    } catch {
      return undefined;
    }
  }

  async getReadiness(): Promise<ReadinessDto> {
    const upstreams = await Promise.all(
      this.registry.configured().map(async ({ name, label, url, client }): Promise<UpstreamHealthDto> => {
        try {
          const status = await readStatus(client);
          const faz = name === 'faz' ? this.appliance() : undefined;
          // The probe read /sys/status anyway: the FAZ zone (and a changed version) is taken from it.
          faz?.observe(status);
          const appliance = faz?.report();
          return {
            name,
            label,
            url,
            state: 'up',
            version: status?.Version,
            pool: client.stats(),
            ...(appliance ? { appliance } : {}),
          };
        } catch (err) {
          return { name, label, url, state: 'down', error: (err as Error).message, pool: client.stats() };
        }
      }),
    );
    if (upstreams.every((u) => u.state === 'up' || !this.counts(u.name))) return { status: 'ok', upstreams };
    throw new GatewayError(
      'NOT_READY',
      `Upstream(s) down: ${upstreams
        .filter((u) => u.state === 'down' && this.counts(u.name))
        .map((u) => u.name)
        .join(', ')}.`,
      { extensions: { upstreams }, headers: { 'Retry-After': '5' } },
    );
  }
}
