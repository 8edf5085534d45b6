import { ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { IsFmgName, NameList, Optional, WithName } from '../../common/validation/decorators';
import { ScopeMemberDto } from '../../packages/dto/package.dto';
import { ScopeList } from '../../packages/dto/scope.decorator';
import { FirmwareAdomParamsDto, FOS_VERSION } from './firmware.dto';

export class FirmwareTemplateParamsDto extends WithName(FirmwareAdomParamsDto, 'name', {
  description: 'Firmware template name.',
  example: 'east-to-744',
  maxLength: 64,
}) {}

export class FirmwareTemplateMemberParamsDto extends WithName(FirmwareTemplateParamsDto, 'member', {
  description: 'Device or device group name.',
  example: 'FGT-NYC-01',
  maxLength: 64,
}) {}

export class TemplateMemberQueryDto {
  @IsFmgName({
    description: 'VDOM of a device member (default root); omit it with `group=true`.',
    example: 'root',
    optional: true,
    maxLength: 64,
  })
  vdom?: string;

  @ApiPropertyOptional({ description: 'The member is a device group.', enum: ['true', 'false'] })
  @Optional()
  @IsString()
  @Matches(/^(true|false)$/)
  group?: string;
}

/** The version a template enforces on one platform. */
export class EnforcedVersionDto {
  @IsFmgName({ example: 'FortiGate-100F', maxLength: 64 })
  platform!: string;

  /** @example '7.4.4' */
  @IsString()
  @Matches(FOS_VERSION, { message: '$property must be a FortiOS version such as 7.4.4' })
  version!: string;
}

export class CreateFirmwareTemplateDto {
  @IsFmgName({ example: 'east-to-744', maxLength: 64 })
  name!: string;

  @ApiPropertyOptional({ example: 'East branches on 7.4.4' })
  @Optional()
  @IsString()
  @MaxLength(255)
  description?: string;

  @ApiPropertyOptional({ type: [EnforcedVersionDto], description: 'Target version per platform.' })
  @Optional()
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => EnforcedVersionDto)
  versions?: EnforcedVersionDto[];
}

export class UpdateFirmwareTemplateDto extends PartialType(
  OmitType(CreateFirmwareTemplateDto, ['name'] as const),
) {}

export class FirmwareTemplateDto extends CreateFirmwareTemplateDto {
  @ApiPropertyOptional({
    type: [ScopeMemberDto],
    description: 'Assigned devices (`{name, vdom}`) and device groups (`{name}`).',
  })
  members?: ScopeMemberDto[];
}

export class AssignFirmwareTemplateDto {
  @ScopeList({ description: 'Devices to assign (`vdom` defaults to root).' })
  devices?: ScopeMemberDto[];

  @NameList({ description: 'Device groups to assign.', example: ['east-branches'] })
  groups?: string[];
}
