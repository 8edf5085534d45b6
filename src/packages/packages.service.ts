import { Injectable } from '@nestjs/common';
import { badRequest } from '../common/errors/gateway-error';
import { Page } from '../common/http/page.dto';
import { fmgUrl, PathValue } from '../upstream/dialects/fmg-url';
import { ListQueryDto } from '../translator/list-query.dto';
import { ReadQueryDto } from '../translator/read-query.dto';
import { toRest } from '../translator/resource';
import { TranslatorService } from '../translator/translator.service';
import { FmgClient } from '../upstream/clients';
import { taskAccepted } from '../tasks/task-accepted';
import { TaskAcceptedDto } from '../tasks/dto/task.dto';
import { InstallPackageDto } from './dto/install.dto';
import { CreatePackageDto, PackageDto, ReplacePackageDto, UpdatePackageDto } from './dto/package.dto';
import { PACKAGE_RESOURCE } from './package.resource';

/**
 * Policy packages live in a folder tree: `/pm/pkg/adom/{adom}/{folder}/.../{name}` (docs/upstream-api.md §8.2).
 * REST addresses a package by its path in one segment (`branches%2Fbranch-std`), so a package name
 * can never be confused with a sub-resource; each folder part is escaped on its own.
 */
@Injectable()
export class PackagesService {
  constructor(
    private readonly translator: TranslatorService,
    private readonly fmg: FmgClient,
  ) {}

  listPackages(adom: string, query: ListQueryDto): Promise<Page<PackageDto>> {
    return this.translator.list(PACKAGE_RESOURCE, fmgUrl`/pm/pkg/adom/${adom}`, query, {
      mapRow: toPackage(''),
    });
  }

  getPackage(adom: string, pkg: string, query: ReadQueryDto): Promise<PackageDto> {
    return this.translator.read(
      PACKAGE_RESOURCE,
      memberUrl(adom, pkg),
      query.fields,
      toPackage(parentOf(pkg)),
    );
  }

  createPackage(adom: string, dto: CreatePackageDto): Promise<PackageDto> {
    const path = dto.folder ? `${dto.folder}/${dto.name}` : dto.name;
    const collection = dto.folder
      ? fmgUrl`/pm/pkg/adom/${adom}/${PathValue.of(dto.folder)}`
      : fmgUrl`/pm/pkg/adom/${adom}`;
    const body = { name: dto.name, type: 'pkg', settings: dto.settings, scope: dto.scope };
    return this.translator.create(PACKAGE_RESOURCE, { collection, member: memberUrl(adom, path) }, body, {
      adom,
      mapRow: toPackage(dto.folder ?? ''),
    });
  }

  replacePackage(adom: string, pkg: string, dto: ReplacePackageDto, ifMatch?: string): Promise<PackageDto> {
    const body = { name: nameOf(pkg), type: 'pkg', settings: dto.settings, scope: dto.scope ?? [] };
    return this.translator.replace(PACKAGE_RESOURCE, memberUrl(adom, pkg), body, {
      adom,
      ifMatch,
      mapRow: toPackage(parentOf(pkg)),
    });
  }

  updatePackage(adom: string, pkg: string, dto: UpdatePackageDto, ifMatch?: string): Promise<PackageDto> {
    if (dto.settings === undefined && dto.scope === undefined) {
      throw badRequest('Nothing to update: send `settings` and/or `scope`.');
    }
    return this.translator.update(PACKAGE_RESOURCE, memberUrl(adom, pkg), dto, {
      adom,
      ifMatch,
      mapRow: toPackage(parentOf(pkg)),
    });
  }

  deletePackage(adom: string, pkg: string, ifMatch?: string): Promise<void> {
    return this.translator.delete(PACKAGE_RESOURCE, memberUrl(adom, pkg), {
      adom,
      ifMatch,
      mapRow: toPackage(parentOf(pkg)),
    });
  }
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

function memberUrl(adom: string, pkg: string): string {
  return fmgUrl`/pm/pkg/adom/${adom}/${PathValue.of(pkg)}`;
}

function parentOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

function nameOf(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** Maps an FMG package entry, and a folder's `subobj` recursively, with paths relative to `parent`. */
function toPackage(parent: string) {
  const map = (row: Record<string, unknown>): PackageDto => {
    const base = toRest(PACKAGE_RESOURCE, row);
    const path = parent ? `${parent}/${base.name}` : base.name;
    const out: PackageDto = { ...base, path };
    if (Array.isArray(row['subobj'])) {
      out.children = (row['subobj'] as Record<string, unknown>[]).map((child) => toPackage(path)(child));
    }
    return out;
  };
  return map;
}
