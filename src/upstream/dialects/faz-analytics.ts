import { Injectable } from '@nestjs/common';
import { asFazCode } from '../../common/errors/catalogue';
import { GatewayError } from '../../common/errors/gateway-error';
import { FazClient, unwrap } from '../clients';
import type { RpcMethod } from '../transport/jsonrpc.types';

/** FAZ analytics API version (docs/upstream-api.md §9.1). */
export const FAZ_APIVER = 3;

/**
 * The FortiAnalyzer analytics dialect on top of the shared FazClient (session pool, -11 re-login, status
 * mapping): parameters go flat into params[0] next to `url` with `apiver: 3`, never under `data`
 * (docs/upstream-api.md §9.1). The transport adds the top-level `"jsonrpc": "2.0"` for these urls and reads the
 * object-shaped `result` / top-level `error` back into the classic shape, so non-zero codes map through
 * the one status table like FortiManager ones; the error then names the upstream that answered.
 */
@Injectable()
export class FazAnalytics {
  constructor(private readonly faz: FazClient) {}

  async request<T>(method: RpcMethod, url: string, params: Record<string, unknown> = {}): Promise<T> {
    try {
      const [result] = await this.faz.call(method, [{ ...params, url, apiver: FAZ_APIVER }], 'faz-analytics');
      return unwrap<T>(result, method);
    } catch (err) {
      throw asFortiAnalyzerError(err);
    }
  }
}

/**
 * The shared status table speaks FortiManager (`FMG_INTERNAL_ERROR`, "FortiManager internal error"); an
 * answer of the FortiAnalyzer is re-titled so type, code, title and `upstream.product` name it.
 */
export function asFortiAnalyzerError(err: unknown): unknown {
  if (!(err instanceof GatewayError) || !err.upstream) return err;
  const rename = (s: string) => s.replace(/FortiManager/g, 'FortiAnalyzer');
  return new GatewayError(asFazCode(err.code), rename(err.detail), {
    status: err.status,
    title: rename(err.title),
    upstream: { ...err.upstream, product: 'FortiAnalyzer' },
    extensions: err.extensions,
    headers: err.headers,
  });
}
