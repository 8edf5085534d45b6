import { AdomParamsDto } from '../../../adoms/dto/adom.dto';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsString, Matches, MaxLength } from 'class-validator';
import { FazTime } from '../../time-range';
import { Optional } from '../../../common/validation/decorators';
import { PageLimit, PageOffset } from '../../../common/validation/paging';

const ID = /^[\w-]{1,64}$/;

export class AlertParamsDto extends AdomParamsDto {
  @ApiProperty({ example: '17361234560007' })
  @IsString()
  @Matches(ID, { message: 'id must be an alert id' })
  id!: string;
}

export class IncidentParamsDto extends AdomParamsDto {
  @ApiProperty({ example: 'IN00012345' })
  @IsString()
  @Matches(ID, { message: 'id must be an incident id' })
  id!: string;
}

/** Paging and filtering shared by alerts and incidents. */
export class EventListQueryDto {
  @PageLimit(2000)
  limit?: number;

  @PageOffset()
  offset?: number;

  @ApiPropertyOptional({ example: 'severity==critical', description: 'FAZ filter string (FAZ field names).' })
  @Optional()
  @IsString()
  @MaxLength(2048)
  filter?: string;

  @FazTime({ example: '2025-01-05T00:00:00Z', optional: true })
  from?: string;

  @FazTime({ example: '2025-01-06T09:00:00Z', optional: true })
  to?: string;
}

export class AlertListQueryDto extends EventListQueryDto {
  @ApiPropertyOptional({ description: 'Only acknowledged (true) or unacknowledged (false) alerts.' })
  @Optional()
  @Transform(({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  acknowledged?: boolean;

  @ApiPropertyOptional({ enum: ['critical', 'high', 'medium', 'low'] })
  @Optional()
  @IsIn(['critical', 'high', 'medium', 'low'])
  severity?: string;
}

export const INCIDENT_STATUSES = ['new', 'analysis', 'response', 'closed'] as const;
export const INCIDENT_SEVERITIES = ['high', 'medium', 'low'] as const;

export class IncidentListQueryDto extends EventListQueryDto {
  @ApiPropertyOptional({ enum: INCIDENT_STATUSES })
  @Optional()
  @IsIn(INCIDENT_STATUSES)
  status?: string;
}

export class UpdateAlertDto {
  @ApiProperty({ example: true, description: 'Acknowledge (true) or un-acknowledge (false).' })
  @IsBoolean()
  acknowledged!: boolean;
}

export class UpdateIncidentDto {
  @ApiPropertyOptional({ enum: INCIDENT_STATUSES, example: 'analysis' })
  @Optional()
  @IsIn(INCIDENT_STATUSES)
  status?: string;

  @ApiPropertyOptional({ enum: INCIDENT_SEVERITIES, example: 'high' })
  @Optional()
  @IsIn(INCIDENT_SEVERITIES)
  severity?: string;

  @ApiPropertyOptional({ example: 'malware' })
  @Optional()
  @IsString()
  @MaxLength(64)
  category?: string;

  @ApiPropertyOptional({ example: 'Host isolated, reimage scheduled.' })
  @Optional()
  @IsString()
  @MaxLength(4096)
  description?: string;

  @ApiPropertyOptional({ example: 'soc-analyst' })
  @Optional()
  @IsString()
  @MaxLength(64)
  assignedTo?: string;
}

export class AlertDto {
  /** @example '17361234560007' */
  id!: string;
  /** @example '2025-01-05T14:03:22.000Z' */
  time!: string;
  /** @example 'Default-Risky-Destination-Detection-By-Threat' */
  triggerName!: string;
  /** @example 'ips' */
  eventType!: string;
  /** @example 'critical' */
  severity!: string;
  /** @example 'Apache.Log4j.Error.Log.Remote.Code.Execution on 10.40.0.17' */
  subject!: string;
  /** @example 'FGT-HQ-CLUSTER' */
  device!: string;
  /** @example 'root' */
  vdom?: string;
  /** @example '45.33.32.156' */
  srcip?: string;
  /** @example '10.40.0.17' */
  dstip?: string;
  /** @example 4 */
  logCount!: number;
  /** @example false */
  acknowledged!: boolean;
  /** @example 'soc-analyst' */
  acknowledgedBy?: string;
}

export class IncidentDto {
  @ApiProperty({ example: 'IN00012345' })
  id!: string;
  @ApiProperty({ example: 'malware' })
  category!: string;
  @ApiProperty({ enum: INCIDENT_SEVERITIES, example: 'high' })
  severity!: string;
  @ApiProperty({ enum: INCIDENT_STATUSES, example: 'analysis' })
  status!: string;
  /** @example '10.40.0.17' */
  endpoint?: string;
  /** @example 'Escalated from alert 17361234560007' */
  description?: string;
  /** @example 'soc-analyst' */
  assignedTo?: string;
  /** @example 'admin' */
  reporter?: string;
  /** @example ["17361234560007"] */
  alertIds!: string[];
  /** @example '2025-01-05T14:03:22.000Z' */
  createdAt!: string;
  /** @example '2025-01-05T14:03:22.000Z' */
  updatedAt!: string;
}
