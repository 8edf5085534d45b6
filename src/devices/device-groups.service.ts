import { Injectable } from '@nestjs/common';
import { badRequest } from '../common/errors/gateway-error';
import { Page } from '../common/http/page.dto';
import { FmgClient } from '../upstream/clients';
import { fmgUrl } from '../upstream/dialects/fmg-url';
import { ScopeMemberDto } from '../packages/dto/package.dto';
import { ListQueryDto } from '../translator/list-query.dto';
import { ReadQueryDto } from '../translator/read-query.dto';
import { TranslatorService } from '../translator/translator.service';
import { DEVICE_GROUP_RESOURCE } from './device-group.resource';
import { CreateDeviceGroupDto, DeviceGroupDto, UpdateDeviceGroupDto } from './dto/device-group.dto';

const member = (m: ScopeMemberDto) => ({ name: m.name, vdom: m.vdom ?? 'root' });

/**
 * Device groups live in dvmdb, outside the ADOM workspace (docs/upstream-api.md §8.1), so writes take no lock.
 * Members are added and removed through the `object member` sub-url, which never races a
 * concurrent member change the way a read-modify-write of the whole list would.
 */
@Injectable()
export class DeviceGroupsService {
  constructor(
    private readonly translator: TranslatorService,
    private readonly fmg: FmgClient,
  ) {}

  list(adom: string, query: ListQueryDto): Promise<Page<DeviceGroupDto>> {
    return this.translator.list(DEVICE_GROUP_RESOURCE, fmgUrl`/dvmdb/adom/${adom}/group`, query);
  }

  get(adom: string, group: string, query: ReadQueryDto): Promise<DeviceGroupDto> {
    return this.translator.read(
      DEVICE_GROUP_RESOURCE,
      fmgUrl`/dvmdb/adom/${adom}/group/${group}`,
      query.fields,
    );
  }

  create(adom: string, dto: CreateDeviceGroupDto): Promise<DeviceGroupDto> {
    return this.translator.create(
      DEVICE_GROUP_RESOURCE,
      {
        collection: fmgUrl`/dvmdb/adom/${adom}/group`,
        member: fmgUrl`/dvmdb/adom/${adom}/group/${dto.name}`,
      },
      { ...dto, members: dto.members?.map(member) },
    );
  }

  update(adom: string, group: string, dto: UpdateDeviceGroupDto): Promise<DeviceGroupDto> {
    if (dto.description === undefined && dto.members === undefined) {
      throw badRequest('Nothing to update: send `description` and/or `members`.');
    }
    return this.translator.update(DEVICE_GROUP_RESOURCE, fmgUrl`/dvmdb/adom/${adom}/group/${group}`, {
      ...dto,
      members: dto.members?.map(member),
    });
  }

  delete(adom: string, group: string): Promise<void> {
    return this.translator.delete(DEVICE_GROUP_RESOURCE, fmgUrl`/dvmdb/adom/${adom}/group/${group}`);
  }

  async addMembers(adom: string, group: string, members: ScopeMemberDto[]): Promise<DeviceGroupDto> {
    const url = fmgUrl`/dvmdb/adom/${adom}/group/${group}/object member`;
    await this.fmg.request('add', { url, data: members.map(member) });
    return this.get(adom, group, {});
  }

  async removeMember(adom: string, group: string, device: string, vdom?: string): Promise<void> {
    const url = fmgUrl`/dvmdb/adom/${adom}/group/${group}/object member`;
    await this.fmg.request('delete', { url, data: [member({ name: device, vdom })] });
  }
}
