import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Matches, MaxLength } from 'class-validator';
import { Optional } from '../../common/validation/decorators';
import { DeviceDto } from '../../devices/dto/device.dto';
import { UpstreamStateDto } from '../../health/dto/health.dto';

/** One FortiManager or FortiAnalyzer of this gateway (`GET /managers`, `GET /analyzers`). */
export class UpstreamDto extends UpstreamStateDto {
  @ApiProperty({ example: 'east', description: 'The name in `/managers/{name}/…`; `default` for FMG_URL.' })
  name!: string;
  @ApiProperty({ enum: ['fortimanager', 'fortianalyzer'], example: 'fortimanager' })
  product!: string;
  /**
   * True for the upstream the unprefixed routes use.
   * @example true
   */
  default!: boolean;
}

export class UpstreamListDto {
  items!: UpstreamDto[];
}

export class InventoryQueryDto {
  @Optional()
  @MaxLength(64)
  @Matches(/^[a-z0-9*][a-z0-9*-]*$/, { message: 'manager must be a name or a `*` pattern' })
  @ApiPropertyOptional({
    example: '*',
    default: '*',
    description: "FortiManager names to ask: a name or a `*` pattern (within the token's `managers`).",
  })
  manager?: string;
}

export class InventoryDeviceDto extends DeviceDto {
  @ApiProperty({ example: 'east', description: 'The FortiManager that manages it.' })
  manager!: string;
}

export class InventoryManagerDto {
  @ApiProperty({ example: 'west' })
  name!: string;
  @ApiProperty({
    enum: ['ok', 'unavailable', 'forbidden'],
    description: '`unavailable`: it did not answer (its devices are missing, the others are listed).',
  })
  state!: string;
  /** Devices it manages. */
  total?: number;
  /** Why it is missing. */
  error?: string;
}

export class InventoryDto {
  items!: InventoryDeviceDto[];
  /** One line per FortiManager asked. */
  managers!: InventoryManagerDto[];
}
