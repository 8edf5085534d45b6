import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

/** Query parameters of a single-object read. */
export class ReadQueryDto {
  @ApiPropertyOptional({
    description:
      'Comma-separated fields to return; the answer has exactly these plus the key (as for lists).',
    example: 'name',
  })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  fields?: string;
}
