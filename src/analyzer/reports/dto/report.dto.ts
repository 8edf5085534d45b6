import { AdomParamsDto } from '../../../adoms/dto/adom.dto';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsUUID, Max, Min } from 'class-validator';
import { FazDevices, FazTime } from '../../time-range';
import { Optional } from '../../../common/validation/decorators';

export const REPORT_FORMATS = ['pdf', 'html'] as const;

export class ReportRunParamsDto extends AdomParamsDto {
  @ApiProperty({ format: 'uuid', example: '7b1d3c1e-5a0e-4c55-9f3c-3c2b8f3f5a10' })
  @IsUUID()
  id!: string;
}

export class ReportDownloadQueryDto {
  @ApiPropertyOptional({ enum: REPORT_FORMATS, default: 'pdf' })
  @Optional()
  @IsIn(REPORT_FORMATS)
  format?: (typeof REPORT_FORMATS)[number];
}

export class RunReportDto {
  @ApiProperty({ example: 1, description: 'Layout id (see `GET .../reports/layouts`).' })
  @IsInt()
  @Min(1)
  @Max(4_294_967_295)
  layoutId!: number;

  @FazTime({
    example: '2025-01-05T00:00:00Z',
    description: 'Report period start; with `to`.',
    optional: true,
  })
  from?: string;

  @FazTime({ example: '2025-01-06T00:00:00Z', optional: true })
  to?: string;

  @FazDevices()
  devices?: string[];
}

export class ReportLayoutDto {
  /** @example 1 */
  id!: number;
  /** @example 'Threat Report' */
  title!: string;
  /** @example 'Top threats, attacks and infected hosts.' */
  description?: string;
  /** @example 'Security' */
  category?: string;
}

export class ReportRunDto {
  @ApiProperty({ format: 'uuid', example: '7b1d3c1e-5a0e-4c55-9f3c-3c2b8f3f5a10' })
  id!: string;
  @ApiProperty({ example: '/adoms/root/reports/runs/7b1d3c1e-5a0e-4c55-9f3c-3c2b8f3f5a10' })
  href!: string;
  @ApiProperty({ enum: ['running', 'done'], example: 'running' })
  status!: 'running' | 'done';
  @ApiPropertyOptional({ example: 1 })
  layoutId?: number;
  @ApiPropertyOptional({ example: 'Threat Report' })
  title?: string;
  @ApiPropertyOptional({ example: 40 })
  percentage?: number;
  @ApiPropertyOptional({ example: '2025-01-05T00:00:00.000Z' })
  periodStart?: string;
  @ApiPropertyOptional({ example: '2025-01-06T00:00:00.000Z' })
  periodEnd?: string;
  @ApiPropertyOptional({
    example: {
      pdf: '/adoms/root/reports/runs/7b1d…/download?format=pdf',
      html: '/adoms/root/reports/runs/7b1d…/download?format=html',
    },
    description: 'Download links, once done.',
  })
  downloads?: Record<string, string>;
}
