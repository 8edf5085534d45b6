import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { DecimalInt } from '../common/validation/numbers';

export const DEFAULT_LIMIT = 100;
/** A page may be this large; the gateway reads it from FMG in chunks of UPSTREAM_CHUNK (table-stream.ts). */
export const MAX_LIMIT = 10_000;

/** Query parameters shared by every list operation. */
export class ListQueryDto {
  @ApiPropertyOptional({
    minimum: 1,
    maximum: MAX_LIMIT,
    default: DEFAULT_LIMIT,
    description:
      'Page size. Pages above 1000 rows are read from FortiManager in chunks of 1000. With ' +
      '`Accept: application/x-ndjson` (table lists) the default is every row and `limit` only bounds the stream.',
  })
  @IsOptional()
  @DecimalInt()
  @IsInt()
  @Min(1)
  @Max(MAX_LIMIT)
  limit?: number;

  @ApiPropertyOptional({ minimum: 0, default: 0, description: 'Items to skip.' })
  @IsOptional()
  @DecimalInt()
  @IsInt()
  @Min(0)
  @Max(10_000_000)
  offset?: number;

  @ApiPropertyOptional({
    description:
      'Comma-separated fields to return, e.g. `name,comment`. The answer has exactly these plus the key ' +
      '(`name`; `policyid` for policies, `id` for tasks and revisions; packages also `path`; generic object ' +
      'tables only the fields asked, so ask for their key).',
    example: 'name',
  })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  fields?: string;

  @ApiPropertyOptional({ description: 'Comma-separated sort keys; `-` prefix for descending, e.g. `-name`.' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  sort?: string;

  @ApiPropertyOptional({
    description:
      'Filter expression: `field==value` (`*` wildcard), `!=`, `<`, `<=`, `>`, `>=`, `field in (a,b)`, ' +
      '`field contains x`, `field like "a%"`, combined with `and`/`or`/`not` and parentheses. Values may be quoted. ' +
      'Example: `name==web*`.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  filter?: string;
}
