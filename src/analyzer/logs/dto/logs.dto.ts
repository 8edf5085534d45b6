import { AdomParamsDto } from '../../../adoms/dto/adom.dto';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsString, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import { FazDevices, FazTime } from '../../time-range';
import { IsFmgName, Optional } from '../../../common/validation/decorators';
import { PageLimit, PageOffset } from '../../../common/validation/paging';

/** FAZ log types (`attack` is IPS). */
export const LOG_TYPES = ['traffic', 'event', 'attack', 'virus', 'webfilter', 'app-ctrl'] as const;
export type LogType = (typeof LOG_TYPES)[number];

/** Rows one client page may hold; the gateway fills it with several capped upstream fetches. */
export const MAX_PAGE = 5000;

export class SearchParamsDto extends AdomParamsDto {
  @ApiProperty({
    description: 'Search id, as returned on creation.',
    example: '3f0c9a0e-3c59-4c43-9d0f-52f3a2f3c9a1',
  })
  @IsString()
  @Length(1, 64)
  id!: string;
}

export class LogTypeParamsDto extends AdomParamsDto {
  @ApiProperty({ enum: LOG_TYPES, example: 'traffic' })
  @IsIn(LOG_TYPES)
  logType!: LogType;
}

export class CreateLogSearchDto {
  @ApiProperty({ enum: LOG_TYPES, example: 'traffic', description: 'FAZ log type; `attack` is IPS.' })
  @IsIn(LOG_TYPES)
  logType!: LogType;

  @FazTime({ example: '2025-01-05T00:00:00Z', description: 'Start of the time range (RFC 3339).' })
  from!: string;

  @FazTime({ example: '2025-01-06T00:00:00Z', description: 'End of the time range (RFC 3339).' })
  to!: string;

  @FazDevices()
  devices?: string[];

  @ApiPropertyOptional({
    example: 'action==deny and dstport==443',
    description: 'FAZ filter: `field==value` (`*` wildcard), `!=`, `<`, `>`, combined with `and`/`or`/`not`.',
  })
  @Optional()
  @IsString()
  @MaxLength(2048)
  filter?: string;

  @ApiPropertyOptional({ default: false, description: 'Match filter values case-sensitively.' })
  @Optional()
  @IsBoolean()
  caseSensitive?: boolean;

  @ApiPropertyOptional({
    enum: ['desc', 'asc'],
    default: 'desc',
    description: 'Newest first (desc) or oldest first.',
  })
  @Optional()
  @IsIn(['desc', 'asc'])
  timeOrder?: 'desc' | 'asc';
}

export class LogQueryDto extends CreateLogSearchDto {
  @PageOffset({ example: 0 }, 'body')
  offset?: number;

  @PageLimit(MAX_PAGE, { example: 100 }, 'body')
  limit?: number;

  @ApiPropertyOptional({
    minimum: 1,
    maximum: 60,
    default: 10,
    description:
      'Seconds to wait for the search; when it takes longer the answer is 202 with the search to poll.',
  })
  @Optional()
  @IsInt()
  @Min(1)
  @Max(60)
  deadlineSeconds?: number;
}

export class LogPageQueryDto {
  @PageOffset()
  offset?: number;

  @PageLimit(MAX_PAGE, {
    description: 'Rows per page; above the upstream cap the gateway makes several upstream fetches.',
  })
  limit?: number;
}

export class LogExportQueryDto {
  @ApiPropertyOptional({
    enum: ['ndjson', 'csv'],
    description: 'Output format; overrides `Accept` (`application/x-ndjson` default, `text/csv`).',
  })
  @Optional()
  @IsIn(['ndjson', 'csv'])
  format?: 'ndjson' | 'csv';

  @ApiPropertyOptional({
    example: 'itime,srcip,dstip,action',
    description: 'CSV columns (comma-separated); default: the fields of the first row.',
  })
  @Optional()
  @IsString()
  @MaxLength(2000)
  @Matches(/^[\w.-]+(,[\w.-]+)*$/, { message: 'fields must be comma-separated field names' })
  fields?: string;
}

export class LogStatsQueryDto {
  @ApiPropertyOptional({ example: 'FGT-HQ-CLUSTER', description: 'One device (name, optionally `[vdom]`).' })
  @Optional()
  @IsString()
  @MaxLength(100)
  device?: string;
}

