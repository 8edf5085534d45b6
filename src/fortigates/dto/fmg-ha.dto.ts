import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class FmgHaMemberDto {
  @ApiPropertyOptional({ example: 'FMG-VM64' })
  hostname?: string;
  @ApiPropertyOptional({ example: 'FMG-VMTM22005248' })
  serial?: string;
  @ApiPropertyOptional({ example: '10.210.34.236' })
  ip?: string;
  @ApiPropertyOptional({ example: 'up,in-sync' })
  syncStatus?: string;
  @ApiPropertyOptional({ example: 8 })
  lastHeartbeatSeconds?: number;
}

/** FortiManager's own HA state (`get /sys/ha/status`). */
export class FmgHaDto {
  @ApiProperty({ description: '`HA Role`: Primary, Secondary or Standalone.', example: 'Primary' })
  role!: string;
  @ApiPropertyOptional({ description: '`FMG-HA Status`.', example: 'Synchronized State' })
  status?: string;
  @ApiPropertyOptional({ description: '`HA Health Status`.', example: 'OK' })
  health?: string;
  @ApiPropertyOptional({ example: 1 })
  clusterId?: number;
  @ApiPropertyOptional({
    description: '`Primary`: hostname, serial, address.',
    example: 'fmg-primary, FMG-VMTM22005246, 10.210.34.230',
  })
  primary?: string;
  @ApiProperty({ type: [FmgHaMemberDto] })
  members!: FmgHaMemberDto[];
}
