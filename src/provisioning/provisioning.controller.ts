import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiTags, getSchemaPath } from '@nestjs/swagger';
import { AdomParamsDto } from '../adoms/dto/adom.dto';
import { successStatus } from '../common/http/success-status';
import { ScopeMemberDto } from '../packages/dto/package.dto';
import { PackageParamsDto } from '../packages/dto/package.dto';
import { DeviceParamsDto } from '../devices/dto/device.dto';
import {
  CreateOperation,
  NoContentOperation,
  ReadOperation,
  UpdateOperation,
  type Answer,
} from '../resources/operations';
import { TaskAcceptedDto } from '../tasks/dto/task.dto';
import { TaskOperation } from '../tasks/starts-task.decorator';
import {
  AuthorizeDevicesDto,
  BulkAddDevicesDto,
  CreateMetadataVariableDto,
  DeviceStatusDto,
  ImportParamsDto,
  ImportPolicyDto,
  InstallLogParamsDto,
  InterfaceMappingDto,
  MetadataVariableDto,
  PackageStatusDto,
  PackageTargetParamsDto,
  TargetQueryDto,
  UnregisteredDeviceDto,
  VariableDeviceParamsDto,
  VariableParamsDto,
  VariableValueDto,
} from './dto/provisioning.dto';
import { InstallLogDto } from './dto/install-log.dto';
import { ProvisioningService } from './provisioning.service';
import { TARGET_LIST } from './target-list';

const listOf = (model: new () => unknown): Answer => ({
  schema: { type: 'array', items: { $ref: getSchemaPath(model) } },
  models: [model],
});

/** Installation targets one at a time, and what is installed where (docs/upstream-api.md §8.11). */
@ApiTags('Policy packages')
@Controller('adoms/:adom/packages/:pkg')
export class PackageTargetsController {
  constructor(private readonly service: ProvisioningService) {}

  @Get('targets')
  @ReadOperation(TARGET_LIST, {
    summary: 'List the installation targets of a package',
    description: 'FMG: `get /pm/pkg/adom/{adom}/{pkg}/scope member`.',
  })
  listPackageTargets(@Param() { adom, pkg }: PackageParamsDto): Promise<ScopeMemberDto[]> {
    return this.service.packageTargets(adom, pkg);
  }

  @Put('targets/:device')
  @UpdateOperation(TARGET_LIST, {
    summary: 'Add one installation target (device `?vdom=`, or device group)',
    description:
      'FMG: `add /pm/pkg/adom/{adom}/{pkg}/scope member`. The other targets are kept (PATCH of the package replaces them all).',
    answer: 'The targets after the change.',
    problems: [404, 422, 423],
  })
  addPackageTarget(
    @Param() params: PackageTargetParamsDto,
    @Query() { vdom }: TargetQueryDto,
  ): Promise<ScopeMemberDto[]> {
    return this.service.addPackageTarget(params, vdom);
  }

  @Delete('targets/:device')
  @HttpCode(successStatus('delete'))
  @NoContentOperation({
    summary: 'Remove one installation target (device `?vdom=`, or device group)',
    description: 'FMG: `delete /pm/pkg/adom/{adom}/{pkg}/scope member`. The other targets are kept.',
    answer: 'Removed (also when it was not a target).',
    problems: [404, 423],
  })
  removePackageTarget(
    @Param() params: PackageTargetParamsDto,
    @Query() { vdom }: TargetQueryDto,
  ): Promise<void> {
    return this.service.removePackageTarget(params, vdom);
  }

  @Get('status')
  @ReadOperation(listOf(PackageStatusDto), {
    summary: 'Package status per target: installed, modified, never installed, out of sync',
    description:
      'FMG: `get /pm/config/adom/{adom}/_package/status` (FMG 7.0.7+/7.2.2+), rows of this package.',
  })
  getPackageStatus(@Param() { adom, pkg }: PackageParamsDto): Promise<PackageStatusDto[]> {
    return this.service.packageStatus(adom, pkg);
  }
}

/** Device status and the two-step policy import from a device. */
@ApiTags('Devices')
@Controller('adoms/:adom/devices/:device')
export class DeviceProvisioningController {
  constructor(private readonly service: ProvisioningService) {}

  @Get('status')
  @ReadOperation(DeviceStatusDto, {
    summary: 'Device status: connection, config and database status, last install, packages',
    description:
      'FMG: `get /dvmdb/adom/{adom}/device/{device}` and `get /pm/config/adom/{adom}/_package/status`.',
  })
  getDeviceStatus(@Param() { adom, device }: DeviceParamsDto): Promise<DeviceStatusDto> {
    return this.service.deviceStatus(adom, device);
  }

  @Post('import/interface-mapping')
  @TaskOperation({
    summary: 'Policy import, step 1: map the device interfaces to dynamic interfaces',
    description:
      'FMG: `exec /securityconsole/import/dev/objs` with `import_action: "policy_search"`. 202; follow the task.',
    problems: [404, 422, 423],
  })
  mapDeviceInterfaces(
    @Param() { adom, device }: ImportParamsDto,
    @Body() dto: InterfaceMappingDto,
  ): Promise<TaskAcceptedDto> {
    return this.service.mapInterfaces(adom, device, dto.vdom);
  }

