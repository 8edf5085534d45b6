import { ApiProperty, OmitType, PartialType } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsString, Length } from 'class-validator';
import { IsFmgName, ObjectComment } from '../../common/validation/decorators';

export class CreateServiceGroupDto {
  @IsFmgName({ example: 'web-services', maxLength: 79 })
  name!: string;

  @ApiProperty({ description: 'Member services or groups.', example: ['HTTP', 'HTTPS'] })
  @IsArray()
  @ArrayMaxSize(10_000)
  @IsString({ each: true })
  @Length(1, 79, { each: true })
  member!: string[];

  @ObjectComment()
  comment?: string;
}

export class ReplaceServiceGroupDto extends OmitType(CreateServiceGroupDto, ['name'] as const) {}
export class UpdateServiceGroupDto extends PartialType(ReplaceServiceGroupDto) {}
export class ServiceGroupDto extends CreateServiceGroupDto {}
