import { Injectable } from '@nestjs/common';
import { ScopeMemberDto } from '../packages/dto/package.dto';
import { TranslatorService } from '../translator/translator.service';
import { FmgClient } from '../upstream/clients';
import { fmgUrl } from '../upstream/dialects/fmg-url';
import { DEVICE_GROUP_RESOURCE, groupMember, groupUrl } from './device-group.resource';
import { DeviceGroupDto } from './dto/device-group.dto';

/**
 * Device group members (CRUD: DEVICE_GROUPS). They are added and removed through the `object member`
 * sub-url, which never races a concurrent member change the way a read-modify-write of the whole list would.
 */
@Injectable()
export class DeviceGroupsService {
  constructor(
    private readonly translator: TranslatorService,
    private readonly fmg: FmgClient,
  ) {}

  async addMembers(adom: string, group: string, members: ScopeMemberDto[]): Promise<DeviceGroupDto> {
    const url = fmgUrl`/dvmdb/adom/${adom}/group/${group}/object member`;
    await this.fmg.request('add', { url, data: members.map(groupMember) });
    return this.translator.read(DEVICE_GROUP_RESOURCE, groupUrl(adom, group));
  }

  async removeMember(adom: string, group: string, device: string, vdom?: string): Promise<void> {
    const url = fmgUrl`/dvmdb/adom/${adom}/group/${group}/object member`;
    await this.fmg.request('delete', { url, data: [groupMember({ name: device, vdom })] });
  }
}
