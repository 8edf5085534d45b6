import { ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsString, Matches, MaxLength } from 'class-validator';
import { IsFmgName, ObjectComment, Optional } from '../../common/validation/decorators';

const IP_OR_RANGE = /^(\d{1,3}\.){3}\d{1,3}(-(\d{1,3}\.){3}\d{1,3})?$/;
const PORTS = /^\d{1,5}(-\d{1,5})?$/;

export class CreateVipDto {
  @IsFmgName({ example: 'web-vip', maxLength: 79 })
  name!: string;

  @ApiPropertyOptional({ example: '203.0.113.10' })
  @Optional()
  @Matches(IP_OR_RANGE, { message: 'extip must be an IPv4 address or a-b range' })
  extip?: string;

  @ApiPropertyOptional({ example: ['10.0.0.10'] })
  @Optional()
  @IsArray()
  @ArrayMaxSize(64)
  @Matches(IP_OR_RANGE, { each: true, message: 'each mappedip must be an IPv4 address or a-b range' })
  mappedip?: string[];

  @ApiPropertyOptional({ example: 'port1' })
  @Optional()
  @IsString()
  @MaxLength(35)
  extintf?: string;

  @ApiPropertyOptional({ enum: ['enable', 'disable'] })
  @Optional()
  @IsIn(['enable', 'disable'])
  portforward?: string;

  @ApiPropertyOptional({ enum: ['tcp', 'udp', 'sctp', 'icmp'] })
  @Optional()
  @IsIn(['tcp', 'udp', 'sctp', 'icmp'])
  protocol?: string;

  @ApiPropertyOptional({ example: '443' })
  @Optional()
  @Matches(PORTS)
  extport?: string;

  @ApiPropertyOptional({ example: '8443' })
  @Optional()
  @Matches(PORTS)
  mappedport?: string;

  @ObjectComment()
  comment?: string;
}

export class ReplaceVipDto extends OmitType(CreateVipDto, ['name'] as const) {}
export class UpdateVipDto extends PartialType(ReplaceVipDto) {}
export class VipDto extends CreateVipDto {
  uuid?: string;
}
