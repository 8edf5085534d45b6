import type { UpstreamProduct } from '../config/app-config';
import { currentContext } from '../common/context/request-context';
import { nameAllowed } from '../common/context/upstream-path';
import { GatewayError } from '../common/errors/gateway-error';
import { unknownUpstream, upstreamNotAllowed } from '../common/errors/request-errors';
import type { Dialect } from './dialects/dialect';
import type { RpcParam, RpcMethod, RpcResult } from './transport/jsonrpc.types';
import { HeldSession, RpcClient } from './rpc-client';
import type { UpstreamRegistry } from './upstream.registry';

const PRODUCT_NAMES = { fmg: 'FortiManager', faz: 'FortiAnalyzer' } as const;
const PREFIXES = { fmg: 'managers', faz: 'analyzers' } as const;

/**
 * What FortiManager (FmgClient) and FortiAnalyzer (FazClient) routes inject: it hands each call to the
 * upstream the request selected (`/managers/{name}/…`, else the default), so controllers, services and the
 * translator stay unaware of named upstreams. Everything a route keeps upstream-side (task ids, log-search
 * tids, workspace sessions) therefore lives on the upstream that made it.
 */
export class RoutedClient extends RpcClient {
  constructor(
    private readonly registry: UpstreamRegistry,
    private readonly product: UpstreamProduct,
  ) {
    super();
  }

  /** The upstream of the current request; throws the 404/403 before anything is sent. */
  target(): RpcClient {
    const ctx = currentContext();
    const selected = ctx?.upstream;
    if (selected && selected.product !== this.product) {
      // e.g. /managers/east/adoms/root/logs: a FortiAnalyzer route under a FortiManager.
      throw new GatewayError(
        'ROUTE_NOT_ON_UPSTREAM',
        `This is a ${PRODUCT_NAMES[this.product]} route; it is not served under /${PREFIXES[selected.product]}/.`,
      );
    }
    const label = selected?.name ?? this.registry.defaultLabel(this.product);
    const client = this.registry.find(this.product, label);
    if (!client) throw unknownUpstream(this.product, label);
    // The token's `managers` claim holds for the unprefixed routes too (they use the default manager).
    if (this.product === 'fmg' && !nameAllowed(ctx?.managers, label)) {
      throw upstreamNotAllowed(label);
    }
    return client;
  }

  get name(): string {
    return this.target().name;
  }

  // async: a refusal from target() becomes a rejection, as every upstream failure is.
  async acquire(): Promise<HeldSession> {
    return this.target().acquire();
  }

  override async call(method: RpcMethod, params: RpcParam[], dialect?: Dialect): Promise<RpcResult[]> {
    return this.target().call(method, params, dialect);
  }

  // Pool, protection and breaker figures of the selected upstream (health and metrics read the registry).
  stats() {
    return this.target().stats();
  }

  protection() {
    return this.target().protection();
  }

  breakerState() {
    return this.target().breakerState();
  }

  observe(listener: Parameters<RpcClient['observe']>[0]): () => void {
    return this.target().observe(listener);
  }

  /** The registry closes the real clients. */
  close(): Promise<void> {
    return Promise.resolve();
  }
}
