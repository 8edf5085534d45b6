import { Controller, Get, Type } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { ReadOperation } from '../resources/operations';
import { SchemaTableDto, SchemaTablesDto } from '../schema/dto/schema.dto';
import { SchemaService } from '../schema/schema.service';
import { describeTable } from '../schema/table-schema';
import {
  AdomParamsDto,
  AdomTableParamsDto,
  DeviceGlobalTableParamsDto,
  DeviceParamsDto,
  DeviceVdomParamsDto,
  DeviceVdomTableParamsDto,
  GlobalTableParamsDto,
} from './dto/generic-object.dto';
import { ApiPathParams, params } from './generic-objects.controller';
import {
  ADOM_FAMILY,
  DEVICE_GLOBAL_FAMILY,
  DEVICE_VDOM_FAMILY,
  Family,
  GLOBAL_FAMILY,
} from './generic-objects.openapi';
import { authorize, type ConfigTarget } from './generic-objects.service';
import { assertCliPath } from './generic-resource';

type Params = Record<string, string> & { table: string };

/** Where one database's schema is mounted and which generic family it describes. */
interface SchemaRoute {
  path: string;
  family: Family;
  /** FMG url asked with `option: syntax`. */
  url: string;
  listParams: Type<object> | undefined;
  tableParams: Type<object>;
  target: (params: Params) => ConfigTarget;
}

const SYNTAX = (url: string) =>
  `FMG: \`get ${url}\` with \`option: syntax\`, fetched once per firmware version (\`/sys/status\` is ` +
  'asked on every call here, so an upgrade shows at once) and kept in memory and shared state.';

/** The schema routes of one database: its tables, and one table's attributes. */
function SchemaController(route: SchemaRoute): Type<unknown> {
  const f = route.family;
  const list = route.listParams ? params(route.listParams) : () => () => undefined;

  @ApiTags(f.tag)
  @Controller(route.path)
  class GeneratedSchemaController {
    constructor(readonly schema: SchemaService) {}

    @Get()
    @ApiPathParams(route.path)
    @ReadOperation(SchemaTablesDto, {
      summary: `Tables of the ${f.noun} database, from the upstream's own schema`,
      description: SYNTAX(route.url),
      operationId: `list${f.singular}SchemaTables`,
    })
    async tables(@list p: Params, @CurrentPrincipal() who: Principal): Promise<SchemaTablesDto> {
      const target = route.target(p ?? {});
      authorize(who, target);
      const db = await this.schema.database(target, true);
      const tables = [...db.tables.values()]
        .map(({ table, key, limit, attributes }) => ({ table, key, limit, attributes: attributes.length }))
        .sort((a, b) => a.table.localeCompare(b.table));
      return { version: db.version, tables };
    }

    @Get(':table')
    @ApiPathParams(`${route.path}/:table`)
    @ReadOperation(SchemaTableDto, {
      summary: `Attributes of one ${f.noun} table: type, enum values, ranges, lengths, references, defaults`,
      description: SYNTAX(route.url),
      operationId: `get${f.singular}SchemaTable`,
    })
    async table(
      @params(route.tableParams) p: Params,
      @CurrentPrincipal() who: Principal,
    ): Promise<SchemaTableDto> {
      const target = route.target(p);
      authorize(who, target);
      const table = await this.schema.table(target, assertCliPath(p.table), true);
      return { version: await this.schema.currentVersion(), ...describeTable(table) };
    }
  }

  Object.defineProperty(GeneratedSchemaController, 'name', { value: `${f.singular}SchemaController` });
  return GeneratedSchemaController;
}

export const SCHEMA_CONTROLLERS = [
  SchemaController({
    path: 'adoms/:adom/schema',
    family: ADOM_FAMILY,
    url: '/pm/config/adom/{adom}/obj',
    listParams: AdomParamsDto,
    tableParams: AdomTableParamsDto,
    target: (p) => ({ scope: 'adom', adom: p.adom }),
  }),
  SchemaController({
    path: 'global/schema',
    family: GLOBAL_FAMILY,
    url: '/pm/config/global/obj',
    listParams: undefined,
    tableParams: GlobalTableParamsDto,
    target: () => ({ scope: 'global' }),
  }),
  SchemaController({
    path: 'devices/:device/vdoms/:vdom/schema',
    family: DEVICE_VDOM_FAMILY,
    url: '/pm/config/device/{device}/vdom/{vdom}',
    listParams: DeviceVdomParamsDto,
    tableParams: DeviceVdomTableParamsDto,
    target: (p) => ({ scope: 'device-vdom', device: p.device, vdom: p.vdom }),
  }),
  SchemaController({
    path: 'devices/:device/global-schema',
    family: DEVICE_GLOBAL_FAMILY,
    url: '/pm/config/device/{device}/global',
    listParams: DeviceParamsDto,
    tableParams: DeviceGlobalTableParamsDto,
    target: (p) => ({ scope: 'device-global', device: p.device }),
  }),
];
