import { ApiProperty, OmitType, PartialType } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsString, Length } from 'class-validator';
import { IsFmgName, ObjectColor, ObjectComment } from '../../common/validation/decorators';

export class CreateFirewallAddressGroupDto {
  @IsFmgName({ example: 'web-servers', maxLength: 79 })
  name!: string;

  @ApiProperty({ description: 'Member addresses or groups.', example: ['web-01', 'web-02'] })
  @IsArray()
  @ArrayMaxSize(10_000)
  @IsString({ each: true })
  @Length(1, 79, { each: true })
  member!: string[];

  @ObjectComment('Public web tier')
  comment?: string;

  @ObjectColor()
  color?: number;
}

export class ReplaceFirewallAddressGroupDto extends OmitType(CreateFirewallAddressGroupDto, [
  'name',
] as const) {}
export class UpdateFirewallAddressGroupDto extends PartialType(ReplaceFirewallAddressGroupDto) {}

export class FirewallAddressGroupDto extends CreateFirewallAddressGroupDto {
  uuid?: string;
}
