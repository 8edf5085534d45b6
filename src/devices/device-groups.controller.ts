import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AdomParamsDto } from '../adoms/dto/adom.dto';
import {
  CreateOperation,
  NoContentOperation,
  ListOperation,
  ReadOperation,
  UpdateOperation,
} from '../resources/operations';
import { Page } from '../common/http/page.dto';
import { ListQueryDto } from '../translator/list-query.dto';
import { ReadQueryDto } from '../translator/read-query.dto';
import { DeviceGroupsService } from './device-groups.service';
import {
  CreateDeviceGroupDto,
  DeviceGroupDto,
  DeviceGroupMemberParamsDto,
  DeviceGroupMembersDto,
  DeviceGroupParamsDto,
  UpdateDeviceGroupDto,
  VdomQueryDto,
} from './dto/device-group.dto';

/**
 * Hand-written: besides CRUD a group's members (devices with their VDOM) are added and removed through
 * their own sub-resource. Each operation still uses the house decorators (resources/operations.ts).
 */
@ApiTags('Devices')
@Controller('adoms/:adom/device-groups')
export class DeviceGroupsController {
  constructor(private readonly service: DeviceGroupsService) {}

  @Get()
  @ListOperation(DeviceGroupDto, {
    summary: 'List device groups',
    description: 'FMG: `get /dvmdb/adom/{adom}/group`.',
  })
  listDeviceGroups(
    @Param() { adom }: AdomParamsDto,
    @Query() query: ListQueryDto,
  ): Promise<Page<DeviceGroupDto>> {
    return this.service.list(adom, query);
  }

  @Get(':group')
  @ReadOperation(DeviceGroupDto, { summary: 'Get a device group with its members' })
  getDeviceGroup(
    @Param() { adom, group }: DeviceGroupParamsDto,
    @Query() query: ReadQueryDto,
  ): Promise<DeviceGroupDto> {
    return this.service.get(adom, group, query);
  }

  @Post()
  @CreateOperation(DeviceGroupDto, {
    summary: 'Create a device group',
    description: 'FMG: `add /dvmdb/adom/{adom}/group`.',
  })
  createDeviceGroup(
    @Param() { adom }: AdomParamsDto,
    @Body() dto: CreateDeviceGroupDto,
  ): Promise<DeviceGroupDto> {
    return this.service.create(adom, dto);
  }

  @Patch(':group')
  @UpdateOperation(DeviceGroupDto, {
    summary: 'Update a device group (description, or the whole member list)',
  })
  updateDeviceGroup(
    @Param() { adom, group }: DeviceGroupParamsDto,
    @Body() dto: UpdateDeviceGroupDto,
  ): Promise<DeviceGroupDto> {
    return this.service.update(adom, group, dto);
  }

  @Delete(':group')
  @HttpCode(204)
  @NoContentOperation({ summary: 'Delete a device group' })
  deleteDeviceGroup(@Param() { adom, group }: DeviceGroupParamsDto): Promise<void> {
    return this.service.delete(adom, group);
  }

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
