import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';

export class HitCountQueryDto {
  @ApiProperty({
    description: 'The hit-count task (from `POST …/hit-counts`).',
    example: 42,
    minimum: 1,
    maximum: 4294967295,
  })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(4294967295)
  task!: number;
}

export class PolicyHitCountDto {
  @ApiProperty({ example: 2 })
  policyId!: number;
  @ApiPropertyOptional({ example: 'Generic_Internet' })
  name?: string;
  @ApiProperty({ description: 'Times the policy matched (`hitcount`).', example: 380 })
  hits!: number;
  @ApiProperty({ example: 1534 })
  packets!: number;
  @ApiProperty({ example: 198373 })
  bytes!: number;
  @ApiProperty({ example: 95 })
  sessions!: number;
  @ApiProperty({
    nullable: true,
    description: 'First hit (ISO 8601), null if never hit.',
    example: '2023-11-27T11:36:49.000Z',
  })
  firstUsed!: string | null;
  @ApiProperty({
    nullable: true,
    description: 'Last hit (ISO 8601), null if never hit.',
    example: '2023-12-19T10:24:03.000Z',
  })
  lastUsed!: string | null;
}

export class HitCountsDto {
  /** @example 42 */
  task!: number;
  /** Per IPv4 policy, summed over the package's installation targets (FortiManager keeps no per-device split). */
  policies!: PolicyHitCountDto[];
}
