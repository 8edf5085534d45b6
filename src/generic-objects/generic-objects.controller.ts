import {
  applyDecorators,
  Body,
  Controller,
  Delete,
  Get,
  Param,
  Patch,
  Post,
  Put,
  Query,
  StreamableFile,
  Type,
} from '@nestjs/common';
import { ApiParam, ApiParamOptions, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { IfMatch } from '../common/http/if-match.decorator';
import { createValidationPipe } from '../common/validation/validation';
import { ListQueryDto } from '../translator/list-query.dto';
import { TableAnswer, type TableAnswerAs } from '../resources/table-answer';
import { ReadQueryDto } from '../translator/read-query.dto';
import {
  AdomObjectParamsDto,
  AdomTableParamsDto,
  DeviceGlobalObjectParamsDto,
  DeviceGlobalTableParamsDto,
  DeviceVdomObjectParamsDto,
  DeviceVdomTableParamsDto,
  GlobalObjectParamsDto,
  GlobalTableParamsDto,
} from './dto/generic-object.dto';
import { FmgObjectPipe } from './fmg-object.pipe';
import {
  ADOM_FAMILY,
  DEVICE_GLOBAL_FAMILY,
  DEVICE_VDOM_FAMILY,
  Family,
  FamilyCreate,
  FamilyDelete,
  FamilyGet,
  FamilyList,
  FamilyWrite,
  GLOBAL_FAMILY,
} from './generic-objects.openapi';
import { ConfigTarget, GenericObjectsService, type FmgList } from './generic-objects.service';
import { CLI_PATH_MAX_LENGTH, CLI_PATH_PATTERN, type FmgObject } from './generic-resource';

type Params = Record<string, string> & { table: string; name: string };

/** One generic route family: where it is mounted, how its path parameters are checked and located. */
interface GenericRoute {
  path: string;
  family: Family;
  tableParams: Type<object>;
  objectParams: Type<object>;
  target: (params: Params) => ConfigTarget;
}

/** The params differ per family, so they are validated by a pipe that is told their type. */
export const params = (type: Type<object>) => Param(createValidationPipe(type));

/**
 * Path parameters for OpenAPI: the validating pipe above hides the DTO type from Swagger, so the
 * parameters are declared here, with the same rules the DTOs enforce.
 */
const PATH_PARAMS: Record<string, ApiParamOptions> = {
  adom: {
    name: 'adom',
    description: 'ADOM name.',
    schema: { type: 'string', minLength: 1, maxLength: 64, example: 'root' },
  },
  device: {
    name: 'device',
    description: 'Device name (dvmdb).',
    schema: { type: 'string', minLength: 1, maxLength: 255, example: 'FGT-HQ-CLUSTER' },
  },
  vdom: {
    name: 'vdom',
    description: 'VDOM of the device.',
    schema: { type: 'string', minLength: 1, maxLength: 255, example: 'root' },
  },
  table: {
    name: 'table',
    description: 'FMG cli path, URL-encoded in one segment (`firewall%2Faddress`).',
    schema: {
      type: 'string',
      pattern: CLI_PATH_PATTERN,
      maxLength: CLI_PATH_MAX_LENGTH,
      example: 'firewall/address',
    },
  },
  name: {
    name: 'name',
    description: "The object's key (usually its name; `%2F` for `/`).",
    schema: { type: 'string', minLength: 1, maxLength: 255, example: 'net_10.0.0.0/24' },
  },
};

export function ApiPathParams(path: string) {
  const names = [...path.matchAll(/:(\w+)/g)].map((m) => m[1]);
  return applyDecorators(...names.map((n) => ApiParam({ ...PATH_PARAMS[n], required: true })));
}

/** The same six operations for each family; handlers stay one line, everything specific comes from the route. */
function GenericObjectsController(route: GenericRoute): Type<unknown> {
  const f = route.family;

  @ApiTags(f.tag)
  @Controller(route.path)
  class GenericController {
    constructor(readonly service: GenericObjectsService) {}

    @Get()
    @ApiPathParams(route.path)
    @FamilyList(f)
    list(
      @params(route.tableParams) p: Params,
      @Query() query: ListQueryDto,
      @CurrentPrincipal() who: Principal,
      @TableAnswer() as: TableAnswerAs,
    ): Promise<FmgList | StreamableFile> {
      return as.ndjson
        ? as.stream(this.service.stream(who, route.target(p), p.table, query))
        : this.service.list(who, route.target(p), p.table, query);
    }

    @Get(':name')
    @ApiPathParams(`${route.path}/:name`)
    @FamilyGet(f)
    get(
      @params(route.objectParams) p: Params,
      @Query() query: ReadQueryDto,
      @CurrentPrincipal() who: Principal,
    ): Promise<FmgObject> {
      return this.service.get(who, route.target(p), p.table, p.name, query);
    }

    @Post()
    @ApiPathParams(route.path)
    @FamilyCreate(f)
    create(
      @params(route.tableParams) p: Params,
      @Body(FmgObjectPipe) body: FmgObject,
      @CurrentPrincipal() who: Principal,
    ): Promise<FmgObject> {
      return this.service.create(who, route.target(p), p.table, body);
    }

    @Put(':name')
    @ApiPathParams(`${route.path}/:name`)
    @FamilyWrite(f, 'replace')
    replace(
      @params(route.objectParams) p: Params,
      @Body(FmgObjectPipe) body: FmgObject,
      @CurrentPrincipal() who: Principal,
      @IfMatch() ifMatch?: string,
    ): Promise<FmgObject> {
      return this.service.write('replace', who, route.target(p), p.table, p.name, body, ifMatch);
    }

    @Patch(':name')
    @ApiPathParams(`${route.path}/:name`)
    @FamilyWrite(f, 'update')
    update(
      @params(route.objectParams) p: Params,
      @Body(FmgObjectPipe) body: FmgObject,
      @CurrentPrincipal() who: Principal,
      @IfMatch() ifMatch?: string,
    ): Promise<FmgObject> {
      return this.service.write('update', who, route.target(p), p.table, p.name, body, ifMatch);
    }

    @Delete(':name')
    @ApiPathParams(`${route.path}/:name`)
    @FamilyDelete(f)
    delete(
      @params(route.objectParams) p: Params,
      @CurrentPrincipal() who: Principal,
      @IfMatch() ifMatch?: string,
    ): Promise<void> {
      return this.service.delete(who, route.target(p), p.table, p.name, ifMatch);
    }
  }

  Object.defineProperty(GenericController, 'name', { value: `${f.plural}Controller` });
  return GenericController;
}

export const GENERIC_CONTROLLERS = [
  GenericObjectsController({
    path: 'adoms/:adom/objects/:table',
    family: ADOM_FAMILY,
    tableParams: AdomTableParamsDto,
    objectParams: AdomObjectParamsDto,
    target: (p) => ({ scope: 'adom', adom: p.adom }),
  }),
  GenericObjectsController({
    path: 'global/objects/:table',
    family: GLOBAL_FAMILY,
    tableParams: GlobalTableParamsDto,
    objectParams: GlobalObjectParamsDto,
    target: () => ({ scope: 'global' }),
  }),
  GenericObjectsController({
    path: 'devices/:device/vdoms/:vdom/config/:table',
    family: DEVICE_VDOM_FAMILY,
    tableParams: DeviceVdomTableParamsDto,
    objectParams: DeviceVdomObjectParamsDto,
    target: (p) => ({ scope: 'device-vdom', device: p.device, vdom: p.vdom }),
  }),
  GenericObjectsController({
    path: 'devices/:device/global-config/:table',
    family: DEVICE_GLOBAL_FAMILY,
    tableParams: DeviceGlobalTableParamsDto,
    objectParams: DeviceGlobalObjectParamsDto,
    target: (p) => ({ scope: 'device-global', device: p.device }),
  }),
];
