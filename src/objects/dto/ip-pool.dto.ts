import { ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { IsIn, IsIP } from 'class-validator';
import { IsFmgName, ObjectComment, Optional } from '../../common/validation/decorators';

export class CreateIpPoolDto {
  @IsFmgName({ example: 'snat-pool', maxLength: 79 })
  name!: string;

  @ApiPropertyOptional({ enum: ['overload', 'one-to-one', 'fixed-port-range', 'port-block-allocation'] })
  @Optional()
  @IsIn(['overload', 'one-to-one', 'fixed-port-range', 'port-block-allocation'])
  type?: string;

  @ApiPropertyOptional({ example: '203.0.113.100' })
  @Optional()
  @IsIP(4)
  startip?: string;

  @ApiPropertyOptional({ example: '203.0.113.110' })
  @Optional()
  @IsIP(4)
  endip?: string;

  @ObjectComment()
  comment?: string;
}

export class ReplaceIpPoolDto extends OmitType(CreateIpPoolDto, ['name'] as const) {}
export class UpdateIpPoolDto extends PartialType(ReplaceIpPoolDto) {}
export class IpPoolDto extends CreateIpPoolDto {}
