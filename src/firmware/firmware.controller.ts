import { applyDecorators, Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiHeader, ApiTags } from '@nestjs/swagger';
import { IfMatch } from '../common/http/if-match.decorator';
import { Page } from '../common/http/page.dto';
import { ListOperation, ReadOperation } from '../resources/operations';
import { TaskOperation } from '../tasks/starts-task.decorator';
import {
  DeviceFirmwareDto,
  FirmwareAdomParamsDto,
  FirmwareImageDto,
  FirmwareImagesQueryDto,
  FirmwareParamsDto,
  FirmwareUpgradeAcceptedDto,
  GroupFirmwareParamsDto,
  UpgradeDevicesDto,
  UpgradeFirmwareDto,
  UpgradePathDto,
  UpgradePathQueryDto,
} from './dto/firmware.dto';
import { FirmwareService } from './firmware.service';

const UPGRADE_NOTE =
  'FMG: `exec /um/image/upgrade` (first with `f_preview` for the paths). 202 with a task whose lines say, per ' +
  'device, which step of its path it is at. Needs write scope on the ADOM and `confirm: true` (428 without); ' +
  '409 `FIRMWARE_UPGRADE_PATH_REQUIRED` lists the steps when `direct` is asked but FMG needs several, 422 ' +
  '`FIRMWARE_NO_UPGRADE_PATH` when FMG has none. Audited like every write; never retried by the gateway.';

/**
 * An upgrade: a task (202) that needs write scope and a confirmation, `confirm: true` or `If-Match` with
 * the version every target runs now.
 */
const UpgradeOperation = (summary: string) =>
  applyDecorators(
    TaskOperation({
      summary,
      description: UPGRADE_NOTE,
      problems: [404, 409, 412, 422, 428],
      answer: FirmwareUpgradeAcceptedDto,
    }),
    ApiHeader({
      name: 'If-Match',
      required: false,
      description: 'The version the devices run now (e.g. `"7.0.7"`); 412 when one runs another.',
    }),
  );

/**
 * Hand-written: firmware is no FMG table but update-manager commands (catalogue, path preview, upgrade
 * task), so the typed-object factory does not fit. Reads use the house decorators; upgrades are
 * declared with UpgradeOperation (a TaskOperation with the confirmation header).
 */
@ApiTags('Firmware')
@Controller()
export class FirmwareController {
  constructor(private readonly service: FirmwareService) {}

  @Get('firmware/images')
  @ListOperation(FirmwareImageDto, {
    summary: 'Firmware images FortiManager offers',
    description:
      'FMG: `exec /um/image/version/list` (FortiGuard images and imported ones); `?platform=` narrows it.',
    problems: [],
  })
  listFirmwareImages(@Query() query: FirmwareImagesQueryDto): Promise<Page<FirmwareImageDto>> {
    return this.service.listImages(query);
  }

  @Get('adoms/:adom/devices/:device/firmware')
  @ReadOperation(DeviceFirmwareDto, {
    summary: 'A device’s firmware: current version, newer ones, recommended path',
    description: 'The device record, the platform’s catalogue and FMG’s path to the newest version.',
  })
  getDeviceFirmware(@Param() { adom, device }: FirmwareParamsDto): Promise<DeviceFirmwareDto> {
    return this.service.deviceFirmware(adom, device);
  }

  @Get('adoms/:adom/devices/:device/firmware/upgrade-path')
  @ReadOperation(UpgradePathDto, {
    summary: 'The upgrade path to a version, as FortiManager computes it',
    description: 'FMG: `exec /um/image/upgrade` with `f_preview`. 422 `FIRMWARE_NO_UPGRADE_PATH` when none.',
    problems: [404, 422],
  })
  getUpgradePath(
    @Param() { adom, device }: FirmwareParamsDto,
    @Query() { version }: UpgradePathQueryDto,
  ): Promise<UpgradePathDto> {
    return this.service.upgradePath(adom, device, version);
  }

  @Post('adoms/:adom/devices/:device/firmware/upgrade')
  @UpgradeOperation('Upgrade a device’s firmware')
  upgradeDeviceFirmware(
    @Param() { adom, device }: FirmwareParamsDto,
    @Body() dto: UpgradeFirmwareDto,
    @IfMatch() ifMatch?: string,
  ): Promise<FirmwareUpgradeAcceptedDto> {
    return this.service.upgrade(adom, { devices: [device] }, dto, ifMatch);
  }

  @Post('adoms/:adom/device-groups/:group/firmware/upgrade')
  @UpgradeOperation('Upgrade every device of a group')
  upgradeGroupFirmware(
    @Param() { adom, group }: GroupFirmwareParamsDto,
    @Body() dto: UpgradeFirmwareDto,
    @IfMatch() ifMatch?: string,
  ): Promise<FirmwareUpgradeAcceptedDto> {
    return this.service.upgrade(adom, { group }, dto, ifMatch);
  }

  @Post('adoms/:adom/firmware/upgrade')
  @UpgradeOperation('Upgrade a list of devices')
  upgradeDevicesFirmware(
    @Param() { adom }: FirmwareAdomParamsDto,
    @Body() { devices, ...dto }: UpgradeDevicesDto,
    @IfMatch() ifMatch?: string,
  ): Promise<FirmwareUpgradeAcceptedDto> {
    return this.service.upgrade(adom, { devices: [...new Set(devices)] }, dto, ifMatch);
  }
}
