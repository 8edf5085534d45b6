import { Injectable } from '@nestjs/common';
import { GatewayError } from '../common/errors/gateway-error';
import { PackageTargetParamsDto } from './dto/provisioning.dto';
import { ScopeMemberDto } from '../packages/dto/package.dto';
import { TaskAcceptedDto } from '../tasks/dto/task.dto';
import { taskAccepted } from '../tasks/task-accepted';
import { TranslatorService } from '../translator/translator.service';
import { FmgClient } from '../upstream/clients';
import { fmgUrl, PathValue } from '../upstream/dialects/fmg-url';
import { WorkspaceLocks } from '../upstream/workspace/workspace-locks.service';
import {
  BulkDeviceDto,
  CreateMetadataVariableDto,
  DeviceStatusDto,
  MetadataVariableDto,
  PackageStatusDto,
  UnregisteredDeviceDto,
} from './dto/provisioning.dto';
import { InstallLogDto } from './dto/install-log.dto';
import { TargetsService } from './targets.service';
import { TemplateKind } from './template-kinds';

type Row = Record<string, unknown>;

const templateUrl = (kind: TemplateKind, adom: string, name: string) =>
  fmgUrl`/pm/${kind.fmgKind}/adom/${adom}/${name}`;
const packageUrl = (adom: string, pkg: string) => fmgUrl`/pm/pkg/adom/${adom}/${PathValue.of(pkg)}`;
const CONNECTION: Record<number, string> = { 1: 'up', 2: 'down' };

const toPackageStatus = (r: Row): PackageStatusDto => ({
  device: String(r.dev),
  vdom: text(r.vdom, 'root'),
  package: String(r.pkg),
  status: text(r.status, 'unknown'),
  ...(typeof r.rev === 'number' ? { revision: r.rev } : {}),
});

/**
 * Provisioning over FMG's template trees, package scope, status tables, device manager commands and the
 * policy import (docs/upstream-api.md §8.11). Reads and simple writes go through the translator; commands
 * that answer tasks answer 202.
 */
@Injectable()
export class ProvisioningService {
  constructor(
    private readonly translator: TranslatorService,
    private readonly fmg: FmgClient,
    private readonly locks: WorkspaceLocks,
    private readonly targets: TargetsService,
  ) {}

  // ---- templates ----

  templateTargets(kind: TemplateKind, adom: string, name: string): Promise<ScopeMemberDto[]> {
    return this.targets.list(templateUrl(kind, adom, name));
  }

  assignTemplate(kind: TemplateKind, adom: string, name: string, device: string, vdom?: string) {
    return this.targets.add(adom, templateUrl(kind, adom, name), device, vdom);
  }

  unassignTemplate(kind: TemplateKind, adom: string, name: string, device: string, vdom?: string) {
    return this.targets.remove(adom, templateUrl(kind, adom, name), device, vdom);
  }

  // ---- package targets and status ----

  packageTargets(adom: string, pkg: string): Promise<ScopeMemberDto[]> {
    return this.targets.list(packageUrl(adom, pkg));
  }

  addPackageTarget({ adom, pkg, device }: PackageTargetParamsDto, vdom?: string): Promise<ScopeMemberDto[]> {
    return this.targets.add(adom, packageUrl(adom, pkg), device, vdom);
  }

  removePackageTarget({ adom, pkg, device }: PackageTargetParamsDto, vdom?: string): Promise<void> {
    return this.targets.remove(adom, packageUrl(adom, pkg), device, vdom);
  }

  async packageStatus(adom: string, pkg: string): Promise<PackageStatusDto[]> {
    // 404 for an unknown package; the status table itself is per ADOM (7.0.7+/7.2.2+).
    await this.fmg.request('get', { url: packageUrl(adom, pkg), fields: ['name'] });
    const name = pkg.slice(pkg.lastIndexOf('/') + 1);
    return (await this.statusRows(adom)).filter((r) => r.package === name);
  }

