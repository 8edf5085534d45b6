import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG } from '../config/app-config';
import type { AppConfig, UpstreamConfig, UpstreamName } from '../config/app-config';
import { SharedState } from '../shared-state/shared-state';
import { MissingUpstream, RpcClient, UpstreamClient } from './rpc-client';
import { SharedSessionBudget } from './session-pool/session-budget';

/** Builds one client (transport, authenticator, session pool) per configured upstream and closes them. */
@Injectable()
export class UpstreamRegistry implements OnApplicationShutdown {
  private readonly clients: Record<UpstreamName, RpcClient>;

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
    this.clients = {
      fmg: config.upstreams.fmg ? create(config.upstreams.fmg) : new MissingUpstream('fmg'),
      faz: config.upstreams.faz ? create(config.upstreams.faz) : new MissingUpstream('faz'),
    };
  }

  client(name: UpstreamName): RpcClient {
    return this.clients[name];
  }

  configured(): { name: UpstreamName; url: string; client: RpcClient }[] {
    return (['fmg', 'faz'] as const).flatMap((name) => {
      const upstream = this.config.upstreams[name];
      return upstream ? [{ name, url: upstream.url, client: this.clients[name] }] : [];
    });
  }

  /** SIGTERM / app.close(): every session of every upstream is logged out. */
  async onApplicationShutdown(): Promise<void> {
    await Promise.all(Object.values(this.clients).map((c) => c.close()));
  }
}
