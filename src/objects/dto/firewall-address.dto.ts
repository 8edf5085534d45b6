import { AdomParamsDto } from '../../adoms/dto/adom.dto';
import { ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { IsIn, IsIP, IsString, Matches, MaxLength } from 'class-validator';
import {
  IsFmgName,
  ObjectColor,
  ObjectComment,
  Optional,
  WithName,
} from '../../common/validation/decorators';

export const ADDRESS_TYPES = ['ipmask', 'iprange', 'fqdn', 'wildcard', 'geography'] as const;

/** `a.b.c.d/len` or `a.b.c.d/m.m.m.m`. */
const SUBNET = /^(\d{1,3}\.){3}\d{1,3}\/((\d{1,2})|((\d{1,3}\.){3}\d{1,3}))$/;

export class FirewallAddressParamsDto extends WithName(AdomParamsDto, 'name', {
  description: 'Address name; encode `/` as `%2F`.',
  example: 'net_10.0.0.0/24',
  maxLength: 79,
}) {}

export class CreateFirewallAddressDto {
  @IsFmgName({ example: 'web-01', maxLength: 79 })
  name!: string;

  @ApiPropertyOptional({ enum: ADDRESS_TYPES, default: 'ipmask' })
  @Optional()
  @IsIn(ADDRESS_TYPES)
  type?: (typeof ADDRESS_TYPES)[number];

  @ApiPropertyOptional({
    description: 'For `ipmask`/`wildcard`: `ip/prefix` or `ip/netmask`.',
    example: '192.0.2.10/32',
  })
  @Optional()
  @IsString()
  @Matches(SUBNET, { message: '$property must be ip/prefix or ip/netmask' })
  subnet?: string;

  @ApiPropertyOptional({ example: 'www.example.com' })
  @Optional()
  @IsString()
  @MaxLength(255)
  fqdn?: string;

  @ApiPropertyOptional({ example: '192.0.2.1' })
  @Optional()
  @IsIP(4)
  startIp?: string;

  @ApiPropertyOptional({ example: '192.0.2.20' })
  @Optional()
  @IsIP(4)
  endIp?: string;

  @ObjectComment('Public web server')
  comment?: string;

  @ObjectColor(3)
  color?: number;
}

export class UpdateFirewallAddressDto extends PartialType(
  OmitType(CreateFirewallAddressDto, ['name'] as const),
) {}

export class ReplaceFirewallAddressDto extends OmitType(CreateFirewallAddressDto, ['name'] as const) {}

export class FirewallAddressDto extends CreateFirewallAddressDto {
  /** @example '6b1fd3f2-9a1f-51ee-0000-000000000101' */
  uuid?: string;
}