  async deviceStatus(adom: string, device: string): Promise<DeviceStatusDto> {
    const row = await this.fmg.request<Row>('get', {
      url: fmgUrl`/dvmdb/adom/${adom}/device/${device}`,
      fields: ['name', 'conn_status', 'conf_status', 'db_status', 'dev_status'],
      option: ['no loadsub'],
    });
    const packages = (await this.statusRows(adom)).filter((r) => r.device === device);
    const dbStatus = text(row.db_status, 'unknown');
    return {
      name: String(row.name),
      connection: CONNECTION[Number(row.conn_status)] ?? 'unknown',
      configStatus: text(row.conf_status, 'unknown'),
      dbStatus,
      lastInstall: text(row.dev_status, 'unknown'),
      conflict:
        dbStatus === 'mod' || packages.some((p) => p.status === 'modified' || p.status === 'outofsync'),
      packages,
    };
  }

  private async statusRows(adom: string): Promise<PackageStatusDto[]> {
    const rows = await this.fmg.request<Row[] | undefined>('get', {
      url: fmgUrl`/pm/config/adom/${adom}/_package/status`,
    });
    return (rows ?? []).map(toPackageStatus);
  }

  // ---- onboarding ----

  async listUnregistered(): Promise<UnregisteredDeviceDto[]> {
    const rows = await this.fmg.request<Row[] | undefined>('get', {
      url: '/dvmdb/device',
      filter: ['mgmt_mode', '==', 'unreg'],
      fields: ['name', 'sn', 'ip', 'platform_str', 'os_ver', 'mgmt_mode'],
      option: ['no loadsub'],
    });
    return (rows ?? []).map((r) => ({
      name: String(r.name),
      serial: r.sn as string | undefined,
      ip: r.ip as string | undefined,
      platform: r.platform_str as string | undefined,
      osVersion: r.os_ver as string | undefined,
    }));
  }

  authorize(adom: string, devices: string[]): Promise<TaskAcceptedDto> {
    return this.addDevList(
      adom,
      devices.map((name) => ({ name, 'device action': 'promote_unreg' })),
      'authorize',
    );
  }

  bulkAdd(adom: string, devices: BulkDeviceDto[]): Promise<TaskAcceptedDto> {
    const list = devices.map((d) => {
      const model = (d.kind ?? 'model') === 'model';
      const [major, minor] = (d.osVersion ?? '').split('.');
      return {
        name: d.name,
        ...(model ? { 'device action': 'add_model' } : {}),
        ...(d.serial ? { sn: d.serial } : {}),
        ...(d.platform ? { platform_str: d.platform } : {}),
        ...(major ? { os_ver: `${major}.0`, mr: Number(minor) } : {}),
        ...(d.ip ? { ip: d.ip } : {}),
        ...(d.adminUser ? { adm_usr: d.adminUser } : {}),
        // Passed through once to FMG; never kept or logged by the gateway.
        ...(d.adminPassword ? { adm_pass: d.adminPassword } : {}),
      };
    });
    return this.addDevList(adom, list, 'add-devices');
  }

  private async addDevList(adom: string, list: Row[], operation: string): Promise<TaskAcceptedDto> {
    const result = await this.fmg.request<{ taskid?: unknown } | undefined>('exec', {
      url: '/dvm/cmd/add/dev-list',
      data: { adom, flags: ['create_task', 'nonblocking'], 'add-dev-list': list },
    });
    return taskAccepted(result?.taskid, operation);
  }

  // ---- policy import ----

  mapInterfaces(adom: string, device: string, vdom = 'root'): Promise<TaskAcceptedDto> {
    return this.importStep(
      adom,
      { name: device, vdom, import_action: 'policy_search', add_mappings: 'enable' },
      'import-mapping',
    );
  }

  importPolicy(adom: string, device: string, pkg: string, vdom = 'root'): Promise<TaskAcceptedDto> {
    return this.importStep(
      adom,
      { name: device, vdom, dst_name: pkg, import_action: 'do', if_all_objs: 'all', if_all_policy: 'enable' },
      'import-policy',
    );
  }

  private async importStep(adom: string, data: Row, operation: string): Promise<TaskAcceptedDto> {
    const result = await this.locks.write(adom, (s) =>
      s.request<{ task?: unknown } | undefined>('exec', {
        url: '/securityconsole/import/dev/objs',
        data: { adom, ...data },
      }),
    );
    return taskAccepted(result?.task, operation);
  }

  // ---- metadata variables ----

