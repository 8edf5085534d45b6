import { IfMatch } from '../common/http/if-match.decorator';
import { Body, Controller, Delete, Get, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { ListQueryDto } from '../translator/list-query.dto';
import { ReadQueryDto } from '../translator/read-query.dto';
import { GlobalObjectParamsDto, GlobalTableParamsDto } from './dto/generic-object.dto';
import { FmgObjectPipe } from './fmg-object.pipe';
import {
  GLOBAL_FAMILY,
  CreateOperation,
  DeleteOperation,
  GetOperation,
  ListOperation,
  ReplaceOperation,
  UpdateOperation,
} from './generic-objects.openapi';
import { GenericObjectsService, type FmgList } from './generic-objects.service';
import type { FmgObject } from './generic-resource';

/** Any Global ADOM object table by cli path: `/global/objects/firewall%2Faddress[/{name}]`. */
@ApiTags(GLOBAL_FAMILY.tag)
@Controller('global/objects/:table')
export class GlobalObjectsController {
  constructor(private readonly service: GenericObjectsService) {}

  @Get()
  @ListOperation(GLOBAL_FAMILY)
  listGlobalObjects(
    @Param() { table }: GlobalTableParamsDto,
    @Query() query: ListQueryDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<FmgList> {
    return this.service.list(principal, { scope: 'global' }, table, query);
  }

  @Get(':name')
  @GetOperation(GLOBAL_FAMILY)
  getGlobalObject(
    @Param() { table, name }: GlobalObjectParamsDto,
    @Query() query: ReadQueryDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<FmgObject> {
    return this.service.get(principal, { scope: 'global' }, table, name, query);
  }

  @Post()
  @CreateOperation(GLOBAL_FAMILY)
  createGlobalObject(
    @Param() { table }: GlobalTableParamsDto,
    @Body(FmgObjectPipe) body: FmgObject,
    @CurrentPrincipal() principal: Principal,
  ): Promise<FmgObject> {
    return this.service.create(principal, { scope: 'global' }, table, body);
  }

  @Put(':name')
  @ReplaceOperation(GLOBAL_FAMILY)
  replaceGlobalObject(
    @Param() { table, name }: GlobalObjectParamsDto,
    @Body(FmgObjectPipe) body: FmgObject,
    @CurrentPrincipal() principal: Principal,
    @IfMatch() ifMatch?: string,
  ): Promise<FmgObject> {
    return this.service.replace(principal, { scope: 'global' }, table, name, body, ifMatch);
  }

  @Patch(':name')
  @UpdateOperation(GLOBAL_FAMILY)
  updateGlobalObject(
    @Param() { table, name }: GlobalObjectParamsDto,
    @Body(FmgObjectPipe) body: FmgObject,
    @CurrentPrincipal() principal: Principal,
    @IfMatch() ifMatch?: string,
  ): Promise<FmgObject> {
    return this.service.update(principal, { scope: 'global' }, table, name, body, ifMatch);
  }

  @Delete(':name')
  @DeleteOperation(GLOBAL_FAMILY)
  deleteGlobalObject(
    @Param() { table, name }: GlobalObjectParamsDto,
    @CurrentPrincipal() principal: Principal,
    @IfMatch() ifMatch?: string,
  ): Promise<void> {
    return this.service.delete(principal, { scope: 'global' }, table, name, ifMatch);
  }
}
