import { ScopeList } from '../../common/validation/scope.decorator';
import { ScopeMemberDto } from './package.dto';

export class InstallPackageDto {
  @ScopeList({ description: 'Devices to install to; default: the package scope.' })
  scope?: ScopeMemberDto[];
}
