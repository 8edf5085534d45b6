import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsString, Matches } from 'class-validator';
import { IsFmgName, NameList, Optional, WithName } from '../../common/validation/decorators';
import { TaskAcceptedDto } from '../../tasks/dto/task.dto';

/** `7.4.4`, optionally with the build (`7.4.4-b2662`) as FMG lists it. */
export const FOS_VERSION = /^\d{1,2}\.\d{1,2}\.\d{1,3}(-b\d{1,5})?$/;
const VERSION_MESSAGE = '$property must be a FortiOS version such as 7.4.4 or 7.4.4-b2662';

export const FIRMWARE_PRODUCTS = ['FGT', 'FAP', 'FSW', 'FXT', 'FMG', 'FAZ', 'FPX'] as const;

export class FirmwareImagesQueryDto {
  @IsFmgName({
    description: 'Platform, as FMG names it.',
    example: 'FortiGate-60F',
    optional: true,
    maxLength: 64,
  })
  platform?: string;

  @ApiPropertyOptional({ enum: FIRMWARE_PRODUCTS, default: 'FGT', description: 'Product family.' })
  @Optional()
  @IsIn(FIRMWARE_PRODUCTS)
  product?: string;
}

/** One firmware image FMG offers (FortiGuard or imported). */
export class FirmwareImageDto {
  @ApiProperty({ example: 'FortiGate-60F' })
  platform!: string;
  @ApiProperty({ example: 'FGT' })
  product!: string;
  @ApiProperty({ example: '7.4.4' })
  version!: string;
  @ApiPropertyOptional({ example: 2662 })
  build?: number;
  @ApiPropertyOptional({ example: 'GA', description: 'Release type (GA, SPECIAL …).' })
  type?: string;
  /**
   * True when the image is already on the FortiManager disk.
   * @example false
   */
  downloaded!: boolean;
}

/** The ADOM of a firmware route; its example is the demo ADOM whose devices run an old release. */
export class FirmwareAdomParamsDto {
  @IsFmgName({ description: 'ADOM name.', example: 'branch-east', maxLength: 64 })
  adom!: string;
}

export class FirmwareParamsDto extends WithName(FirmwareAdomParamsDto, 'device', {
  description: 'Device name (Device Manager).',
  example: 'FGT-NYC-01',
  maxLength: 64,
}) {}

export class GroupFirmwareParamsDto extends WithName(FirmwareAdomParamsDto, 'group', {
  description: 'Device group name.',
  example: 'east-branches',
  maxLength: 64,
}) {}

export class UpgradePathQueryDto {
  @ApiProperty({ description: 'The wanted FortiOS version.', example: '7.4.4' })
  @IsString()
  @Matches(FOS_VERSION, { message: VERSION_MESSAGE })
  version!: string;
}

/** The upgrade steps FMG computes for one device. */
export class UpgradePathDto {
  /** @example 'FGT-NYC-01' */
  device!: string;
  /**
   * The version the device runs now.
   * @example '7.0.7'
   */
  from!: string;
  /** @example '7.4.4' */
  to!: string;
  /**
   * Each version the device passes through, the wanted one last; empty when already there.
   * @example ["7.0.12", "7.2.8", "7.4.4"]
   */
  steps!: string[];
  /**
   * True when one step reaches the wanted version.
   * @example false
   */
  direct!: boolean;
}

/** A device's firmware: what it runs and what it could run. */
export class DeviceFirmwareDto {
  /** @example 'FGT-NYC-01' */
  device!: string;
  /** @example 'FortiGate-100F' */
  platform!: string;
  /** @example '7.0.7' */
  current!: string;
  /** @example 367 */
  build?: number;
  /**
   * Newer versions FMG offers for the platform, oldest first.
   * @example ["7.0.12", "7.2.8", "7.4.4"]
   */
  available!: string[];
  /**
   * The newest version offered.
   * @example '7.4.7'
   */
  recommended?: string;
  /**
   * The steps to `recommended`, as FMG computes them.
   * @example ["7.0.12", "7.2.8", "7.4.7"]
   */
  recommendedPath?: string[];
}

/** Options FMG has for an upgrade (`flags` of `um/image/upgrade`). */
export class UpgradeFirmwareDto {
  @ApiProperty({ description: 'The wanted FortiOS version.', example: '7.4.4' })
  @IsString()
  @Matches(FOS_VERSION, { message: VERSION_MESSAGE })
  version!: string;

  @ApiPropertyOptional({
    description:
      'Must be true (or send `If-Match` with the device’s current version): an upgrade reboots the device.',
    example: true,
  })
  @Optional()
  @IsBoolean()
  confirm?: boolean;

  @ApiPropertyOptional({
    description:
      'Upgrade in one step (FMG `f_skip_multi_steps`). Refused with the steps listed when FMG’s path has more than one.',
    default: false,
  })
  @Optional()
  @IsBoolean()
  direct?: boolean;

  @ApiPropertyOptional({
    description: 'Boot from the alternate partition afterwards (`f_boot_alt_partition`).',
  })
  @Optional()
  @IsBoolean()
  bootAlternatePartition?: boolean;

  @ApiPropertyOptional({ description: 'Do not retrieve the configuration afterwards (`f_skip_retrieve`).' })
  @Optional()
  @IsBoolean()
  skipRetrieve?: boolean;

  @ApiPropertyOptional({
    description: 'Let the device download the image from FortiGuard itself (`f_skip_fortiguard_img`).',
  })
  @Optional()
  @IsBoolean()
  deviceDownloadsImage?: boolean;
}

export class UpgradeDevicesDto extends UpgradeFirmwareDto {
  @NameList(
    { description: 'Devices of the ADOM to upgrade.', example: ['FGT-NYC-01', 'FGT-BOS-01'] },
    { max: 500, required: true },
  )
  devices!: string[];
}

/** The 202 of an upgrade: the task, and the path each device will take. */
export class FirmwareUpgradeAcceptedDto extends TaskAcceptedDto {
  devices!: UpgradePathDto[];
}
