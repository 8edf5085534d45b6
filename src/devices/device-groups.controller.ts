import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { AdomParamsDto } from '../adoms/dto/adom.dto';
import { Authenticated } from '../auth/auth.decorators';
import { ApiProblemResponses } from '../common/errors/api-problem-responses.decorator';
import { Page, PageOf } from '../common/http/page.dto';
import { successStatus } from '../fortimanager/fmg-status.mapper';
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

@ApiTags('Devices')
@Controller('adoms/:adom/device-groups')
export class DeviceGroupsController {
  constructor(private readonly service: DeviceGroupsService) {}

  @Get()
  @Authenticated('read')
  @ApiOperation({ summary: 'List device groups', description: 'FMG: `get /dvmdb/adom/{adom}/group`.' })
  @ApiOkResponse({ type: PageOf(DeviceGroupDto) })
  @ApiProblemResponses(404)
  listDeviceGroups(
    @Param() { adom }: AdomParamsDto,
    @Query() query: ListQueryDto,
  ): Promise<Page<DeviceGroupDto>> {
    return this.service.list(adom, query);
  }

  @Get(':group')
  @Authenticated('read')
  @ApiOperation({ summary: 'Get a device group with its members' })
  @ApiOkResponse({ type: DeviceGroupDto })
  @ApiProblemResponses(404)
  getDeviceGroup(
    @Param() { adom, group }: DeviceGroupParamsDto,
    @Query() query: ReadQueryDto,
  ): Promise<DeviceGroupDto> {
    return this.service.get(adom, group, query);
  }

  @Post()
  @HttpCode(successStatus('create'))
  @Authenticated('write')
  @ApiOperation({ summary: 'Create a device group', description: 'FMG: `add /dvmdb/adom/{adom}/group`.' })
  @ApiCreatedResponse({ type: DeviceGroupDto })
  @ApiProblemResponses(404, 409, 422)
  createDeviceGroup(
    @Param() { adom }: AdomParamsDto,
    @Body() dto: CreateDeviceGroupDto,
  ): Promise<DeviceGroupDto> {
    return this.service.create(adom, dto);
  }

  @Patch(':group')
  @Authenticated('write')
  @ApiOperation({ summary: 'Update a device group (description, or the whole member list)' })
  @ApiOkResponse({ type: DeviceGroupDto })
  @ApiProblemResponses(404, 422)
  updateDeviceGroup(
    @Param() { adom, group }: DeviceGroupParamsDto,
    @Body() dto: UpdateDeviceGroupDto,
  ): Promise<DeviceGroupDto> {
    return this.service.update(adom, group, dto);
  }

  @Delete(':group')
  @HttpCode(successStatus('delete'))
  @Authenticated('write')
  @ApiOperation({ summary: 'Delete a device group' })
  @ApiNoContentResponse({ description: 'Deleted.' })
  @ApiProblemResponses(404, 409)
  deleteDeviceGroup(@Param() { adom, group }: DeviceGroupParamsDto): Promise<void> {
    return this.service.delete(adom, group);
  }

  @Post(':group/members')
  @Authenticated('write')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Add members to a device group',
    description:
      'FMG: `add /dvmdb/adom/{adom}/group/{group}/object member`. Members already in the group are kept once.',
  })
  @ApiOkResponse({ type: DeviceGroupDto })
  @ApiProblemResponses(404, 422)
  addDeviceGroupMembers(
    @Param() { adom, group }: DeviceGroupParamsDto,
    @Body() dto: DeviceGroupMembersDto,
  ): Promise<DeviceGroupDto> {
    return this.service.addMembers(adom, group, dto.members);
  }

  @Delete(':group/members/:device')
  @HttpCode(successStatus('delete'))
  @Authenticated('write')
  @ApiOperation({ summary: 'Remove a device (VDOM `?vdom=`, default root) from a device group' })
  @ApiNoContentResponse({ description: 'Removed (also when it was not a member).' })
  @ApiProblemResponses(404)
  removeDeviceGroupMember(
    @Param() { adom, group, device }: DeviceGroupMemberParamsDto,
    @Query() { vdom }: VdomQueryDto,
  ): Promise<void> {
    return this.service.removeMember(adom, group, device, vdom);
  }
}
