import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';

import { successStatus } from '../common/http/success-status';
import { PackageParamsDto } from '../packages/dto/package.dto';
import { BatchOperation, CreateOperation, UpdateOperation } from '../resources/operations';
import {
  BulkPoliciesDto,
  BulkResultDto,
  ClonePolicyDto,
  MovePolicyDto,
  PolicyDto,
  PolicyParamsDto,
} from './dto/policy.dto';
import { PoliciesService } from './policies.service';

const FMG = '`/pm/config/adom/{adom}/pkg/{name}/firewall/policy`';

/** Hand-written: a bulk write answers 207 per item, and move and clone are not CRUD (CRUD: POLICIES). */
@ApiTags('Firewall policies')
@Controller('adoms/:adom/packages/:pkg/policies')
export class PoliciesController {
  constructor(private readonly service: PoliciesService) {}

  @Post('bulk')
  @HttpCode(successStatus('batch'))
  @BatchOperation(
    BulkResultDto,
    {
      summary: 'Create, update and delete several policies in one request',
      description:
        'One batched JSON-RPC call per kind, under one workspace lock. 207: each item has its own status.',
      answer: 'Per-item outcomes.',
      problems: [404, 423],
    },
    'write',
  )
  bulkPolicies(
    @Param() { adom, pkg }: PackageParamsDto,
    @Body() dto: BulkPoliciesDto,
  ): Promise<BulkResultDto> {
    return this.service.bulkPolicies(adom, pkg, dto);
  }

  @Post(':policyid/move')
  @HttpCode(successStatus('action'))
  @UpdateOperation(PolicyDto, {
    summary: 'Move a policy before or after another',
    description: `FMG: \`move\` ${FMG}/{policyid}.`,
    problems: [404, 423],
  })
  movePolicy(
    @Param() { adom, pkg, policyid }: PolicyParamsDto,
    @Body() dto: MovePolicyDto,
  ): Promise<PolicyDto> {
    return this.service.movePolicy(adom, pkg, policyid, dto);
  }

  @Post(':policyid/clone')
  @CreateOperation(PolicyDto, {
    key: (p) => p.policyid,
    collection: (path) => path.replace(/\/[^/]+\/clone$/, ''),
    summary: 'Clone a policy',
    description: `FMG: \`clone\` ${FMG}/{policyid}; the copy gets a new policyid.`,
    problems: [404, 409, 422, 423],
  })
  clonePolicy(
    @Param() { adom, pkg, policyid }: PolicyParamsDto,
    @Body() dto: ClonePolicyDto,
  ): Promise<PolicyDto> {
    return this.service.clonePolicy(adom, pkg, policyid, dto);
  }
}
