import { ScopeList } from '../../common/validation/scope.decorator';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean } from 'class-validator';
import { Optional } from '../../common/validation/decorators';
import { ScopeMemberDto } from './package.dto';

export class InstallPackageDto {
  @ScopeList({ description: 'Devices to install to; default: the package scope.' })
  scope?: ScopeMemberDto[];

  @ApiPropertyOptional({
    description: 'Prepare a preview instead of installing (FMG flag `preview`).',
    default: false,
  })
  @Optional()
  @IsBoolean()
  preview?: boolean;
}
