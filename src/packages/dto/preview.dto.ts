import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';
import { PackageParamsDto } from './package.dto';
import { DecimalInt } from '../../common/validation/numbers';

export class PreviewParamsDto extends PackageParamsDto {
  @ApiProperty({
    description: 'The preview task id (from the 202 of POST …/previews).',
    example: 42,
    minimum: 1,
  })
  @DecimalInt()
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  taskId!: number;
}

export class PreviewDeviceDto {
  @ApiProperty({ example: 'FGT-HQ-CLUSTER' })
  name!: string;
  @ApiPropertyOptional({ example: 'root' })
  vdom?: string;
  @ApiPropertyOptional({
    description: 'The FortiOS CLI an install would push to this device.',
    example: 'config firewall policy\n    edit 1\n        set name "allow-web"\n    next\nend',
  })
  cli?: string;
  /**
   * Why there is no preview for this device.
   * @example 'device is unreachable'
   */
  error?: string;
}

export class PreviewDto {
  /** @example 42 */
  taskId!: number;
  /** @example 'default' */
  package!: string;
  devices!: PreviewDeviceDto[];
}
