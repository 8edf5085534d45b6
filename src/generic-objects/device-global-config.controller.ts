import { IfMatch } from '../common/http/if-match.decorator';
import { Body, Controller, Delete, Get, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { ListQueryDto } from '../translator/list-query.dto';
import { ReadQueryDto } from '../translator/read-query.dto';
import { DeviceGlobalObjectParamsDto, DeviceGlobalTableParamsDto } from './dto/generic-object.dto';
import { FmgObjectPipe } from './fmg-object.pipe';
import {
  DEVICE_GLOBAL_FAMILY,
  CreateOperation,
  DeleteOperation,
  GetOperation,
  ListOperation,
  ReplaceOperation,
  UpdateOperation,
} from './generic-objects.openapi';
import { GenericObjectsService, type FmgList } from './generic-objects.service';
import type { FmgObject } from './generic-resource';

/** A device's global config (device DB) by cli path: `/devices/{device}/global-config/system%2Finterface`. */
@ApiTags(DEVICE_GLOBAL_FAMILY.tag)
@Controller('devices/:device/global-config/:table')
export class DeviceGlobalConfigController {
  constructor(private readonly service: GenericObjectsService) {}

  @Get()
  @ListOperation(DEVICE_GLOBAL_FAMILY)
  listDeviceGlobalConfig(
    @Param() { device, table }: DeviceGlobalTableParamsDto,
    @Query() query: ListQueryDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<FmgList> {
    return this.service.list(principal, { scope: 'device-global', device }, table, query);
  }

  @Get(':name')
  @GetOperation(DEVICE_GLOBAL_FAMILY)
  getDeviceGlobalConfigObject(
    @Param() { device, table, name }: DeviceGlobalObjectParamsDto,
    @Query() query: ReadQueryDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<FmgObject> {
    return this.service.get(principal, { scope: 'device-global', device }, table, name, query);
  }

  @Post()
  @CreateOperation(DEVICE_GLOBAL_FAMILY)
  createDeviceGlobalConfigObject(
    @Param() { device, table }: DeviceGlobalTableParamsDto,
    @Body(FmgObjectPipe) body: FmgObject,
    @CurrentPrincipal() principal: Principal,
  ): Promise<FmgObject> {
    return this.service.create(principal, { scope: 'device-global', device }, table, body);
  }

  @Put(':name')
  @ReplaceOperation(DEVICE_GLOBAL_FAMILY)
  replaceDeviceGlobalConfigObject(
    @Param() { device, table, name }: DeviceGlobalObjectParamsDto,
    @Body(FmgObjectPipe) body: FmgObject,
    @CurrentPrincipal() principal: Principal,
    @IfMatch() ifMatch?: string,
  ): Promise<FmgObject> {
    return this.service.replace(principal, { scope: 'device-global', device }, table, name, body, ifMatch);
  }

  @Patch(':name')
  @UpdateOperation(DEVICE_GLOBAL_FAMILY)
  updateDeviceGlobalConfigObject(
    @Param() { device, table, name }: DeviceGlobalObjectParamsDto,
    @Body(FmgObjectPipe) body: FmgObject,
    @CurrentPrincipal() principal: Principal,
    @IfMatch() ifMatch?: string,
  ): Promise<FmgObject> {
    return this.service.update(principal, { scope: 'device-global', device }, table, name, body, ifMatch);
  }

  @Delete(':name')
  @DeleteOperation(DEVICE_GLOBAL_FAMILY)
  deleteDeviceGlobalConfigObject(
    @Param() { device, table, name }: DeviceGlobalObjectParamsDto,
    @CurrentPrincipal() principal: Principal,
    @IfMatch() ifMatch?: string,
  ): Promise<void> {
    return this.service.delete(principal, { scope: 'device-global', device }, table, name, ifMatch);
  }
}
