import { Body, Controller, Delete, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { NoContentOperation, UpdateOperation } from '../resources/operations';
import { DeviceGroupsService } from './device-groups.service';
import {
  DeviceGroupDto,
  DeviceGroupMemberParamsDto,
  DeviceGroupMembersDto,
  DeviceGroupParamsDto,
  VdomQueryDto,
} from './dto/device-group.dto';

/** Hand-written: members are added and removed one by one through FMG's `object member` sub-url (CRUD: DEVICE_GROUPS). */
@ApiTags('Devices')
@Controller('adoms/:adom/device-groups')
export class DeviceGroupsController {
  constructor(private readonly service: DeviceGroupsService) {}

  @Post(':group/members')
  @UpdateOperation(DeviceGroupDto, {
    summary: 'Add members to a device group',
    description:
      'FMG: `add /dvmdb/adom/{adom}/group/{group}/object member`. Members already in the group are kept once.',
  })
  @HttpCode(200)
  addDeviceGroupMembers(
    @Param() { adom, group }: DeviceGroupParamsDto,
    @Body() dto: DeviceGroupMembersDto,
  ): Promise<DeviceGroupDto> {
    return this.service.addMembers(adom, group, dto.members);
  }

  @Delete(':group/members/:device')
  @HttpCode(204)
  @NoContentOperation({
    summary: 'Remove a device (VDOM `?vdom=`, default root) from a device group',
    answer: 'Removed (also when it was not a member).',
    problems: [404],
  })
  removeDeviceGroupMember(
    @Param() { adom, group, device }: DeviceGroupMemberParamsDto,
    @Query() { vdom }: VdomQueryDto,
  ): Promise<void> {
    return this.service.removeMember(adom, group, device, vdom);
  }
}
