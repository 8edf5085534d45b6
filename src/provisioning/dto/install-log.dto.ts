import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class InstallLogEntryDto {
  /** @example 100 */
  percent!: number;
  /** @example 'success' */
  detail!: string;
}

/** One device's line of a task, with its history: the per-device install (or import) log. */
export class InstallLogDto {
  @ApiProperty({ example: 'FGT-HQ-01' })
  device!: string;
  @ApiPropertyOptional({ example: 'root' })
  vdom?: string;
  @ApiProperty({ enum: ['pending', 'running', 'done', 'error', 'cancelled'] })
  state!: string;
  /** @example 'success' */
  detail!: string;
  history!: InstallLogEntryDto[];
}
