import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, ValidateNested } from 'class-validator';
import { Optional } from '../../common/validation/decorators';
import { ScopeMemberDto } from './package.dto';

export class InstallPackageDto {
  @ApiPropertyOptional({
    type: [ScopeMemberDto],
    description: 'Devices to install to; default: the package scope.',
  })
  @Optional()
  @IsArray()
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => ScopeMemberDto)
  scope?: ScopeMemberDto[];

  @ApiPropertyOptional({
    description: 'Prepare a preview instead of installing (FMG flag `preview`).',
    default: false,
  })
  @Optional()
  @IsBoolean()
  preview?: boolean;
}
