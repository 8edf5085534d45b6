import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG } from '../config/app-config';
import type { AppConfig, UpstreamConfig, UpstreamName } from '../config/app-config';
import { SharedState } from '../shared-state/shared-state';
import { MissingUpstream, RpcClient, UpstreamClient } from './rpc-client';
import { SharedSessionBudget } from './session-pool/session-budget';

/**
 * The upstreams the gateway knows, by name. Everything below is keyed by these names, so more named
 * upstreams are more keys here and in the configuration, not a new structure.
 */
const UPSTREAM_NAMES: readonly UpstreamName[] = ['fmg', 'faz'];

/** Builds one client (transport, authenticator, session pool) per configured upstream and closes them. */
@Injectable()
export class UpstreamRegistry implements OnApplicationShutdown {
  private readonly clients: ReadonlyMap<UpstreamName, RpcClient>;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    state: SharedState,
  ) {
    // Replicas on one Redis share each upstream's session limit and hear of each other's writes (for
    // their read caches); one instance keeps both to itself.
    const shared = state.kind === 'redis';
    const create = (upstream: UpstreamConfig) =>
      UpstreamClient.create(
        upstream,
        shared ? SharedSessionBudget.forUpstream(state, upstream) : undefined,
        shared ? state : undefined,
      );
    // An unconfigured name gets a stand-in whose routes answer a clear 503.
    this.clients = new Map(
      UPSTREAM_NAMES.map((name) => {
        const upstream = config.upstreams[name];
        return [name, upstream ? create(upstream) : new MissingUpstream(name)];
      }),
    );
  }

  client(name: UpstreamName): RpcClient {
    return this.clients.get(name)!;
  }

  configured(): { name: UpstreamName; url: string; client: RpcClient }[] {
    return UPSTREAM_NAMES.flatMap((name) => {
      const upstream = this.config.upstreams[name];
      return upstream ? [{ name, url: upstream.url, client: this.client(name) }] : [];
    });
  }

  /** SIGTERM / app.close(): every session of every upstream is logged out. */
  async onApplicationShutdown(): Promise<void> {
    await Promise.all([...this.clients.values()].map((c) => c.close()));
  }
}
