import { IfMatch } from '../common/http/if-match.decorator';
import { Body, Controller, Delete, Get, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { ListQueryDto } from '../translator/list-query.dto';
import { ReadQueryDto } from '../translator/read-query.dto';
import { AdomObjectParamsDto, AdomTableParamsDto } from './dto/generic-object.dto';
import { FmgObjectPipe } from './fmg-object.pipe';
import {
  ADOM_FAMILY,
  CreateOperation,
  DeleteOperation,
  GetOperation,
  ListOperation,
  ReplaceOperation,
  UpdateOperation,
} from './generic-objects.openapi';
import { GenericObjectsService, type FmgList } from './generic-objects.service';
import type { FmgObject } from './generic-resource';

/** Any ADOM object table by cli path: `/adoms/{adom}/objects/firewall%2Faddress[/{name}]`. */
@ApiTags(ADOM_FAMILY.tag)
@Controller('adoms/:adom/objects/:table')
export class AdomObjectsController {
  constructor(private readonly service: GenericObjectsService) {}

  @Get()
  @ListOperation(ADOM_FAMILY)
  listAdomObjects(
    @Param() { adom, table }: AdomTableParamsDto,
    @Query() query: ListQueryDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<FmgList> {
    return this.service.list(principal, { scope: 'adom', adom }, table, query);
  }

  @Get(':name')
  @GetOperation(ADOM_FAMILY)
  getAdomObject(
    @Param() { adom, table, name }: AdomObjectParamsDto,
    @Query() query: ReadQueryDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<FmgObject> {
    return this.service.get(principal, { scope: 'adom', adom }, table, name, query);
  }

  @Post()
  @CreateOperation(ADOM_FAMILY)
  createAdomObject(
    @Param() { adom, table }: AdomTableParamsDto,
    @Body(FmgObjectPipe) body: FmgObject,
    @CurrentPrincipal() principal: Principal,
  ): Promise<FmgObject> {
    return this.service.create(principal, { scope: 'adom', adom }, table, body);
  }

  @Put(':name')
  @ReplaceOperation(ADOM_FAMILY)
  replaceAdomObject(
    @Param() { adom, table, name }: AdomObjectParamsDto,
    @Body(FmgObjectPipe) body: FmgObject,
    @CurrentPrincipal() principal: Principal,
    @IfMatch() ifMatch?: string,
  ): Promise<FmgObject> {
    return this.service.replace(principal, { scope: 'adom', adom }, table, name, body, ifMatch);
  }

  @Patch(':name')
  @UpdateOperation(ADOM_FAMILY)
  updateAdomObject(
    @Param() { adom, table, name }: AdomObjectParamsDto,
    @Body(FmgObjectPipe) body: FmgObject,
    @CurrentPrincipal() principal: Principal,
    @IfMatch() ifMatch?: string,
  ): Promise<FmgObject> {
    return this.service.update(principal, { scope: 'adom', adom }, table, name, body, ifMatch);
  }

  @Delete(':name')
  @DeleteOperation(ADOM_FAMILY)
  deleteAdomObject(
    @Param() { adom, table, name }: AdomObjectParamsDto,
    @CurrentPrincipal() principal: Principal,
    @IfMatch() ifMatch?: string,
  ): Promise<void> {
    return this.service.delete(principal, { scope: 'adom', adom }, table, name, ifMatch);
  }
}
