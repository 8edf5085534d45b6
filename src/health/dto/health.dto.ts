import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class HealthDto {
  @ApiProperty({ example: 'ok' })
  status!: string;
}

export class PoolStatsDto {
  @ApiProperty({ description: 'Configured cap on sessions.' })
  max!: number;
  @ApiProperty({ description: 'Effective cap (lower when the upstream needs serialised API-key calls).' })
  limit!: number;
  @ApiProperty({ description: 'Sessions held now.' })
  sessions!: number;
  @ApiProperty({ description: 'Sessions lent to calls in flight.' })
  busy!: number;
  @ApiProperty({ description: 'Requests queued for a session.' })
  waiting!: number;
  @ApiProperty()
  logins!: number;
  @ApiProperty()
  logouts!: number;
}

export class UpstreamHealthDto {
  @ApiProperty({ enum: ['fmg', 'faz'] })
  name!: string;
  @ApiProperty({ example: 'https://fmg.example.com' })
  url!: string;
  @ApiProperty({ enum: ['up', 'down'] })
  state!: string;
  @ApiPropertyOptional({ example: 'v7.6.5-build3653 250124 (GA)' })
  version?: string;
  @ApiPropertyOptional({ description: 'Why the upstream is down.' })
  error?: string;
  @ApiPropertyOptional({ type: PoolStatsDto })
  pool?: PoolStatsDto;
}

export class ReadinessDto {
  @ApiProperty({ enum: ['ok', 'error'] })
  status!: string;
  @ApiProperty({ type: [UpstreamHealthDto] })
  upstreams!: UpstreamHealthDto[];
}
