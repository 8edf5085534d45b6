import { ScopeList } from './scope.decorator';
import { ScopeMemberDto } from './package.dto';

export class InstallPackageDto {
  @ScopeList({ description: 'Devices to install to; default: the package scope.' })
  scope?: ScopeMemberDto[];
}
