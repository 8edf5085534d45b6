import { RpcClient } from './rpc-client';

/**
 * DI tokens for the upstreams, chosen per route family: FortiManager resources inject FmgClient,
 * FortiAnalyzer resources inject FazClient. Both are RpcClients built by the UpstreamRegistry.
 */
export abstract class FmgClient extends RpcClient {}
export abstract class FazClient extends RpcClient {}

export { unwrap } from './rpc-client';
