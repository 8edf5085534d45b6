import { Injectable } from '@nestjs/common';
import { badRequest, upstreamProtocolError } from '../common/errors/gateway-error';
import { Page } from '../common/http/page.dto';
import { successStatus } from '../common/http/success-status';
import { fmgStatusRule } from '../upstream/status/fmg-status.mapper';
import { fmgUrl } from '../upstream/dialects/fmg-url';
import { RpcParam, RpcResult } from '../upstream/transport/jsonrpc.types';
import { ListQueryDto } from '../translator/list-query.dto';
import { ReadQueryDto } from '../translator/read-query.dto';
import { toFmg } from '../translator/resource';
import { TranslatorService } from '../translator/translator.service';
import { WorkspaceLocks } from '../upstream/workspace/workspace-locks.service';
import {
  BulkItemResultDto,
  BulkPoliciesDto,
  BulkResultDto,
  ClonePolicyDto,
  CreatePolicyDto,
  MovePolicyDto,
  PolicyDto,
  ReplacePolicyDto,
  UpdatePolicyDto,
} from './dto/policy.dto';
import { POLICY_RESOURCE } from './policy.resource';

/**
 * Policies live under the package *name* (`/pm/config/adom/{adom}/pkg/{name}/...`), while REST
 * addresses packages by folder path; the last part of the path is the name (names are unique per ADOM).
 */
const packageName = (pkg: string) => pkg.slice(pkg.lastIndexOf('/') + 1);
const tableUrl = (adom: string, pkg: string) =>
  fmgUrl`/pm/config/adom/${adom}/pkg/${packageName(pkg)}/firewall/policy`;
const memberUrl = (adom: string, pkg: string, id: number) =>
  fmgUrl`/pm/config/adom/${adom}/pkg/${packageName(pkg)}/firewall/policy/${id}`;

function echoedId(echo: Record<string, unknown>): number {
  const id = Number(echo.policyid);
  if (!Number.isSafeInteger(id) || id <= 0) {
    throw upstreamProtocolError('The upstream did not say which policyid it assigned.');
  }
  return id;
}

@Injectable()
export class PoliciesService {
  constructor(
    private readonly translator: TranslatorService,
    private readonly locks: WorkspaceLocks,
  ) {}

  listPolicies(adom: string, pkg: string, query: ListQueryDto): Promise<Page<PolicyDto>> {
    return this.translator.list(POLICY_RESOURCE, tableUrl(adom, pkg), query);
  }

  getPolicy(adom: string, pkg: string, id: number, query: ReadQueryDto): Promise<PolicyDto> {
    return this.translator.read(POLICY_RESOURCE, memberUrl(adom, pkg, id), query.fields);
  }

  createPolicy(adom: string, pkg: string, dto: CreatePolicyDto): Promise<PolicyDto> {
    return this.translator.createKeyed(
      POLICY_RESOURCE,
      tableUrl(adom, pkg),
      dto,
      (echo) => memberUrl(adom, pkg, echoedId(echo)),
      {
        adom,
      },
    );
  }

  replacePolicy(
    adom: string,
    pkg: string,
    id: number,
    dto: ReplacePolicyDto,
    ifMatch?: string,
  ): Promise<PolicyDto> {
    return this.translator.replace(
      POLICY_RESOURCE,
      memberUrl(adom, pkg, id),
      { ...dto, policyid: id },
      { adom, ifMatch },
    );
  }

  updatePolicy(
    adom: string,
    pkg: string,
    id: number,
    dto: UpdatePolicyDto,
    ifMatch?: string,
  ): Promise<PolicyDto> {
    return this.translator.update(POLICY_RESOURCE, memberUrl(adom, pkg, id), dto, { adom, ifMatch });
  }

  deletePolicy(adom: string, pkg: string, id: number, ifMatch?: string): Promise<void> {
    return this.translator.delete(POLICY_RESOURCE, memberUrl(adom, pkg, id), { adom, ifMatch });
  }

  movePolicy(adom: string, pkg: string, id: number, dto: MovePolicyDto): Promise<PolicyDto> {
    return this.translator.move(POLICY_RESOURCE, memberUrl(adom, pkg, id), dto.position, dto.target, {
      adom,
    });
  }

  clonePolicy(adom: string, pkg: string, id: number, dto: ClonePolicyDto): Promise<PolicyDto> {
    return this.translator.clone(
      POLICY_RESOURCE,
      memberUrl(adom, pkg, id),
      dto.overrides ?? {},
      (echo) => memberUrl(adom, pkg, echoedId(echo)),
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
        creates.map((c) => ({ url: tableUrl(adom, pkg), data: toFmg(POLICY_RESOURCE, c) })),
        creates.map((c) => c.policyid),
      );
      await run(
        'update',
        'update',
        updates.map(({ policyid, ...changes }) => ({
          url: memberUrl(adom, pkg, policyid),
          data: toFmg(POLICY_RESOURCE, changes),
        })),
        updates.map((u) => u.policyid),
      );
      await run(
        'delete',
        'delete',
        deletes.map((id) => ({ url: memberUrl(adom, pkg, id) })),
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
