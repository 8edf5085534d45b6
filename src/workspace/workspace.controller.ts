import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AdomParamsDto } from '../adoms/dto/adom.dto';
import { CurrentPrincipal } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { successStatus } from '../common/http/success-status';
import { WorkspaceStateDto } from './dto/workspace.dto';
import { WorkspaceService } from './workspace.service';
import { ReadOperation, UpdateOperation } from '../resources/operations';

@ApiTags('Workspace')
@Controller('adoms/:adom/workspace')
export class WorkspaceController {
  constructor(private readonly service: WorkspaceService) {}

  @Get()
  @ReadOperation(WorkspaceStateDto, {
    summary: 'Workspace mode and lock state',
    description: 'FMG: `get .../workspace/lockinfo`.',
  })
  getWorkspace(@Param() { adom }: AdomParamsDto): Promise<WorkspaceStateDto> {
    return this.service.getWorkspace(adom);
  }

  @Post('lock')
  @HttpCode(successStatus('action'))
  @UpdateOperation(WorkspaceStateDto, {
    summary: 'Lock the ADOM',
    description:
      'FMG: `exec .../workspace/lock`. 423 names the holder; 409 `WORKSPACE_MODE_OFF` when the ADOM is not in workspace mode, `CHANGE_SET_OPEN` when a change set is already open. The answer is the state re-read from FMG.',
    problems: [404, 409, 423],
  })
  lockWorkspace(
    @Param() { adom }: AdomParamsDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<WorkspaceStateDto> {
    return this.service.lockWorkspace(adom, principal);
  }

  @Post('commit')
  @HttpCode(successStatus('action'))
  @UpdateOperation(WorkspaceStateDto, {
    summary: 'Commit the ADOM changes',
    description:
      'FMG: `exec .../workspace/commit`. 404 for an ADOM that does not exist; 409 `NO_CHANGE_SET` without an open change set, `WORKSPACE_MODE_OFF` when the ADOM is not in workspace mode.',
    problems: [404, 409, 423],
  })
  commitWorkspace(@Param() { adom }: AdomParamsDto): Promise<WorkspaceStateDto> {
    return this.service.commitWorkspace(adom);
  }

  @Post('unlock')
  @HttpCode(successStatus('action'))
  @UpdateOperation(WorkspaceStateDto, {
    summary: 'Unlock the ADOM',
    description:
      'FMG: `exec .../workspace/unlock`. Uncommitted changes are discarded. 404 for an ADOM that does not exist; 409 as for commit.',
    problems: [404, 409, 423],
  })
  unlockWorkspace(@Param() { adom }: AdomParamsDto): Promise<WorkspaceStateDto> {
    return this.service.unlockWorkspace(adom);
  }
}
