import { AdomParamsDto } from '../../../adoms/dto/adom.dto';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { FazDevices, FazTime } from '../../time-range';
import { Optional } from '../../../common/validation/decorators';
import { PageLimit } from '../../../common/validation/paging';
import { DecimalInt } from '../../../common/validation/numbers';

export const VIEWS = ['top-sources', 'top-destinations', 'top-applications', 'top-threats'] as const;
export type ViewName = (typeof VIEWS)[number];

export class ViewParamsDto extends AdomParamsDto {
  @ApiProperty({ enum: VIEWS, example: 'top-sources' })
  @IsIn(VIEWS)
  view!: ViewName;
}

export class RunParamsDto extends ViewParamsDto {
  @ApiProperty({ description: 'Run id (the FAZ tid, valid only with its view).', example: 512753680 })
  @DecimalInt()
  @IsInt()
  @Min(0)
  @Max(4_294_967_295)
  id!: number;
}

export class RunFortiViewDto {
  @FazTime({ example: '2025-01-05T00:00:00Z' })
  from!: string;

  @FazTime({ example: '2025-01-06T00:00:00Z' })
  to!: string;

  @FazDevices()
  devices?: string[];

  @ApiPropertyOptional({ example: 'dstcountry==Germany', description: 'FAZ filter on the underlying logs.' })
  @Optional()
  @IsString()
  @MaxLength(2048)
  filter?: string;

  @PageLimit(1000, { default: 20, example: 10 }, 'body')
  limit?: number;

  @ApiPropertyOptional({
    example: 'sessions',
    description: 'Sort field (default `bandwidth`, `incidents` for threats).',
  })
  @Optional()
  @IsString()
  @Matches(/^[\w-]{1,64}$/)
  sortBy?: string;

  @ApiPropertyOptional({ enum: ['desc', 'asc'], default: 'desc' })
  @Optional()
  @IsIn(['desc', 'asc'])
  order?: 'desc' | 'asc';

  @ApiPropertyOptional({
    minimum: 0,
    maximum: 60,
    default: 10,
    description: 'Seconds to wait for the result (0: answer at once).',
  })
  @Optional()
  @IsInt()
  @Min(0)
  @Max(60)
  deadlineSeconds?: number;
}

export class FortiViewRunDto {
  @ApiProperty({ example: 512753680 })
  id!: number;
  @ApiProperty({ example: '/adoms/root/fortiview/top-sources/runs/512753680' })
  href!: string;
  @ApiProperty({ enum: VIEWS, example: 'top-sources' })
  view!: string;
  @ApiProperty({ enum: ['running', 'done'], example: 'done' })
  status!: 'running' | 'done';
  @ApiProperty({ example: 100 })
  percentage!: number;
  @ApiProperty({
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    example: [
      {
        srcip: '10.40.0.17',
        sessions: 31,
        bandwidth: 182733211,
        traffic_in: 170000000,
        traffic_out: 12733211,
      },
    ],
    description: 'Rows as FAZ names them; empty while running.',
  })
  items!: Record<string, unknown>[];
}
