import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { ReadOperation } from '../resources/operations';
import { InventoryDto, InventoryQueryDto, UpstreamListDto } from './dto/upstream.dto';
import { UpstreamsService } from './upstreams.service';

/**
 * The gateway's FortiManagers and FortiAnalyzers. Every FortiManager route is also served under
 * `/managers/{manager}/…` and every FortiAnalyzer route under `/analyzers/{analyzer}/…` (upstream-path.ts).
 */
@ApiTags('Upstreams')
@Controller()
export class UpstreamsController {
  constructor(private readonly service: UpstreamsService) {}

  @Get('managers')
  @ReadOperation(UpstreamListDto, {
    summary: 'List the FortiManagers',
    description:
      'Name, version, state and session pool of each FortiManager the token may reach (`managers` claim). ' +
      'Each serves every FortiManager route under `/managers/{manager}/…`.',
    problems: [],
  })
  async managers(@CurrentPrincipal() principal: Principal): Promise<UpstreamListDto> {
    return { items: await this.service.list('fmg', principal) };
  }

  @Get('analyzers')
  @ReadOperation(UpstreamListDto, {
    summary: 'List the FortiAnalyzers',
    description: 'Each serves every FortiAnalyzer route under `/analyzers/{analyzer}/…`.',
    problems: [],
  })
  async analyzers(@CurrentPrincipal() principal: Principal): Promise<UpstreamListDto> {
    return { items: await this.service.list('faz', principal) };
  }

  @Get('inventory/devices')
  @ReadOperation(InventoryDto, {
    summary: 'Managed devices across FortiManagers',
    description:
      'One page of `get /dvmdb/device` from every FortiManager matching `manager` (default `*`) and the ' +
      "token's `managers` claim, each device naming its manager. A manager that does not answer is listed " +
      'in `managers` as `unavailable`; the others are still answered (200).',
    problems: [],
  })
  inventory(
    @Query() { manager }: InventoryQueryDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<InventoryDto> {
    return this.service.inventory(manager ?? '*', principal);
  }
}
