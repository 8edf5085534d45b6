import { Body, Controller, Delete, Get, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AdomParamsDto } from '../adoms/dto/adom.dto';
import { ListOperation, ReadOperation } from '../resources/operations';
import { Page } from '../common/http/page.dto';
import { TaskAcceptedDto } from '../tasks/dto/task.dto';
import { TaskOperation } from '../tasks/starts-task.decorator';
import { ListQueryDto } from '../translator/list-query.dto';
import { ReadQueryDto } from '../translator/read-query.dto';
import { DevicesService } from './devices.service';
import { AddDeviceDto, DeviceDto, DeviceParamsDto, InstallDeviceSettingsDto } from './dto/device.dto';

/**
 * Hand-written: devices are not an FMG table written with add/set/update but `/dvm/cmd` commands that
 * answer tasks (add, delete, install), declared with StartsTask; the reads use the house decorators
 * (resources/operations.ts).
 */
@ApiTags('Devices')
@Controller('adoms/:adom/devices')
export class DevicesController {
  constructor(private readonly service: DevicesService) {}

  @Get()
  @ListOperation(DeviceDto, {
    summary: 'List managed devices with VDOMs, HA and connection',
    description: 'FMG: `get /dvmdb/adom/{adom}/device`.',
  })
  listDevices(@Param() { adom }: AdomParamsDto, @Query() query: ListQueryDto): Promise<Page<DeviceDto>> {
    return this.service.listDevices(adom, query);
  }

  @Get(':device')
  @ReadOperation(DeviceDto, {
    summary: 'Get a managed device',
    description: 'FMG: `get /dvmdb/adom/{adom}/device/{device}`.',
  })
  getDevice(@Param() { adom, device }: DeviceParamsDto, @Query() query: ReadQueryDto): Promise<DeviceDto> {
    return this.service.getDevice(adom, device, query);
  }

  @Post()
  @TaskOperation({
    summary: 'Add a device (real or model)',
    description: 'FMG: `exec /dvm/cmd/add/device` as a task. 202.',
    problems: [404, 409, 422],
  })
  addDevice(@Param() { adom }: AdomParamsDto, @Body() dto: AddDeviceDto): Promise<TaskAcceptedDto> {
    return this.service.addDevice(adom, dto);
  }

  @Post('install')
  @TaskOperation({
    summary: 'Install device settings',
    description: 'FMG: `exec /securityconsole/install/device`. 202.',
    problems: [404, 422],
  })
  installDeviceSettings(
    @Param() { adom }: AdomParamsDto,
    @Body() dto: InstallDeviceSettingsDto,
  ): Promise<TaskAcceptedDto> {
    return this.service.installDeviceSettings(adom, dto.scope);
  }

  @Delete(':device')
  @TaskOperation({
    summary: 'Delete a device',
    description: 'FMG: `exec /dvm/cmd/del/device` as a task. 202.',
    problems: [404],
  })
  deleteDevice(@Param() { adom, device }: DeviceParamsDto): Promise<TaskAcceptedDto> {
    return this.service.deleteDevice(adom, device);
  }
}
