import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, DEFAULT_UPSTREAM } from '../config/app-config';
import type { AppConfig, UpstreamConfig, UpstreamName, UpstreamProduct } from '../config/app-config';
import { SharedState } from '../shared-state/shared-state';
import { MissingUpstream, RpcClient, UpstreamClient } from './rpc-client';
import { SharedSessionBudget } from './session-pool/session-budget';

export interface RegisteredUpstream {
  /** Internal key: `fmg`, `faz`, `fmg:east`. */
  name: UpstreamName;
  /** Public name: `default`, `east`. */
  label: string;
  product: UpstreamProduct;
  url: string;
  client: RpcClient;
}

/** `fmg` and `faz` are the default upstreams; `fmg:east` names a FortiManager. */
export function productOf(config: UpstreamConfig): UpstreamProduct {
  return config.product ?? (config.name.startsWith('faz') ? 'faz' : 'fmg');
}

/**
 * One client (transport, authenticator, session pool, limiter, breaker, read cache) per configured upstream,
 * by name. Every per-upstream thing below (metrics labels, Redis session budgets, write notices) is keyed by
 * the internal name, so a named upstream gets its own of each without further code.
 */
@Injectable()
export class UpstreamRegistry implements OnApplicationShutdown {
  private readonly clients = new Map<UpstreamName, RpcClient>();
  private readonly upstreams: RegisteredUpstream[] = [];

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    state: SharedState,
  ) {
    // Replicas on one Redis share each upstream's session limit and hear of each other's writes (for
    // their read caches); one instance keeps both to itself.
    const shared = state.kind === 'redis';
    for (const upstream of Object.values(config.upstreams)) {
      if (!upstream) continue;
      const client = UpstreamClient.create(
        upstream,
        shared ? SharedSessionBudget.forUpstream(state, upstream) : undefined,
        shared ? state : undefined,
      );
      this.clients.set(upstream.name, client);
      this.upstreams.push({
        name: upstream.name,
        label: upstream.label ?? DEFAULT_UPSTREAM,
        product: productOf(upstream),
        url: upstream.url,
        client,
      });
    }
    // An unconfigured default gets a stand-in whose routes answer a clear 503.
    for (const name of ['fmg', 'faz'] as const) {
      if (!this.clients.has(name)) this.clients.set(name, new MissingUpstream(name));
    }
  }

  /** By internal name (`fmg`, `faz`, `fmg:east`). */
  client(name: UpstreamName): RpcClient {
    return this.clients.get(name)!;
  }

  /** The public name of the default upstream of a product (`east` in demo mode, else `default`). */
  defaultLabel(product: UpstreamProduct): string {
    return this.config.upstreams[product]?.label ?? DEFAULT_UPSTREAM;
  }

  /** By public name; `default` and the default's own name both reach the default. */
  find(product: UpstreamProduct, label: string): RpcClient | undefined {
    if (label === DEFAULT_UPSTREAM || label === this.defaultLabel(product)) return this.client(product);
    return this.upstreams.find((u) => u.product === product && u.label === label)?.client;
  }

  /** Every configured upstream, defaults first. */
  configured(product?: UpstreamProduct): RegisteredUpstream[] {
    return this.upstreams.filter((u) => product === undefined || u.product === product);
  }

  /** SIGTERM / app.close(): every session of every upstream is logged out. */
  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.clients.values()].map((c) => c.close()));
  }
}
