import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Optional } from '../../common/validation/decorators';
import { IsString, Matches } from 'class-validator';
import { IsInt, Max, Min } from 'class-validator';
import { DecimalInt } from '../../common/validation/numbers';

export const TASK_STATES = ['pending', 'running', 'done', 'error', 'cancelled'] as const;

export class TaskParamsDto {
  @ApiProperty({ example: 42 })
  @DecimalInt()
  @IsInt()
  @Min(1)
  @Max(4_294_967_295)
  id!: number;
}

export class TaskWaitQueryDto {
  @ApiPropertyOptional({
    description: 'Long-poll: answer when the task ends or after this long (`30s`, `1500ms`, max 60s).',
    example: '30s',
  })
  @Optional()
  @IsString()
  @Matches(/^\d{1,5}(ms|s)$/, { message: 'wait must look like 30s or 1500ms' })
  wait?: string;
}

export class TaskLineDto {
  @ApiProperty({ example: 'FGT-HQ-CLUSTER' })
  name!: string;
  @ApiPropertyOptional({ example: 'root' })
  vdom?: string;
  @ApiProperty({ enum: TASK_STATES, example: 'done' })
  state!: string;
  /** @example 100 */
  percent!: number;
  /** @example 'install and save finished status=OK' */
  detail?: string;
  /**
   * True when this line failed.
   * @example false
   */
  failed!: boolean;
}

/** An FMG task (`/task/task/{id}`), normalised. */
export class TaskDto {
  @ApiProperty({ example: 42 })
  id!: number;
  @ApiProperty({ example: 'Install policy package' })
  title!: string;
  @ApiPropertyOptional({ example: 'security console' })
  source?: string;
  @ApiPropertyOptional({ example: 'admin' })
  user?: string;
  @ApiProperty({ enum: TASK_STATES, example: 'running' })
  state!: string;
  @ApiProperty({ example: 60, description: '0–100.' })
  percent!: number;
  /**
   * Finished (percent 100), successfully or not.
   * @example false
   */
  done!: boolean;
  /**
   * Finished without errors (reference: percent 100 and num_err 0).
   * @example false
   */
  succeeded!: boolean;
  /**
   * Task lines (one per device/VDOM).
   * @example 2
   */
  lines!: number;
  /** @example 1 */
  linesDone!: number;
  /** @example 0 */
  errors!: number;
  /** @example 0 */
  warnings!: number;
  /** @example '2026-11-23T10:00:00.000Z' */
  startedAt?: string;
  /** @example '2026-11-23T10:00:03.000Z' */
  endedAt?: string;
  details?: TaskLineDto[];
}

/** 202 Accepted: the work runs as a task; follow `href` (also in the Location header). */
export class TaskAcceptedDto {
  @ApiProperty({ example: 42 })
  taskId!: number;
  @ApiProperty({ example: '/tasks/42' })
  href!: string;
  @ApiProperty({ example: 'install' })
  operation!: string;
  @ApiPropertyOptional({
    example: '/adoms/root/packages/default/previews/42',
    description: 'Where the outcome is read once the task is done (previews).',
  })
  result?: string;
}
