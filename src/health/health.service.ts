import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { FazAppliance } from '../analyzer/faz-appliance';
import { GatewayError } from '../common/errors/gateway-error';
import { UpstreamRegistry } from '../upstream/upstream.registry';
import { ReadinessDto, UpstreamHealthDto } from './dto/health.dto';

/** Readiness must answer quickly even when an upstream hangs. */
const PROBE_TIMEOUT_MS = 3_000;

@Injectable()
export class HealthService {
  constructor(
    private readonly registry: UpstreamRegistry,
    private readonly modules: ModuleRef,
  ) {}

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
      this.registry.configured().map(async ({ name, url, client }): Promise<UpstreamHealthDto> => {
        try {
          const status = await withTimeout(
            client.request<{ Version?: string } & Record<string, unknown>>('get', { url: '/sys/status' }),
          );
          const faz = name === 'faz' ? this.appliance() : undefined;
          // The probe read /sys/status anyway: the FAZ zone (and a changed version) is taken from it.
          faz?.observe(status);
          const appliance = faz?.report();
          return {
            name,
            url,
            state: 'up',
            version: status?.Version,
            pool: client.stats(),
            ...(appliance ? { appliance } : {}),
          };
        } catch (err) {
          return { name, url, state: 'down', error: (err as Error).message, pool: client.stats() };
        }
      }),
    );
    if (upstreams.every((u) => u.state === 'up')) return { status: 'ok', upstreams };
    throw new GatewayError(
      'NOT_READY',
      `Upstream(s) down: ${upstreams
        .filter((u) => u.state === 'down')
        .map((u) => u.name)
        .join(', ')}.`,
      { extensions: { upstreams }, headers: { 'Retry-After': '5' } },
    );
  }
}

function withTimeout<T>(promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${PROBE_TIMEOUT_MS} ms`)), PROBE_TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