  async listVariables(adom: string): Promise<MetadataVariableDto[]> {
    const rows = await this.fmg.request<Row[] | undefined>('get', {
      url: fmgUrl`/pm/config/adom/${adom}/obj/fmg/variable`,
    });
    return (rows ?? []).map(toVariable);
  }

  async getVariable(adom: string, name: string): Promise<MetadataVariableDto> {
    return toVariable(
      await this.fmg.request<Row>('get', { url: fmgUrl`/pm/config/adom/${adom}/obj/fmg/variable/${name}` }),
    );
  }

  async createVariable(adom: string, dto: CreateMetadataVariableDto): Promise<MetadataVariableDto> {
    const data = { name: dto.name, value: dto.value ?? '', description: dto.description ?? '' };
    await this.locks.write(adom, (s) =>
      s.request('add', { url: fmgUrl`/pm/config/adom/${adom}/obj/fmg/variable`, data }),
    );
    return this.getVariable(adom, dto.name);
  }

  async deleteVariable(adom: string, name: string): Promise<void> {
    await this.locks.write(adom, (s) =>
      s.request('delete', { url: fmgUrl`/pm/config/adom/${adom}/obj/fmg/variable/${name}` }),
    );
  }

  /** Sets one device's value: the variable's `dynamic_mapping` entry of that device/VDOM is replaced. */
  async setDeviceValue(
    adom: string,
    name: string,
    device: string,
    value: string,
    vdom = 'root',
  ): Promise<MetadataVariableDto> {
    const url = fmgUrl`/pm/config/adom/${adom}/obj/fmg/variable/${name}`;
    await this.locks.write(adom, async (s) => {
      const row = await s.request<Row>('get', { url });
      const others = mappings(row).filter((m) => !isScope(m, device, vdom));
      const dynamic_mapping = [...others, { _scope: [{ name: device, vdom }], value }];
      await s.request('update', { url, data: { dynamic_mapping } });
    });
    return this.getVariable(adom, name);
  }

  async clearDeviceValue(adom: string, name: string, device: string, vdom = 'root'): Promise<void> {
    const url = fmgUrl`/pm/config/adom/${adom}/obj/fmg/variable/${name}`;
    await this.locks.write(adom, async (s) => {
      const row = await s.request<Row>('get', { url });
      const dynamic_mapping = mappings(row).filter((m) => !isScope(m, device, vdom));
      await s.request('update', { url, data: { dynamic_mapping } });
    });
  }

  // ---- install log ----

  async installLog(id: number, device: string): Promise<InstallLogDto> {
    const task = await this.fmg.request<Row>('get', { url: fmgUrl`/task/task/${id}` });
    const lines = Array.isArray(task.line) ? (task.line as Row[]) : [];
    const line = lines.find((l) => l.name === device);
    if (!line) throw new GatewayError('TASK_LINE_NOT_FOUND', `Task ${id} has no line for device ${device}.`);
    const history = Array.isArray(line.history) ? (line.history as Row[]) : [];
    return {
      device,
      ...(line.vdom ? { vdom: text(line.vdom, '') } : {}),
      state: text(line.state, 'unknown'),
      detail: text(line.detail, ''),
      history: history.map((h) => ({ percent: Number(h.percent ?? 0), detail: text(h.detail, '') })),
    };
  }
}

/** A scalar as text; anything else (an object FMG should not send here) as the fallback. */
export function text(v: unknown, fallback: string): string {
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : fallback;
}

function mappings(row: Row): Row[] {
  return Array.isArray(row.dynamic_mapping) ? (row.dynamic_mapping as Row[]) : [];
}

function isScope(m: Row, device: string, vdom: string): boolean {
  const scope = Array.isArray(m._scope) ? (m._scope as Row[]) : [];
  return scope.some((s) => s.name === device && (s.vdom ?? 'root') === vdom);
}

function toVariable(r: Row): MetadataVariableDto {
  return {
    name: String(r.name),
    value: r.value === undefined ? undefined : text(r.value, ''),
    description: r.description === undefined ? undefined : text(r.description, ''),
    devices: mappings(r).flatMap((m) =>
      (Array.isArray(m._scope) ? (m._scope as Row[]) : []).map((s) => ({
        device: String(s.name),
        vdom: text(s.vdom, 'root'),
        value: text(m.value, ''),
      })),
    ),
  };
}
