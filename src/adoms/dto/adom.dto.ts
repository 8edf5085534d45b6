import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsFmgName } from '../../common/validation/decorators';

export class AdomParamsDto {
  @IsFmgName({ description: 'ADOM name.', example: 'root', maxLength: 64 })
  adom!: string;
}

/** An administrative domain (`/dvmdb/adom`). */
export class AdomDto {
  @ApiProperty({ example: 'root' })
  name!: string;
  @ApiPropertyOptional({ example: 'Headquarters' })
  description?: string;
  @ApiPropertyOptional({ description: 'FortiOS major.minor the ADOM is set to.', example: '7.0' })
  osVersion?: string;
  @ApiPropertyOptional({ description: 'Maintenance release.', example: 4 })
  mr?: number;
  @ApiPropertyOptional({ description: 'Product types (`fos`, `faz`, ...).', example: 'fos' })
  restrictedProducts?: string;
  @ApiPropertyOptional({ description: 'Per-ADOM workspace mode (1 = on).', example: 0 })
  workspaceMode?: number;
  @ApiPropertyOptional({ example: 1 })
  state?: number;
  @ApiPropertyOptional({ example: 3 })
  oid?: number;
  @ApiPropertyOptional({ example: 'c1b8e6b4-7d5e-51ee-0000-000000000001' })
  uuid?: string;
}
