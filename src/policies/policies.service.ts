import { Injectable } from '@nestjs/common';
import { badRequest } from '../common/errors/gateway-error';
import { successStatus } from '../common/http/success-status';
import { fmgStatusRule } from '../upstream/status/fmg-status.mapper';
import { RpcParam, RpcResult } from '../upstream/transport/jsonrpc.types';
import { toFmg } from '../translator/resource';
import { TranslatorService } from '../translator/translator.service';
import { WorkspaceLocks } from '../upstream/workspace/workspace-locks.service';
import {
  BulkItemResultDto,
  BulkPoliciesDto,
  BulkResultDto,
  ClonePolicyDto,
  MovePolicyDto,
  PolicyDto,
} from './dto/policy.dto';
import { echoedPolicyId, POLICY_RESOURCE, policyTableUrl, policyUrl } from './policy.resource';

/** Policy moves, clones and bulk writes (CRUD: POLICIES). */
@Injectable()
export class PoliciesService {
  constructor(
    private readonly translator: TranslatorService,
    private readonly locks: WorkspaceLocks,
  ) {}

  movePolicy(adom: string, pkg: string, id: number, dto: MovePolicyDto): Promise<PolicyDto> {
    return this.translator.move(POLICY_RESOURCE, policyUrl(adom, pkg, id), dto.position, dto.target, {
      adom,
    });
  }

  clonePolicy(adom: string, pkg: string, id: number, dto: ClonePolicyDto): Promise<PolicyDto> {
    return this.translator.clone(
      POLICY_RESOURCE,
      policyUrl(adom, pkg, id),
      dto.overrides ?? {},
      (echo) => policyUrl(adom, pkg, echoedPolicyId(echo)),
      { adom },
    );
  }

  /**
   * Creates, updates and deletes in one request: one JSON-RPC call per kind, its params batched, all
   * under one workspace lock (committed if anything took effect). Each item gets its own outcome.
   */
  async bulkPolicies(adom: string, pkg: string, dto: BulkPoliciesDto): Promise<BulkResultDto> {
    const creates = dto.create ?? [];
    const updates = dto.update ?? [];
    const deletes = dto.delete ?? [];
    if (creates.length + updates.length + deletes.length === 0) {
      throw badRequest('Nothing to do: send create, update and/or delete.');
    }
    return this.locks.write(adom, async (session) => {
      const results: BulkItemResultDto[] = [];
      const run = async (
        op: 'create' | 'update' | 'delete',
        method: 'add' | 'update' | 'delete',
        params: RpcParam[],
        ids: (number | undefined)[],
      ) => {
        if (params.length === 0) return;
        const outcome = await session.call(method, params);
        outcome.forEach((r, index) =>
          results.push(itemResult(op, index, ids[index] ?? echoedIdOrUndefined(r), r)),
        );
      };
      await run(
        'create',
        'add',
        creates.map((c) => ({ url: policyTableUrl(adom, pkg), data: toFmg(POLICY_RESOURCE, c) })),
        creates.map((c) => c.policyid),
      );
      await run(
        'update',
        'update',
        updates.map(({ policyid, ...changes }) => ({
          url: policyUrl(adom, pkg, policyid),
          data: toFmg(POLICY_RESOURCE, changes),
        })),
        updates.map((u) => u.policyid),
      );
      await run(
        'delete',
        'delete',
        deletes.map((id) => ({ url: policyUrl(adom, pkg, id) })),
        deletes,
      );
      return { results };
    });
  }
}

function echoedIdOrUndefined(result: RpcResult): number | undefined {
  const id = Number((result.data as { policyid?: unknown } | undefined)?.policyid);
  return Number.isSafeInteger(id) && id > 0 ? id : undefined;
}

function itemResult(
  op: 'create' | 'update' | 'delete',
  index: number,
  policyid: number | undefined,
  r: RpcResult,
): BulkItemResultDto {
  if (r.status.code === 0) {
    return {
      op,
      index,
      policyid,
      status: successStatus(op === 'create' ? 'create' : op === 'update' ? 'update' : 'delete'),
    };
  }
  const rule = fmgStatusRule(r.status.code);
  return {
    op,
    index,
    policyid,
    status: rule.status,
    code: rule.code,
    detail: r.status.message,
    upstreamCode: r.status.code,
  };
}
