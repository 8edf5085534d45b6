import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdomParamsDto } from '../adoms/dto/adom.dto';
import { Authenticated, CurrentPrincipal } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { ApiProblemResponses } from '../common/errors/api-problem-responses.decorator';
import { successStatus } from '../fortimanager/fmg-status.mapper';
import { WorkspaceStateDto } from './dto/workspace.dto';
import { WorkspaceService } from './workspace.service';

@ApiTags('Workspace')
@Controller('adoms/:adom/workspace')
export class WorkspaceController {
  constructor(private readonly service: WorkspaceService) {}

  @Get()
  @Authenticated('read')
  @ApiOperation({
    summary: 'Workspace mode and lock state',
    description: 'FMG: `get .../workspace/lockinfo`.',
  })
  @ApiOkResponse({ type: WorkspaceStateDto })
  @ApiProblemResponses(404)
  getWorkspace(@Param() { adom }: AdomParamsDto): Promise<WorkspaceStateDto> {
    return this.service.getWorkspace(adom);
  }

  @Post('lock')
  @HttpCode(successStatus('action'))
  @Authenticated('write')
  @ApiOperation({
    summary: 'Lock the ADOM',
    description: 'FMG: `exec .../workspace/lock`. 423 names the holder.',
  })
  @ApiOkResponse({ type: WorkspaceStateDto })
  @ApiProblemResponses(404, 423)
  lockWorkspace(
    @Param() { adom }: AdomParamsDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<WorkspaceStateDto> {
    return this.service.lockWorkspace(adom, principal);
  }

  @Post('commit')
  @HttpCode(successStatus('action'))
  @Authenticated('write')
  @ApiOperation({ summary: 'Commit the ADOM changes', description: 'FMG: `exec .../workspace/commit`.' })
  @ApiOkResponse({ type: WorkspaceStateDto })
  @ApiProblemResponses(404, 409, 423)
  commitWorkspace(@Param() { adom }: AdomParamsDto): Promise<WorkspaceStateDto> {
    return this.service.commitWorkspace(adom);
  }

  @Post('unlock')
  @HttpCode(successStatus('action'))
  @Authenticated('write')
  @ApiOperation({
    summary: 'Unlock the ADOM',
    description: 'FMG: `exec .../workspace/unlock`. Uncommitted changes are discarded.',
  })
  @ApiOkResponse({ type: WorkspaceStateDto })
  @ApiProblemResponses(404, 409, 423)
  unlockWorkspace(@Param() { adom }: AdomParamsDto): Promise<WorkspaceStateDto> {
    return this.service.unlockWorkspace(adom);
  }
}
