import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsString, Matches, MaxLength } from 'class-validator';
import { IsFmgName, ObjectColor, ObjectComment, Optional } from '../../common/validation/decorators';

/** `80`, `8000-8080`, or with a source range `80:1024-65535`. */
const PORT_RANGE = /^\d{1,5}(-\d{1,5})?(:\d{1,5}(-\d{1,5})?)?$/;

/** A service's port ranges of one protocol (optional, up to 64). */
function PortRanges(example: string[]) {
  return applyDecorators(
    ApiPropertyOptional({ maxItems: 64, example }),
    Optional(),
    IsArray(),
    ArrayMaxSize(64),
    Matches(PORT_RANGE, {
      each: true,
      message: 'each port range must look like 80, 8000-8080 or 80:1024-65535',
    }),
  );
}

export class CreateServiceCustomDto {
  @IsFmgName({ example: 'HTTPS-8443', maxLength: 79 })
  name!: string;

  @ApiPropertyOptional({ enum: ['TCP/UDP/SCTP', 'ICMP', 'ICMP6', 'IP'], default: 'TCP/UDP/SCTP' })
  @Optional()
  @IsIn(['TCP/UDP/SCTP', 'ICMP', 'ICMP6', 'IP'])
  protocol?: string;

  @PortRanges(['8443'])
  tcpPortRange?: string[];

  @PortRanges(['53'])
  udpPortRange?: string[];

  @ApiPropertyOptional({ example: 'Web Access' })
  @Optional()
  @IsString()
  @MaxLength(63)
  category?: string;

  @ObjectComment()
  comment?: string;

  @ObjectColor()
  color?: number;
}

export class ReplaceServiceCustomDto extends OmitType(CreateServiceCustomDto, ['name'] as const) {}
export class UpdateServiceCustomDto extends PartialType(ReplaceServiceCustomDto) {}
export class ServiceCustomDto extends CreateServiceCustomDto {}
