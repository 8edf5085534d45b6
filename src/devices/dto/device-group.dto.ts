import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { ScopeMemberDto } from '../../packages/dto/package.dto';
import { IsFmgName, Optional, WithName } from '../../common/validation/decorators';
import { ScopeList } from '../../packages/dto/scope.decorator';

export class DeviceGroupParamsDto {
  @IsFmgName({ description: 'ADOM name.', example: 'branch-east', maxLength: 64 })
  adom!: string;

  @IsFmgName({ description: 'Device group name.', example: 'east-branches', maxLength: 64 })
  group!: string;
}

export class DeviceGroupMemberParamsDto extends WithName(DeviceGroupParamsDto, 'device', {
  description: 'Member device name.',
  example: 'FGT-NYC-01',
  maxLength: 64,
}) {}

export class VdomQueryDto {
  @IsFmgName({ description: 'Member VDOM (default `root`).', example: 'root', maxLength: 64, optional: true })
  vdom?: string;
}

/** A device group (`/dvmdb/adom/{adom}/group`): a named set of devices/VDOMs to install or run on. */
export class DeviceGroupDto {
  /** @example 'east-branches' */
  name!: string;
  /** @example 'All branch-east FortiGates' */
  description?: string;
  /** @example [{ "name": "FGT-NYC-01", "vdom": "root" }] */
  members?: ScopeMemberDto[];
}

export class UpdateDeviceGroupDto {
  @ApiPropertyOptional({ example: 'All branch-east FortiGates', maxLength: 255 })
  @Optional()
  @IsString()
  @MaxLength(255)
  description?: string;

  @ScopeList({ description: 'Replaces the member list.' })
  members?: ScopeMemberDto[];
}

export class CreateDeviceGroupDto extends UpdateDeviceGroupDto {
  @IsFmgName({ example: 'ny-branches', maxLength: 64 })
  name!: string;
}

export class DeviceGroupMembersDto {
  @ScopeList({ description: 'Devices (and VDOMs) to add to the group.', required: true })
  members!: ScopeMemberDto[];
}
