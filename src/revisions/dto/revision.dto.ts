import { AdomParamsDto } from '../../adoms/dto/adom.dto';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsInt, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { Optional } from '../../common/validation/decorators';
import { DecimalInt } from '../../common/validation/numbers';

export class RevisionParamsDto extends AdomParamsDto {
  @ApiProperty({ description: 'Revision number (`version`).', example: 1, minimum: 1 })
  @DecimalInt()
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  id!: number;
}

export class DiffQueryDto {
  @ApiPropertyOptional({
    description:
      'What to compare the revision with: `current` (the ADOM now, the default) or another revision number.',
    example: 'current',
    pattern: '^(current|[1-9][0-9]{0,6})$',
  })
  @Optional()
  @Matches(/^(current|[1-9]\d{0,6})$/, { message: 'against must be `current` or a revision number' })
  against?: string;
}

/** An ADOM revision (`/dvmdb/adom/{adom}/revision`): a saved copy of the ADOM's policy and object config. */
export class RevisionDto {
  @ApiProperty({ example: 1 })
  id!: number;
  @ApiProperty({ example: 'Baseline' })
  name!: string;
  @ApiPropertyOptional({ example: 'Before the Q3 change window' })
  description?: string;
  @ApiPropertyOptional({ example: 'admin' })
  createdBy?: string;
  @ApiPropertyOptional({ example: '2025-01-06T09:00:00.000Z', format: 'date-time' })
  createdAt?: string;
  @ApiPropertyOptional({ example: true, description: 'Locked revisions cannot be deleted.' })
  locked?: boolean;
}

export class UpdateRevisionDto {
  @ApiPropertyOptional({ example: 'Baseline', maxLength: 64 })
  @Optional()
  @IsString()
  @MaxLength(64)
  name?: string;

  @ApiPropertyOptional({ example: 'Before the Q3 change window', maxLength: 255 })
  @Optional()
  @IsString()
  @MaxLength(255)
  description?: string;

  /** @example false */
  @Optional()
  @IsBoolean()
  locked?: boolean;
}

export class CreateRevisionDto extends UpdateRevisionDto {
  @ApiProperty({ example: 'before-change-42', maxLength: 64 })
  @IsString()
  @MaxLength(64)
  @Matches(/\S/, { message: 'name must not be blank' })
  declare name: string;
}

export class DiffChangeDto {
  @ApiProperty({
    example: 'obj/firewall/address',
    description: 'Object table, or `pkg/{package}/firewall/policy`.',
  })
  category!: string;
  /** @example ["web-01"] */
  added!: string[];
  /** @example [] */
  deleted!: string[];
  /** @example ["net_10.0.0.0/24"] */
  modified!: string[];
}

export class RevisionDiffDto {
  @ApiProperty({ example: 1, description: 'The revision the changes are computed from.' })
  from!: number;
  @ApiProperty({ example: 'current', description: '`current` or a revision number.' })
  to!: string;
  /** Empty when nothing differs. */
  changes!: DiffChangeDto[];
}
