import { ApiProperty } from '@nestjs/swagger';
import { applyDecorators } from '@nestjs/common';
import { IsInt, Max, Min } from 'class-validator';
import { DecimalInt, UINT32_MAX } from '../../common/validation/numbers';
import { FirmwareParamsDto } from './firmware.dto';

/** A revision number in a path or query: an FMG id, 1..4294967295, in plain decimal digits. */
const RevisionNumber = (description: string, example: number) =>
  applyDecorators(
    ApiProperty({ description, example, minimum: 1, maximum: UINT32_MAX }),
    DecimalInt(),
    IsInt(),
    Min(1),
    Max(UINT32_MAX),
  );

export class DeviceRevisionParamsDto extends FirmwareParamsDto {
  @RevisionNumber('Revision number.', 2)
  revision!: number;
}

export class RevisionDiffQueryDto {
  @RevisionNumber('The older revision.', 1)
  from!: number;

  @RevisionNumber('The newer revision.', 2)
  to!: number;
}

/** One stored configuration revision of a device. */
export class DeviceRevisionDto {
  /** @example 2 */
  revision!: number;
  /** @example 'Retrieved from device' */
  comment?: string;
  /** @example 'admin' */
  createdBy?: string;
  /**
   * As FMG prints it.
   * @example '2025-01-07 09:00:00'
   */
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
