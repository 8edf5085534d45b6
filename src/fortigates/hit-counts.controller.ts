import { Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated } from '../auth/auth.decorators';
import { ApiProblemResponses } from '../common/errors/api-problem-responses.decorator';
import { PackageParamsDto } from '../packages/dto/package.dto';
import { ReadOperation } from '../resources/operations';
import { TaskAcceptedDto } from '../tasks/dto/task.dto';
import { TaskOperation } from '../tasks/starts-task.decorator';
import { FmgHaDto } from './dto/fmg-ha.dto';
import { HitCountQueryDto, HitCountsDto } from './dto/hit-count.dto';
import { HitCountsService } from './hit-counts.service';

/** Hand-written: the refresh is an FMG task (StartsTask), not a table write. */
@ApiTags('Managed FortiGates')
@Controller()
export class HitCountsController {
  constructor(private readonly service: HitCountsService) {}

  @Post('adoms/:adom/packages/:pkg/hit-counts')
  @TaskOperation({
    summary: "Refresh a package's policy hit counts from its devices",
    description:
      'FMG: `exec /sys/hitcount {adom, pkg}` as a task. 202; once the task is done, read the counters at `result`.',
    problems: [404, 422],
  })
  refreshHitCounts(@Param() { adom, pkg }: PackageParamsDto): Promise<TaskAcceptedDto> {
    return this.service.refresh(adom, pkg);
  }

  @Get('adoms/:adom/packages/:pkg/hit-counts')
  @ReadOperation(HitCountsDto, {
    summary: 'Policy hit counts of a finished refresh',
    description:
      'FMG: `exec /sys/task/result {taskid}`: per policy id hits, packets, bytes, sessions, first and last use. 409 + Retry-After while the task runs.',
    problems: [404, 409],
  })
  readHitCounts(
    @Param() { adom }: PackageParamsDto,
    @Query() { task }: HitCountQueryDto,
  ): Promise<HitCountsDto> {
    return this.service.read(adom, task);
  }

  @Get('system/ha')
  @Authenticated('admin')
  @ApiOperation({ summary: "FortiManager's own HA status", description: 'FMG: `get /sys/ha/status`.' })
  @ApiProblemResponses()
  @ApiOkResponse({ type: FmgHaDto })
  getFmgHa(): Promise<FmgHaDto> {
    return this.service.fmgHa();
  }
}
