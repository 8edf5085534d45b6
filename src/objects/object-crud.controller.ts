import { IfMatch } from '../common/http/if-match.decorator';
import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Put,
  Query,
  Type,
  ValidationPipe,
} from '@nestjs/common';
import {
  ApiBody,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { AdomParamsDto } from '../adoms/dto/adom.dto';
import { Authenticated } from '../auth/auth.decorators';
import { ApiProblemResponses } from '../common/errors/api-problem-responses.decorator';
import { ApiIfMatch } from '../common/http/etag.decorators';
import { Page, PageOf } from '../common/http/page.dto';
import { createValidationPipe } from '../common/validation/validation';
import { IsFmgName } from '../common/validation/decorators';
import { successStatus } from '../fortimanager/fmg-status.mapper';
import { ListQueryDto } from '../translator/list-query.dto';
import { ReadQueryDto } from '../translator/read-query.dto';
import { WhereUsedDto } from './dto/where-used.dto';
import { ObjectTypeSpec } from './object-type';
import { ObjectsService } from './objects.service';
import { LocatedCreate, LOCATION_HEADER } from '../common/http/created-location';

export class ObjectParamsDto {
  @IsFmgName({ description: 'ADOM name.', example: 'root', maxLength: 64 })
  adom!: string;

  @IsFmgName({ description: 'Object name; encode `/` as `%2F`.', example: 'web-01' })
  name!: string;
}

/** English plural of a label ("firewall address" → "firewall addresses"). */
function plural(label: string): string {
  return /(s|x|ch|sh)$/.test(label) ? `${label}es` : `${label}s`;
}

/** The body types differ per spec, so they are validated by a pipe that is told the type. */
function bodyOf(type: Type<object>): ValidationPipe {
  return createValidationPipe(type);
}

/**
 * One REST resource per ObjectTypeSpec: list, get, create, replace, update, delete, where-used.
 * Handlers stay one line; everything specific comes from the spec.
 */
export function ObjectCrudController<T>(spec: ObjectTypeSpec<T>): Type<unknown> {
  const fmgPath = `/pm/config/adom/{adom}/obj/${spec.cliPath}`;
  const label = spec.resource.label;

  @ApiTags(spec.tag)
  @Controller(`adoms/:adom/${spec.route}`)
  class ObjectController {
    constructor(readonly service: ObjectsService) {}

    @Get()
    @Authenticated('read')
    @ApiOperation({
      operationId: `list${spec.plural}`,
      summary: `List ${plural(label)}`,
      description: `FMG: \`get ${fmgPath}\`.`,
    })
    @ApiOkResponse({ type: PageOf(spec.dto) })
    @ApiProblemResponses(404)
    list(@Param() { adom }: AdomParamsDto, @Query() query: ListQueryDto): Promise<Page<T>> {
      return this.service.list(spec, adom, query);
    }

    @Get(':name')
    @Authenticated('read')
    @ApiOperation({
      operationId: `get${spec.singular}`,
      summary: `Get a ${label}`,
      description: `FMG: \`get ${fmgPath}/{name}\`.`,
    })
    @ApiOkResponse({ type: spec.dto, description: 'The object; its `ETag` header serves `If-Match`.' })
    @ApiProblemResponses(404)
    get(@Param() { adom, name }: ObjectParamsDto, @Query() query: ReadQueryDto): Promise<T> {
      return this.service.get(spec, adom, name, query);
    }

    @Get(':name/where-used')
    @Authenticated('read')
    @ApiOperation({
      operationId: `get${spec.singular}WhereUsed`,
      summary: `Where a ${label} is used`,
      description: 'Groups and firewall policies (all packages of the ADOM) that reference it.',
    })
    @ApiOkResponse({ type: WhereUsedDto })
    @ApiProblemResponses(404)
    whereUsed(@Param() { adom, name }: ObjectParamsDto): Promise<WhereUsedDto> {
      return this.service.whereUsed(spec, adom, name);
    }

    @Post()
    @HttpCode(successStatus('create'))
    @Authenticated('write')
    @ApiOperation({
      operationId: `create${spec.singular}`,
      summary: `Create a ${label}`,
      description: `FMG: \`add ${fmgPath}\`.`,
    })
    @ApiBody({ type: spec.createDto })
    @ApiCreatedResponse({ type: spec.dto, headers: LOCATION_HEADER })
    @LocatedCreate()
    @ApiProblemResponses(404, 409, 422, 423)
    create(
      @Param() { adom }: AdomParamsDto,
      @Body(bodyOf(spec.createDto)) dto: { name: string },
    ): Promise<T> {
      return this.service.create(spec, adom, dto);
    }

    @Put(':name')
    @HttpCode(successStatus('replace'))
    @Authenticated('write')
    @ApiIfMatch()
    @ApiOperation({
      operationId: `replace${spec.singular}`,
      summary: `Create or replace a ${label}`,
      description: 'FMG: `set`.',
    })
    @ApiBody({ type: spec.replaceDto })
    @ApiOkResponse({ type: spec.dto })
    @ApiProblemResponses(404, 409, 422, 423)
    replace(
      @Param() { adom, name }: ObjectParamsDto,
      @Body(bodyOf(spec.replaceDto)) dto: object,
      @IfMatch() ifMatch?: string,
    ): Promise<T> {
      return this.service.replace(spec, adom, name, dto, ifMatch);
    }

    @Patch(':name')
    @HttpCode(successStatus('update'))
    @Authenticated('write')
    @ApiIfMatch()
    @ApiOperation({
      operationId: `update${spec.singular}`,
      summary: `Update a ${label}`,
      description: 'FMG: `update`.',
    })
    @ApiBody({ type: spec.updateDto })
    @ApiOkResponse({ type: spec.dto })
    @ApiProblemResponses(404, 409, 422, 423)
    update(
      @Param() { adom, name }: ObjectParamsDto,
      @Body(bodyOf(spec.updateDto)) dto: object,
      @IfMatch() ifMatch?: string,
    ): Promise<T> {
      return this.service.update(spec, adom, name, dto, ifMatch);
    }

    @Delete(':name')
    @HttpCode(successStatus('delete'))
    @Authenticated('write')
    @ApiIfMatch()
    @ApiOperation({
      operationId: `delete${spec.singular}`,
      summary: `Delete a ${label}`,
      description: 'FMG: `delete`. 409 while something uses it (see where-used).',
    })
    @ApiNoContentResponse({ description: 'Deleted.' })
    @ApiProblemResponses(404, 409, 423)
    delete(@Param() { adom, name }: ObjectParamsDto, @IfMatch() ifMatch?: string): Promise<void> {
      return this.service.delete(spec, adom, name, ifMatch);
    }
  }

  Object.defineProperty(ObjectController, 'name', { value: `${spec.plural}Controller` });
  return ObjectController;
}
