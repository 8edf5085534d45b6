import { Inject, Injectable } from '@nestjs/common';
import { adomAllowed, allowsEveryAdom, Principal } from '../auth/principal';
import { forbidden } from '../auth/auth.guard';
import { badRequest } from '../common/errors/gateway-error';
import { APP_CONFIG } from '../config/app-config';
import type { AppConfig } from '../config/app-config';
import { passthroughDialect } from '../upstream/dialects/dialect';
import { FazClient, FmgClient } from '../upstream/clients';
import { RpcParam } from '../upstream/transport/jsonrpc.types';
import { RpcCallDto, RpcResponseDto } from './dto/rpc.dto';
import { canonicalRpcUrl } from './rpc-url';
/** Fields the gateway owns: a client must not pick the session or smuggle a different envelope. */
const RESERVED = ['session', 'id', 'jsonrpc', 'verbose'];

/**
 * The escape hatch for power users: any JSON-RPC call the policy allows, with the gateway's own
 * session. Every url is checked before anything is sent: allow/deny patterns, and the caller's ADOMs.
 */
@Injectable()
export class RpcService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly fmg: FmgClient,
    private readonly faz: FazClient,
  ) {}

  async callRpc(dto: RpcCallDto, principal: Principal): Promise<RpcResponseDto> {
    const params = dto.params.map((p, i) => this.check(p, i, principal));
    // A passthrough carries any url: its dialect follows the url family (analytics or classic).
    // The routed clients: under /managers/{name}/rpc the call goes to that manager (issue #18).
    const client = dto.upstream === 'faz' ? this.faz : this.fmg;
    const result = await client.call(dto.method, params, passthroughDialect(params));
    return { result };
  }

  private check(param: Record<string, unknown>, index: number, principal: Principal): RpcParam {
    const url = param.url;
    if (typeof url !== 'string' || url.length === 0 || url.length > 2048) {
      throw badRequest(`params[${index}].url must be a non-empty string.`);
    }
    for (const key of RESERVED) {
      if (key in param) throw badRequest(`params[${index}].${key} is set by the gateway.`);
    }
    // Canonical or refused (400) before any pattern sees it: `../`, `%2F`, `//` and `\\` cannot slip past.
    const { adoms } = canonicalRpcUrl(url, index);
    const { allow, deny } = this.config.rpc;
    if (deny.some((re) => re.test(url)) || !allow.some((re) => re.test(url))) {
      throw forbidden(
        'RPC_URL_NOT_ALLOWED',
        `params[${index}].url "${url}" is not allowed through the passthrough.`,
      );
    }
    if (!allowsEveryAdom(principal)) {
      // A url that names no ADOM spans all of them: only for callers allowed every ADOM.
      if (adoms.length === 0 || adoms.some((a) => !adomAllowed(principal, a))) {
        throw forbidden('ADOM_NOT_ALLOWED', `params[${index}].url reaches an ADOM this client may not use.`);
      }
    }
    return param as RpcParam;
  }
}