export class LogFilesQueryDto {
  @IsFmgName({ description: 'Device serial number (`devid`).', example: 'FGVM04TM24001234', maxLength: 64 })
  devid!: string;

  @IsFmgName({ description: 'VDOM.', example: 'root', maxLength: 32, optional: true })
  vdom?: string;

  @FazTime({ example: '2025-01-05T00:00:00Z', optional: true })
  from?: string;

  @FazTime({ example: '2025-01-06T00:00:00Z', optional: true })
  to?: string;
}

/** A log search as the gateway exposes it. */
export class LogSearchDto {
  @ApiProperty({ example: '3f0c9a0e-3c59-4c43-9d0f-52f3a2f3c9a1', description: 'Opaque search id.' })
  id!: string;
  @ApiProperty({ example: '/adoms/root/logs/searches/3f0c9a0e-3c59-4c43-9d0f-52f3a2f3c9a1' })
  href!: string;
  @ApiProperty({ example: 'root' })
  adom!: string;
  @ApiProperty({ enum: LOG_TYPES, example: 'traffic' })
  logType!: string;
  @ApiProperty({ enum: ['running', 'done'], example: 'running' })
  status!: 'running' | 'done';
  @ApiProperty({ minimum: 0, maximum: 100, example: 40 })
  percentage!: number;
  @ApiProperty({ example: 2211, description: 'Matching rows found so far (final when `status` is done).' })
  total!: number;
  @ApiProperty({ example: '2025-01-06T09:00:00.000Z' })
  createdAt!: string;
  @ApiProperty({
    example: '2025-01-06T09:10:00.000Z',
    description: 'Unread searches are dropped after this.',
  })
  expiresAt!: string;
}

/** One page of a log search. Rows carry FAZ log field names as they are, plus two UTC times. */
export class LogPageDto extends LogSearchDto {
  @ApiProperty({
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    description:
      "FAZ log rows with their own fields (`date`/`time` in the device's or appliance's wall clock), plus `receivedAt` (from `itime`) and `loggedAt` (from `eventtime`, else `date`+`time`+`tz`) as RFC 3339 UTC.",
    example: [
      {
        itime: 1736150000,
        date: '2025-01-06',
        time: '08:53:20',
        tz: '+0100',
        devname: 'FGT-HQ-CLUSTER',
        srcip: '10.40.0.17',
        dstip: '8.8.8.8',
        action: 'accept',
        receivedAt: '2025-01-06T07:53:20Z',
        loggedAt: '2025-01-06T07:53:20Z',
      },
    ],
  })
  items!: Record<string, unknown>[];
  /** @example 0 */
  offset!: number;
  /** @example 100 */
  limit!: number;
  /**
   * The next page, while there is one.
   * @example '/adoms/root/logs/searches/3f0c…?offset=100&limit=100'
   */
  next?: string;
}

export class LogFieldDto {
  @ApiProperty({ example: 'srcip' })
  name!: string;
  @ApiProperty({ example: 'ip', description: 'FAZ type hint.' })
  type!: string;
}

export class LogStatsDto {
  @ApiProperty({ example: 'FG6H0FTB23900101' })
  devid!: string;
  @ApiProperty({ example: 'FGT-HQ-CLUSTER' })
  devname!: string;
  @ApiProperty({ example: 'root' })
  vdom!: string;
  @ApiProperty({ example: 1735549200, description: 'Epoch seconds of the oldest log.' })
  firstLog!: number;
  @ApiProperty({ example: 1736154000 })
  lastLog!: number;
  @ApiProperty({ example: { traffic: 900, event: 200 }, additionalProperties: { type: 'integer' } })
  counts!: Record<string, number>;
}

export class LogFileDto {
  /** @example 'FGVM04TM24001234' */
  devid!: string;
  /** @example 'root' */
  vdom!: string;
  /** @example 'tlog.1736067600.log' */
  filename!: string;
  /** @example 'traffic' */
  logType!: string;
  /** @example 1736067600 */
  startTime!: number;
  /** @example 1736153999 */
  endTime!: number;
  /** @example 65536 */
  size!: number;
}
