import { IfMatch } from '../common/http/if-match.decorator';
import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Authenticated } from '../auth/auth.decorators';
import { ApiProblemResponses } from '../common/errors/api-problem-responses.decorator';
import { ApiIfMatch } from '../common/http/etag.decorators';
import { Page } from '../common/http/page.dto';
import { successStatus } from '../common/http/success-status';
import { PackageParamsDto } from '../packages/dto/package.dto';
import { ListQueryDto } from '../translator/list-query.dto';
import { ReadQueryDto } from '../translator/read-query.dto';
import {
  BulkPoliciesDto,
  BulkResultDto,
  ClonePolicyDto,
  CreatePolicyDto,
  MovePolicyDto,
  PolicyDto,
  PolicyParamsDto,
  ReplacePolicyDto,
  UpdatePolicyDto,
} from './dto/policy.dto';
import { PoliciesService } from './policies.service';
import {
  CreateOperation,
  ListOperation,
  NoContentOperation,
  ReadOperation,
  UpdateOperation,
} from '../resources/operations';

const FMG = '`/pm/config/adom/{adom}/pkg/{name}/firewall/policy`';

/**
 * Hand-written, not declared through a spec like the typed objects: policies live inside a package
 * (two path keys), have a number key FMG assigns, and besides CRUD take a bulk write answering 207
 * per item, `move` and `clone`. CRUD uses the house decorators (resources/operations.ts).
 */
@ApiTags('Firewall policies')
@Controller('adoms/:adom/packages/:pkg/policies')
export class PoliciesController {
  constructor(private readonly service: PoliciesService) {}

  @Get()
  @ListOperation(PolicyDto, {
    summary: 'List the policies of a package, in evaluation order',
    description: `FMG: \`get\` ${FMG}.`,
  })
  listPolicies(
    @Param() { adom, pkg }: PackageParamsDto,
    @Query() query: ListQueryDto,
  ): Promise<Page<PolicyDto>> {
    return this.service.listPolicies(adom, pkg, query);
  }

  @Get(':policyid')
  @ReadOperation(PolicyDto, { summary: 'Get a policy', description: `FMG: \`get\` ${FMG}/{policyid}.` })
  getPolicy(
    @Param() { adom, pkg, policyid }: PolicyParamsDto,
    @Query() query: ReadQueryDto,
  ): Promise<PolicyDto> {
    return this.service.getPolicy(adom, pkg, policyid, query);
  }

  @Post()
  @CreateOperation(PolicyDto, {
    key: (p) => p.policyid,
    summary: 'Create a policy (appended last)',
    description: `FMG: \`add\` ${FMG}.`,
    problems: [404, 409, 422, 423],
  })
  createPolicy(@Param() { adom, pkg }: PackageParamsDto, @Body() dto: CreatePolicyDto): Promise<PolicyDto> {
    return this.service.createPolicy(adom, pkg, dto);
  }

  @Post('bulk')
  @HttpCode(successStatus('batch'))
  @Authenticated('write')
  @ApiOperation({
    summary: 'Create, update and delete several policies in one request',
    description:
      'One batched JSON-RPC call per kind, under one workspace lock. 207: each item has its own status.',
  })
  @ApiResponse({ status: 207, type: BulkResultDto, description: 'Per-item outcomes.' })
  @ApiProblemResponses(404, 423)
  bulkPolicies(
    @Param() { adom, pkg }: PackageParamsDto,
    @Body() dto: BulkPoliciesDto,
  ): Promise<BulkResultDto> {
    return this.service.bulkPolicies(adom, pkg, dto);
  }

  @Put(':policyid')
  @HttpCode(successStatus('replace'))
  @ApiIfMatch()
  @UpdateOperation(PolicyDto, {
    summary: 'Replace a policy',
    description: `FMG: \`set\` ${FMG}/{policyid}.`,
    problems: [404, 409, 422, 423],
  })
  replacePolicy(
    @Param() { adom, pkg, policyid }: PolicyParamsDto,
    @Body() dto: ReplacePolicyDto,
    @IfMatch() ifMatch?: string,
  ): Promise<PolicyDto> {
    return this.service.replacePolicy(adom, pkg, policyid, dto, ifMatch);
  }

  @Patch(':policyid')
  @HttpCode(successStatus('update'))
  @ApiIfMatch()
  @UpdateOperation(PolicyDto, {
    summary: 'Update a policy',
    description: `FMG: \`update\` ${FMG}/{policyid}.`,
    problems: [404, 409, 422, 423],
  })
  updatePolicy(
    @Param() { adom, pkg, policyid }: PolicyParamsDto,
    @Body() dto: UpdatePolicyDto,
    @IfMatch() ifMatch?: string,
  ): Promise<PolicyDto> {
    return this.service.updatePolicy(adom, pkg, policyid, dto, ifMatch);
  }

  @Delete(':policyid')
  @HttpCode(successStatus('delete'))
  @ApiIfMatch()
  @NoContentOperation({
    summary: 'Delete a policy',
    description: `FMG: \`delete\` ${FMG}/{policyid}.`,
    problems: [404, 423],
  })
  deletePolicy(
    @Param() { adom, pkg, policyid }: PolicyParamsDto,
    @IfMatch() ifMatch?: string,
  ): Promise<void> {
    return this.service.deletePolicy(adom, pkg, policyid, ifMatch);
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
