import { Injectable } from '@nestjs/common';
import { Page } from '../common/http/page.dto';
import { FmgClient } from '../upstream/clients';
import { fmgUrl } from '../upstream/dialects/fmg-url';
import { TaskAcceptedDto } from '../tasks/dto/task.dto';
import { taskAccepted } from '../tasks/task-accepted';
import { ListQueryDto } from '../translator/list-query.dto';
import { ReadQueryDto } from '../translator/read-query.dto';
import { TranslatorService } from '../translator/translator.service';
import { ScopeMemberDto } from '../packages/dto/package.dto';
import { AddDeviceDto, DeviceDto } from './dto/device.dto';
import { DEVICE_RESOURCE } from './device.resource';

/** Device Manager: reads from `/dvmdb`, adds and deletes through `/dvm/cmd` tasks (docs/upstream-api.md §8.1). */
@Injectable()
export class DevicesService {
  constructor(
    private readonly translator: TranslatorService,
    private readonly fmg: FmgClient,
  ) {}

  listDevices(adom: string, query: ListQueryDto): Promise<Page<DeviceDto>> {
    return this.translator.list(DEVICE_RESOURCE, fmgUrl`/dvmdb/adom/${adom}/device`, query);
  }

  getDevice(adom: string, device: string, query: ReadQueryDto): Promise<DeviceDto> {
    return this.translator.read(DEVICE_RESOURCE, fmgUrl`/dvmdb/adom/${adom}/device/${device}`, query.fields);
  }

  /** `nonblocking` + `create_task`: without them FMG holds the call until the device is added (§10.10). */
  async addDevice(adom: string, dto: AddDeviceDto): Promise<TaskAcceptedDto> {
    const device: Record<string, unknown> = { name: dto.name };
    if (dto.ip) device.ip = dto.ip;
    if (dto.adminUser) device.adm_usr = dto.adminUser;
    if (dto.adminPassword !== undefined) device.adm_pass = dto.adminPassword;
    if (dto.serial) device.sn = dto.serial;
    if (dto.platform) device.platform_str = dto.platform;
    if (dto.model) device['device action'] = 'add_model';
    const data = await this.fmg.request<{ taskid?: unknown }>('exec', {
      url: '/dvm/cmd/add/device',
      data: { adom, device, flags: ['create_task', 'nonblocking'] },
    });
    return taskAccepted(data?.taskid, 'add-device');
  }

  async deleteDevice(adom: string, device: string): Promise<TaskAcceptedDto> {
    const data = await this.fmg.request<{ taskid?: unknown }>('exec', {
      url: '/dvm/cmd/del/device',
      data: { adom, device, flags: ['create_task', 'nonblocking'] },
    });
    return taskAccepted(data?.taskid, 'delete-device');
  }

  /** Device settings only (not policies): `exec /securityconsole/install/device`. */
  async installDeviceSettings(adom: string, scope: ScopeMemberDto[]): Promise<TaskAcceptedDto> {
    const data = await this.fmg.request<{ task?: unknown }>('exec', {
      url: '/securityconsole/install/device',
      data: { adom, scope: scope.map((m) => ({ name: m.name, vdom: m.vdom ?? 'root' })), flags: ['none'] },
    });
    return taskAccepted(data?.task, 'install-device-settings');
  }
}