  @Post('import')
  @TaskOperation({
    summary: 'Policy import, step 2: import the objects and policies into a package',
    description:
      'FMG: `exec /securityconsole/import/dev/objs` with `import_action: "do"`. 202; the task line detail ' +
      'summarises what was imported and what conflicted (`GET /tasks/{id}/log/{device}`).',
    problems: [404, 422, 423],
  })
  importDevicePolicy(
    @Param() { adom, device }: ImportParamsDto,
    @Body() dto: ImportPolicyDto,
  ): Promise<TaskAcceptedDto> {
    return this.service.importPolicy(adom, device, dto.package, dto.vdom);
  }
}

/** Onboarding: unregistered devices, authorization, bulk add. */
@ApiTags('Devices')
@Controller()
export class OnboardingController {
  constructor(private readonly service: ProvisioningService) {}

  @Get('unregistered-devices')
  @ReadOperation(listOf(UnregisteredDeviceDto), {
    summary: 'List unregistered devices waiting for authorization',
    description: 'FMG: `get /dvmdb/device` filtered on `mgmt_mode == "unreg"`.',
  })
  listUnregisteredDevices(): Promise<UnregisteredDeviceDto[]> {
    return this.service.listUnregistered();
  }

  @Post('adoms/:adom/devices/authorize')
  @TaskOperation({
    summary: 'Authorize unregistered devices into the ADOM',
    description:
      'FMG: `exec /dvm/cmd/add/dev-list` with `device action: "promote_unreg"`. 202; one task line per device.',
    problems: [404, 422],
  })
  authorizeDevices(
    @Param() { adom }: AdomParamsDto,
    @Body() dto: AuthorizeDevicesDto,
  ): Promise<TaskAcceptedDto> {
    return this.service.authorize(adom, dto.devices);
  }

  @Post('adoms/:adom/devices/bulk')
  @TaskOperation({
    summary: 'Add several devices (model or real) in one task',
    description:
      'FMG: `exec /dvm/cmd/add/dev-list`. 202; one task line per device with its result. Credentials are ' +
      'passed to FMG once and never stored or logged.',
    problems: [404, 422],
  })
  bulkAddDevices(@Param() { adom }: AdomParamsDto, @Body() dto: BulkAddDevicesDto): Promise<TaskAcceptedDto> {
    return this.service.bulkAdd(adom, dto.devices);
  }

  @Get('tasks/:id/log/:device')
  @ReadOperation(InstallLogDto, {
    summary: 'The log of one device in a task (e.g. an install)',
    description: 'FMG: `get /task/task/{id}`: the line of the device and its history.',
    problems: [404],
  })
  getTaskDeviceLog(@Param() { id, device }: InstallLogParamsDto): Promise<InstallLogDto> {
    return this.service.installLog(id, device);
  }
}

/** Metadata variables: ADOM-level definitions and per-device values (`obj/fmg/variable`). */
@ApiTags('Provisioning templates')
@Controller('adoms/:adom/metadata-variables')
export class MetadataVariablesController {
  constructor(private readonly service: ProvisioningService) {}

  @Get()
  @ReadOperation(listOf(MetadataVariableDto), {
    summary: 'List metadata variables with their per-device values',
    description: 'FMG: `get /pm/config/adom/{adom}/obj/fmg/variable`.',
  })
  listMetadataVariables(@Param() { adom }: AdomParamsDto): Promise<MetadataVariableDto[]> {
    return this.service.listVariables(adom);
  }

  @Get(':name')
  @ReadOperation(MetadataVariableDto, { summary: 'Get a metadata variable' })
  getMetadataVariable(@Param() { adom, name }: VariableParamsDto): Promise<MetadataVariableDto> {
    return this.service.getVariable(adom, name);
  }

  @Post()
  @CreateOperation(MetadataVariableDto, {
    summary: 'Create a metadata variable',
    description: 'FMG: `add /pm/config/adom/{adom}/obj/fmg/variable`.',
    problems: [404, 409, 422, 423],
  })
  createMetadataVariable(
    @Param() { adom }: AdomParamsDto,
    @Body() dto: CreateMetadataVariableDto,
  ): Promise<MetadataVariableDto> {
    return this.service.createVariable(adom, dto);
  }

  @Delete(':name')
  @HttpCode(successStatus('delete'))
  @NoContentOperation({ summary: 'Delete a metadata variable', problems: [404, 409, 423] })
  deleteMetadataVariable(@Param() { adom, name }: VariableParamsDto): Promise<void> {
    return this.service.deleteVariable(adom, name);
  }

  @Put(':name/devices/:device')
  @UpdateOperation(MetadataVariableDto, {
    summary: "Set a device's value of a metadata variable",
    description: "FMG: `update` of the variable's `dynamic_mapping` entry for the device/VDOM.",
    problems: [404, 422, 423],
  })
  setMetadataVariableValue(
    @Param() { adom, name, device }: VariableDeviceParamsDto,
    @Body() dto: VariableValueDto,
  ): Promise<MetadataVariableDto> {
    return this.service.setDeviceValue(adom, name, device, dto.value, dto.vdom);
  }

  @Delete(':name/devices/:device')
  @HttpCode(successStatus('delete'))
  @NoContentOperation({
    summary: "Remove a device's value (the default applies again)",
    problems: [404, 423],
  })
  clearMetadataVariableValue(
    @Param() { adom, name, device }: VariableDeviceParamsDto,
    @Query() { vdom }: TargetQueryDto,
  ): Promise<void> {
    return this.service.clearDeviceValue(adom, name, device, vdom);
  }
}
