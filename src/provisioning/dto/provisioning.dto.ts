import { AdomParamsDto } from '../../adoms/dto/adom.dto';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsIP,
  IsString,
  Length,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { IsFmgName, NameList, Optional, WithName } from '../../common/validation/decorators';
import { PackageParamsDto, ScopeMemberDto } from '../../packages/dto/package.dto';
import { ScopeList } from '../../packages/dto/scope.decorator';
import { TaskParamsDto } from '../../tasks/dto/task.dto';

export class TemplateParamsDto extends WithName(AdomParamsDto, 'name', {
  description: 'Template name.',
  example: 'branch-system',
  maxLength: 64,
}) {}

export class TemplateTargetParamsDto extends WithName(TemplateParamsDto, 'device', {
  description: 'Device (or device group) name.',
  example: 'FGT-HQ-01',
  maxLength: 64,
}) {}

export class PackageTargetParamsDto extends WithName(PackageParamsDto, 'device', {
  description: 'Device (or device group) name.',
  example: 'FGT-HQ-01',
  maxLength: 64,
}) {}

export class TargetQueryDto {
  @IsFmgName({
    description: 'VDOM of the device; omit it for a device group (or a device without VDOMs).',
    example: 'root',
    maxLength: 64,
    optional: true,
  })
  vdom?: string;
}

/** A provisioning template (`pm/devprof`, `pm/wanprof`, `pm/tmplgrp`). */
export class TemplateDto {
  /** @example 'branch-system' */
  name!: string;
  /** @example 'DNS, NTP and admin settings of the branches' */
  description?: string;
  /** @example 1042 */
  oid?: number;
  /**
   * Devices (with VDOM) and device groups (without) the template is assigned to.
   * @example [{ "name": "FGT-HQ-01", "vdom": "root" }]
   */
  targets?: ScopeMemberDto[];
  /**
   * Template groups only: the member templates.
   * @example ["branch-system", "branch-sdwan"]
   */
  members?: string[];
}

export class UpdateTemplateDto {
  @ApiPropertyOptional({ example: 'DNS, NTP and admin settings of the branches', maxLength: 255 })
  @Optional()
  @IsString()
  @MaxLength(255)
  description?: string;

  @NameList({
    description: 'Template groups only: the member templates (replaces the list).',
    example: ['branch-system', 'branch-sdwan'],
  })
  members?: string[];
}

export class CreateTemplateDto extends UpdateTemplateDto {
  @IsFmgName({ example: 'branch-system', maxLength: 64 })
  name!: string;

  @ScopeList({ description: 'Initial targets (devices with VDOM, device groups without).' })
  targets?: ScopeMemberDto[];
}

/** One row of `_package/status`: what is installed where. */
export class PackageStatusDto {
  @ApiProperty({ example: 'FGT-HQ-01' })
  device!: string;
  @ApiProperty({ example: 'root' })
  vdom!: string;
  @ApiProperty({ example: 'default' })
  package!: string;
  @ApiProperty({
    enum: ['installed', 'modified', 'never', 'outofsync', 'unknown'],
    example: 'installed',
    description:
      '`installed`: the package as installed; `modified`: edited since; `never`: never installed; ' +
      '`outofsync`: another package was installed on the device since.',
  })
  status!: string;
  @ApiPropertyOptional({ example: 7, description: 'Package revision (`obj ver`) at the last install.' })
  revision?: number;
}

export class DeviceStatusDto {
  @ApiProperty({ example: 'FGT-HQ-01' })
  name!: string;
  @ApiProperty({ enum: ['up', 'down', 'unknown'], example: 'up', description: 'Management tunnel state.' })
  connection!: string;
  @ApiProperty({
    enum: ['insync', 'outofsync', 'unknown'],
    example: 'insync',
    description: 'Config status (`conf_status`).',
  })
  configStatus!: string;
  @ApiProperty({
    enum: ['nomod', 'mod', 'unknown'],
    example: 'nomod',
    description: 'Database status (`db_status`): `mod` = modified.',
  })
  dbStatus!: string;
  @ApiProperty({ example: 'installed', description: 'Last install or retrieve result (`dev_status`).' })
  lastInstall!: string;
  @ApiProperty({
    example: false,
    description: 'True when the device database has changes not installed yet.',
  })
  conflict!: boolean;
  /**
   * Package status of each VDOM of the device.
   * @example [{ "device": "FGT-HQ-01", "vdom": "root", "package": "default", "status": "installed", "revision": 7 }]
   */
  packages!: PackageStatusDto[];
}

export class UnregisteredDeviceDto {
  /** @example 'FGT-NEW-BRANCH-01' */
  name!: string;
  /** @example 'FGT60FTK23090001' */
  serial?: string;
  /** @example '203.0.113.11' */
  ip?: string;
  /** @example 'FortiGate-60F' */
  platform?: string;
  /** @example '7.0' */
  osVersion?: string;
}

