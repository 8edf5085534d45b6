import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { FirmwareParamsDto } from './firmware.dto';

/** FMG revision numbers are positive integers (ids 1..4294967295, as every id the gateway takes). */
const MAX_REVISION = 4_294_967_295;

export class DeviceRevisionParamsDto extends FirmwareParamsDto {
  @ApiProperty({ description: 'Revision number.', example: 2, minimum: 1, maximum: MAX_REVISION })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_REVISION)
  revision!: number;
}

export class RevisionDiffQueryDto {
  @ApiProperty({ description: 'The older revision.', example: 1, minimum: 1, maximum: MAX_REVISION })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_REVISION)
  from!: number;

  @ApiProperty({ description: 'The newer revision.', example: 2, minimum: 1, maximum: MAX_REVISION })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_REVISION)
  to!: number;
}

/** One stored configuration revision of a device. */
export class DeviceRevisionDto {
  @ApiProperty({ example: 2 })
  revision!: number;
  @ApiPropertyOptional({ example: 'Retrieved from device' })
  comment?: string;
  @ApiPropertyOptional({ example: 'admin' })
  createdBy?: string;
  @ApiPropertyOptional({ description: 'As FMG prints it.', example: '2025-01-07 09:00:00' })
  createdAt?: string;
}

export class DeviceRevisionConfigDto {
  @ApiProperty({ example: 2 })
  revision!: number;
  @ApiProperty({
    description: 'The configuration as FortiManager stored it.',
    example: '#config-version=FGT100F-7.00-FW-build0367:opmode=0:vdom=0\nconfig system global\n…',
  })
  config!: string;
}

export class DeviceRevisionDiffDto {
  @ApiProperty({ example: 1 })
  from!: number;
  @ApiProperty({ example: 2 })
  to!: number;
  @ApiProperty({ example: 4, description: 'Lines only in `to`.' })
  added!: number;
  @ApiProperty({ example: 1, description: 'Lines only in `from`.' })
  removed!: number;
  @ApiProperty({
    description: 'Unified diff (empty when equal).',
    example:
      '--- revision 1\n+++ revision 2\n@@ -1,4 +1,4 @@\n-    set admintimeout 5\n+    set admintimeout 15\n',
  })
  diff!: string;
}
