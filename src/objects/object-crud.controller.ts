import { Controller, Get, Param, Type } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AdomParamsDto } from '../adoms/dto/adom.dto';
import { WithName } from '../common/validation/decorators';
import { ReadOperation } from '../resources/operations';
import { declareResource, plural, ResourceDeclaration } from '../resources/resource';
import { WhereUsedDto } from './dto/where-used.dto';
import { ObjectTypeSpec } from './object-type';
import { ObjectsService, tableUrl } from './objects.service';

export class ObjectParamsDto extends WithName(AdomParamsDto, 'name', {
  description: 'Object name; encode `/` as `%2F`.',
  example: 'web-01',
}) {}

/** The CRUD of one typed object family, declared from its spec and served by ResourceController. */
export function objectResource<T>(spec: ObjectTypeSpec<T>): ResourceDeclaration<T> {
  const fmgPath = `/pm/config/adom/{adom}/obj/${spec.cliPath}`;
  const label = spec.resource.label;
  const problems = [404, 409, 422, 423];
  return declareResource({
    route: `adoms/:adom/${spec.route}/:name`,
    tag: spec.tag,
    names: { one: spec.singular, many: spec.plural },
    resource: spec.resource,
    dto: spec.dto,
    params: [AdomParamsDto, ObjectParamsDto],
    upstream: ({ adom }) => tableUrl(spec, adom),
    workspace: true,
    ifMatch: true,
    list: { summary: `List ${plural(label)}`, description: `FMG: \`get ${fmgPath}\`.` },
    get: {
      summary: `Get a ${label}`,
      description: `FMG: \`get ${fmgPath}/{name}\`.`,
      answer: 'The object; its `ETag` header serves `If-Match`.',
    },
    create: {
      summary: `Create a ${label}`,
      description: `FMG: \`add ${fmgPath}\`.`,
      problems,
      input: spec.createDto,
      toUpstream: (dto) => ({ ...spec.defaults, ...dto }),
    },
    replace: {
      summary: `Create or replace a ${label}`,
      description: 'FMG: `set`.',
      problems,
      input: spec.replaceDto,
      toUpstream: (dto, { name }) => ({ ...spec.defaults, ...dto, name }),
    },
    update: { summary: `Update a ${label}`, description: 'FMG: `update`.', problems, input: spec.updateDto },
    delete: {
      summary: `Delete a ${label}`,
      description: 'FMG: `delete`. 409 while something uses it (see where-used).',
      problems: [404, 409, 423],
    },
  });
}

/** Hand-written: "where used" searches groups and every package's policies, no CRUD (CRUD: objectResource). */
export function WhereUsedController<T>(spec: ObjectTypeSpec<T>): Type<unknown> {
  @ApiTags(spec.tag)
  @Controller(`adoms/:adom/${spec.route}`)
  class ObjectWhereUsedController {
    constructor(readonly service: ObjectsService) {}

    @Get(':name/where-used')
    @ReadOperation(WhereUsedDto, {
      operationId: `get${spec.singular}WhereUsed`,
      summary: `Where a ${spec.resource.label} is used`,
      description: 'Groups and firewall policies (all packages of the ADOM) that reference it.',
    })
    whereUsed(@Param() { adom, name }: ObjectParamsDto): Promise<WhereUsedDto> {
      return this.service.whereUsed(spec, adom, name);
    }
  }

  Object.defineProperty(ObjectWhereUsedController, 'name', { value: `${spec.plural}WhereUsedController` });
  return ObjectWhereUsedController;
}
