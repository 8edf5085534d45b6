import { Injectable } from '@nestjs/common';
import { TaskAcceptedDto } from '../tasks/dto/task.dto';
import { taskAccepted } from '../tasks/task-accepted';
import { FmgClient } from '../upstream/clients';
import { InstallPackageDto } from './dto/install.dto';

/** Installing a package (CRUD: PACKAGES). */
@Injectable()
export class PackagesService {
  constructor(private readonly fmg: FmgClient) {}

  /** exec /securityconsole/install/package: answers a task at once (docs/upstream-api.md §8.6). */
  async installPackage(adom: string, pkg: string, dto: InstallPackageDto): Promise<TaskAcceptedDto> {
    const data: Record<string, unknown> = { adom, pkg, flags: ['none'] };
    if (dto.scope) {
      data.scope = dto.scope.map((m) => (m.vdom ? { name: m.name, vdom: m.vdom } : { name: m.name }));
    }
    const result = await this.fmg.request<{ task?: unknown } | undefined>('exec', {
      url: '/securityconsole/install/package',
      data,
    });
    return taskAccepted(result?.task, 'install');
  }
}
