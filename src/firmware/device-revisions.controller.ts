import { Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Page } from '../common/http/page.dto';
import { ListOperation, ReadOperation } from '../resources/operations';
import { TaskAcceptedDto } from '../tasks/dto/task.dto';
import { TaskOperation } from '../tasks/starts-task.decorator';
import { DeviceRevisionsService } from './device-revisions.service';
import {
  DeviceRevisionConfigDto,
  DeviceRevisionDiffDto,
  DeviceRevisionDto,
  DeviceRevisionParamsDto,
  RevisionDiffQueryDto,
} from './dto/device-revision.dto';
import { FirmwareParamsDto } from './dto/firmware.dto';

/**
 * Hand-written: device revisions are `deployment/*` commands, not an FMG table, and the diff is computed
 * by the gateway. Reads use the house decorators; the retrieve, a task, is declared with TaskOperation.
 */
@ApiTags('Devices')
@Controller('adoms/:adom/devices/:device')
export class DeviceRevisionsController {
  constructor(private readonly service: DeviceRevisionsService) {}

  @Get('revisions')
  @ListOperation(DeviceRevisionDto, {
    summary: 'List a device’s stored configuration revisions (newest first)',
    description: 'FMG: `exec /deployment/get/device/revision`.',
  })
  listDeviceRevisions(@Param() { adom, device }: FirmwareParamsDto): Promise<Page<DeviceRevisionDto>> {
    return this.service.list(adom, device);
  }

  // Declared before `revisions/:revision`, which would otherwise take "diff" as a revision number.
  @Get('revisions/diff')
  @ReadOperation(DeviceRevisionDiffDto, {
    summary: 'Diff two configuration revisions of a device',
    description:
      'Both revisions through `exec /deployment/checkout/revision`; the unified diff is the gateway’s.',
  })
  diffDeviceRevisions(
    @Param() { adom, device }: FirmwareParamsDto,
    @Query() { from, to }: RevisionDiffQueryDto,
  ): Promise<DeviceRevisionDiffDto> {
    return this.service.diff(adom, device, from, to);
  }

  @Get('revisions/:revision')
  @ReadOperation(DeviceRevisionConfigDto, {
    summary: 'Read a configuration revision as text',
    description: 'FMG: `exec /deployment/checkout/revision`.',
  })
  getDeviceRevision(
    @Param() { adom, device, revision }: DeviceRevisionParamsDto,
  ): Promise<DeviceRevisionConfigDto> {
    return this.service.read(adom, device, revision);
  }

  @Post('retrieve')
  @TaskOperation({
    summary: 'Retrieve the configuration from the device (a new revision)',
    description: 'FMG: `exec /dvm/cmd/reload/dev-list` with `create_task`. 202.',
    problems: [404],
  })
  retrieveDeviceConfig(@Param() { adom, device }: FirmwareParamsDto): Promise<TaskAcceptedDto> {
    return this.service.retrieve(adom, device);
  }
}
