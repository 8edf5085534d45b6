import { IfMatch } from '../common/http/if-match.decorator';
import { Body, Controller, Delete, Get, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { ListQueryDto } from '../translator/list-query.dto';
import { ReadQueryDto } from '../translator/read-query.dto';
import { DeviceVdomObjectParamsDto, DeviceVdomTableParamsDto } from './dto/generic-object.dto';
import { FmgObjectPipe } from './fmg-object.pipe';
import {
  DEVICE_VDOM_FAMILY,
  CreateOperation,
  DeleteOperation,
  GetOperation,
  ListOperation,
  ReplaceOperation,
  UpdateOperation,
} from './generic-objects.openapi';
import { GenericObjectsService, type FmgList } from './generic-objects.service';
import type { FmgObject } from './generic-resource';

/** A device's VDOM config (device DB) by cli path: `/devices/{device}/vdoms/{vdom}/config/router%2Fstatic`. */
@ApiTags(DEVICE_VDOM_FAMILY.tag)
@Controller('devices/:device/vdoms/:vdom/config/:table')
export class DeviceVdomConfigController {
  constructor(private readonly service: GenericObjectsService) {}

  @Get()
  @ListOperation(DEVICE_VDOM_FAMILY)
  listDeviceVdomConfig(
    @Param() { device, vdom, table }: DeviceVdomTableParamsDto,
    @Query() query: ListQueryDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<FmgList> {
    return this.service.list(principal, { scope: 'device-vdom', device, vdom }, table, query);
  }

  @Get(':name')
  @GetOperation(DEVICE_VDOM_FAMILY)
  getDeviceVdomConfigObject(
    @Param() { device, vdom, table, name }: DeviceVdomObjectParamsDto,
    @Query() query: ReadQueryDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<FmgObject> {
    return this.service.get(principal, { scope: 'device-vdom', device, vdom }, table, name, query);
  }

  @Post()
  @CreateOperation(DEVICE_VDOM_FAMILY)
  createDeviceVdomConfigObject(
    @Param() { device, vdom, table }: DeviceVdomTableParamsDto,
    @Body(FmgObjectPipe) body: FmgObject,
    @CurrentPrincipal() principal: Principal,
  ): Promise<FmgObject> {
    return this.service.create(principal, { scope: 'device-vdom', device, vdom }, table, body);
  }

  @Put(':name')
  @ReplaceOperation(DEVICE_VDOM_FAMILY)
  replaceDeviceVdomConfigObject(
    @Param() { device, vdom, table, name }: DeviceVdomObjectParamsDto,
    @Body(FmgObjectPipe) body: FmgObject,
    @CurrentPrincipal() principal: Principal,
    @IfMatch() ifMatch?: string,
  ): Promise<FmgObject> {
    return this.service.replace(
      principal,
      { scope: 'device-vdom', device, vdom },
      table,
      name,
      body,
      ifMatch,
    );
  }

  @Patch(':name')
  @UpdateOperation(DEVICE_VDOM_FAMILY)
  updateDeviceVdomConfigObject(
    @Param() { device, vdom, table, name }: DeviceVdomObjectParamsDto,
    @Body(FmgObjectPipe) body: FmgObject,
    @CurrentPrincipal() principal: Principal,
    @IfMatch() ifMatch?: string,
  ): Promise<FmgObject> {
    return this.service.update(principal, { scope: 'device-vdom', device, vdom }, table, name, body, ifMatch);
  }

  @Delete(':name')
  @DeleteOperation(DEVICE_VDOM_FAMILY)
  deleteDeviceVdomConfigObject(
    @Param() { device, vdom, table, name }: DeviceVdomObjectParamsDto,
    @CurrentPrincipal() principal: Principal,
    @IfMatch() ifMatch?: string,
  ): Promise<void> {
    return this.service.delete(principal, { scope: 'device-vdom', device, vdom }, table, name, ifMatch);
  }
}
