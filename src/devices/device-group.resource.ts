import { AdomParamsDto } from '../adoms/dto/adom.dto';
import { ScopeMemberDto } from '../packages/dto/package.dto';
import { declareResource } from '../resources/resource';
import { ResourceDef } from '../translator/resource';
import { fmgUrl } from '../upstream/dialects/fmg-url';
import {
  CreateDeviceGroupDto,
  DeviceGroupDto,
  DeviceGroupParamsDto,
  UpdateDeviceGroupDto,
} from './dto/device-group.dto';

export const DEVICE_GROUP_RESOURCE: ResourceDef<DeviceGroupDto> = {
  label: 'device group',
  key: 'name',
  loadSubTables: true,
  fields: {
    name: 'name',
    description: 'desc',
    // Same `{name, vdom}` shape as FMG's `object member`, which is also our install scope shape.
    members: 'object member',
  },
};

/** A member as FMG stores it: a device without a VDOM is its root VDOM. */
export const groupMember = (m: ScopeMemberDto) => ({ name: m.name, vdom: m.vdom ?? 'root' });

export const groupUrl = (adom: string, group: string) => fmgUrl`/dvmdb/adom/${adom}/group/${group}`;

/** With the members FMG's way; the body as it is otherwise. */
const withMembers = (dto: { members?: ScopeMemberDto[] }) => ({
  ...dto,
  members: dto.members?.map(groupMember),
});

/** Device groups live in dvmdb, outside the ADOM workspace (docs/upstream-api.md §8.1): writes take no lock. */
export const DEVICE_GROUPS = declareResource<DeviceGroupDto>({
  route: 'adoms/:adom/device-groups/:group',
  tag: 'Devices',
  resource: DEVICE_GROUP_RESOURCE,
  dto: DeviceGroupDto,
  params: [AdomParamsDto, DeviceGroupParamsDto],
  upstream: '/dvmdb/adom/{adom}/group',
  list: { summary: 'List device groups' },
  get: { summary: 'Get a device group with its members' },
  create: {
    summary: 'Create a device group',
    input: CreateDeviceGroupDto,
    toUpstream: withMembers,
  },
  update: {
    summary: 'Update a device group (description, or the whole member list)',
    input: UpdateDeviceGroupDto,
    oneOf: ['description', 'members'],
    toUpstream: withMembers,
  },
  delete: { summary: 'Delete a device group' },
});
