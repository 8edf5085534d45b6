import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** The upstream's identity and version (`/sys/status`). */
export class SystemStatusDto {
  @ApiProperty({ example: 'v7.6.5-build3653 250124 (GA)' })
  version!: string;
  @ApiProperty({ example: 7 })
  major!: number;
  @ApiProperty({ example: 6 })
  minor!: number;
  @ApiProperty({ example: 5 })
  patch!: number;
  @ApiProperty({ example: 3653 })
  build!: number;
  @ApiProperty({ example: 'FMG-EMULATOR' })
  hostname!: string;
  @ApiProperty({ example: 'FMG-VMTM26000001' })
  serialNumber!: string;
  @ApiProperty({ example: 'FortiManager-VM64' })
  platform!: string;
  @ApiPropertyOptional({ example: 'Stand Alone' })
  haMode?: string;
  @ApiPropertyOptional({ example: true })
  adomsEnabled?: boolean;
}