export class AuthorizeDevicesDto {
  @NameList(
    { example: ['FGT-NEW-BRANCH-01'], description: 'Unregistered devices to authorize.' },
    { required: true },
  )
  @Matches(/^[^/\x00-\x1f]+$/, {
    each: true,
    message: 'each device name must have no `/` or control characters',
  })
  devices!: string[];
}

export class BulkDeviceDto {
  @IsFmgName({ example: 'FGT-BRANCH-101', maxLength: 64 })
  name!: string;

  @ApiPropertyOptional({ example: 'FGT60FTK23099999' })
  @Optional()
  @Matches(/^[A-Z0-9]{6,32}$/, { message: 'serial must be 6–32 upper-case letters and digits' })
  serial?: string;

  @ApiPropertyOptional({ example: 'FortiGate-60F' })
  @Optional()
  @IsString()
  @Length(1, 64)
  platform?: string;

  @ApiPropertyOptional({ example: '7.0', description: 'FortiOS major.minor.' })
  @Optional()
  @Matches(/^\d{1,2}\.\d{1,2}$/, { message: 'osVersion must look like 7.0' })
  osVersion?: string;

  @ApiPropertyOptional({ example: '198.51.100.101', description: 'Real devices only.' })
  @Optional()
  @IsIP(4)
  ip?: string;

  @ApiPropertyOptional({ example: 'admin', description: 'Real devices only.' })
  @Optional()
  @IsString()
  @Length(1, 64)
  adminUser?: string;

  @ApiPropertyOptional({
    description: 'Real devices only. Sent once, never stored or logged.',
    writeOnly: true,
  })
  @Optional()
  @IsString()
  @MaxLength(128)
  adminPassword?: string;

  @ApiPropertyOptional({ enum: ['model', 'real'], default: 'model' })
  @Optional()
  @IsIn(['model', 'real'])
  kind?: 'model' | 'real';
}

export class BulkAddDevicesDto {
  @ApiProperty({
    type: [BulkDeviceDto],
    example: [
      { name: 'FGT-BRANCH-101', serial: 'FGT60FTK23099999', platform: 'FortiGate-60F', osVersion: '7.0' },
    ],
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => BulkDeviceDto)
  devices!: BulkDeviceDto[];
}

export class ImportParamsDto extends WithName(AdomParamsDto, 'device', {
  description: 'Device to import from.',
  example: 'FGT-HQ-CLUSTER',
  maxLength: 64,
}) {}

export class InterfaceMappingDto {
  @IsFmgName({ description: 'VDOM to import from.', example: 'root', maxLength: 64, optional: true })
  vdom?: string;
}

export class ImportPolicyDto extends InterfaceMappingDto {
  @ApiProperty({ example: 'default', description: 'Package (name) the policies and objects go into.' })
  @IsString()
  @Length(1, 128)
  @Matches(/^[^/\x00-\x1f]+$/, { message: 'package must be a package name without `/`' })
  package!: string;
}

/** A metadata variable: an ADOM-level default and per-device values (`obj/fmg/variable`). */
export class MetadataVariableDto {
  @ApiProperty({ example: 'branch_id' })
  name!: string;
  @ApiPropertyOptional({ example: '0', description: 'Default value.' })
  value?: string;
  @ApiPropertyOptional({ example: 'Branch number used in templates' })
  description?: string;
  @ApiPropertyOptional({
    type: [Object],
    description: 'Per-device values: `{device, vdom, value}`.',
    example: [{ device: 'FGT-HQ-01', vdom: 'root', value: '101' }],
  })
  devices?: { device: string; vdom: string; value: string }[];
}

export class CreateMetadataVariableDto {
  @ApiProperty({ example: 'branch_id', pattern: '^[A-Za-z_][A-Za-z0-9_]{0,63}$' })
  @Matches(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, { message: 'name must be a variable name (letters, digits, _)' })
  name!: string;

  @ApiPropertyOptional({ example: '0', maxLength: 255 })
  @Optional()
  @IsString()
  @MaxLength(255)
  value?: string;

  @ApiPropertyOptional({ example: 'Branch number used in templates', maxLength: 255 })
  @Optional()
  @IsString()
  @MaxLength(255)
  description?: string;
}

export class VariableParamsDto extends AdomParamsDto {
  @ApiProperty({ description: 'Variable name.', example: 'branch_id' })
  @Matches(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, { message: 'name must be a variable name (letters, digits, _)' })
  name!: string;
}

export class VariableDeviceParamsDto extends WithName(VariableParamsDto, 'device', {
  description: 'Device name.',
  example: 'FGT-HQ-01',
  maxLength: 64,
}) {}

export class VariableValueDto {
  @ApiProperty({ example: '101', maxLength: 255 })
  @IsString()
  @MaxLength(255)
  value!: string;

  @IsFmgName({ description: 'VDOM (default `root`).', example: 'root', maxLength: 64, optional: true })
  vdom?: string;
}

export class InstallLogParamsDto extends WithName(TaskParamsDto, 'device', {
  description: 'Device name.',
  example: 'FGT-HQ-01',
  maxLength: 64,
}) {}
