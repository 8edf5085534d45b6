import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class HealthDto {
  /** @example 'ok' */
  status!: string;
}

export class PoolStatsDto {
  /** Configured cap on sessions. */
  max!: number;
  /** Effective cap (lower when the upstream needs serialised API-key calls). */
  limit!: number;
  /** Sessions held now. */
  sessions!: number;
  /** Sessions lent to calls in flight. */
  busy!: number;
  /** Requests queued for a session. */
  waiting!: number;
  logins!: number;
  logouts!: number;
}

export class FazTidBehaviourDto {
  @ApiProperty({ enum: ['unknown', 'reusable', 'single-use'] })
  logsearch!: string;
  @ApiProperty({ enum: ['unknown', 'reusable', 'single-use'] })
  fortiview!: string;
  @ApiProperty({ enum: ['unknown', 'reusable', 'single-use'] })
  report!: string;
}

export class ApplianceHealthDto {
  @ApiProperty({
    example: 'Europe/Brussels',
    description: 'The zone FAZ reads `time-range` bounds in: an IANA name, or `UTC±hh:mm` (fixed, no DST).',
  })
  timeZone!: string;
  @ApiPropertyOptional({
    example: 'TZ: Europe/Brussels',
    description: 'The `/sys/status` field it came from.',
  })
  timeZoneSource?: string;
  /** True when the zone could not be read or parsed and UTC is assumed. */
  timeZoneFallback!: boolean;
  /** Why UTC is assumed. */
  warning?: string;
  /** Whether task ids survive the fetch that handed their result out, as learnt from the appliance. */
  tids!: FazTidBehaviourDto;
}

/** What a probe of an upstream (`get /sys/status`) tells: readiness and `GET /managers` show it. */
export class UpstreamStateDto {
  @ApiProperty({ enum: ['up', 'down'], example: 'up' })
  state!: string;
  @ApiPropertyOptional({ example: 'v7.6.5-build3653 250124 (GA)' })
  version?: string;
  @ApiPropertyOptional({ description: 'Why the upstream is down.' })
  error?: string;
  @ApiPropertyOptional({ type: PoolStatsDto })
  pool?: PoolStatsDto;
}

export class UpstreamHealthDto extends UpstreamStateDto {
  @ApiProperty({
    example: 'fmg',
    description:
      'Internal name (metrics label): `fmg`, `faz` for the default ones, `fmg:east` for a named one.',
  })
  name!: string;
  @ApiProperty({ example: 'default', description: 'The name in `/managers/{name}` or `/analyzers/{name}`.' })
  label!: string;
  /** @example 'https://fmg.example.com' */
  url!: string;
  /** FortiAnalyzer only: its time zone and task ids. */
  appliance?: ApplianceHealthDto;
}

export class ReadinessDto {
  @ApiProperty({ enum: ['ok', 'error'] })
  status!: string;
  upstreams!: UpstreamHealthDto[];
}
