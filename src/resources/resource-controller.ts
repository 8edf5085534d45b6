import {
  applyDecorators,
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
  StreamableFile,
  Type,
} from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { badRequest } from '../common/errors/gateway-error';
import { ApiIfMatch } from '../common/http/etag.decorators';
import { IfMatch } from '../common/http/if-match.decorator';
import { Page } from '../common/http/page.dto';
import { successStatus } from '../common/http/success-status';
import { ListQueryDto } from '../translator/list-query.dto';
import { ReadQueryDto } from '../translator/read-query.dto';
import { TranslatorService, WriteOptions } from '../translator/translator.service';
import {
  CreateOperation,
  ListOperation,
  NoContentOperation,
  OperationSpec,
  ReadOperation,
  UpdateOperation,
} from './operations';
import type { PathParams, ResourceDeclaration, WriteSpec } from './resource';
import { TableAnswer, type TableAnswerAs } from './table-answer';

/**
 * The handler's decorators, listed as they would be stacked, when the declaration has the operation;
 * else none, so the handler is no route. Applied bottom-up like stacked ones (problem de-duplication
 * and parameter order depend on it).
 */
function declared(operation: unknown, decorators: () => MethodDecorator[]): MethodDecorator {
  return operation ? applyDecorators(...decorators().reverse()) : () => undefined;
}

/**
 * The parameter types Nest's validation and Swagger read (`design:paramtypes`): a handler shared by
 * every declaration cannot name its DTOs in its signature, so the declaration names them here.
 */
function ParamTypes(...types: Type<unknown>[]): MethodDecorator {
  return (target, key) => Reflect.defineMetadata('design:paramtypes', types, target, key);
}

/** What the operation decorators document of a declared operation, with its id. */
function doc(operationId: string, spec: OperationSpec): OperationSpec {
  const { summary, description, problems, answer } = spec;
  return { operationId, summary, description, problems, answer };
}

/** `a`, `a and/or b`, `a, b and/or c`. */
function fieldList(fields: string[]): string {
  const quoted = fields.map((f) => `\`${f}\``);
  return quoted.length < 2 ? quoted.join('') : `${quoted.slice(0, -1).join(', ')} and/or ${quoted.at(-1)}`;
}

/**
 * Serves a declared resource: list, get, create, replace, update and delete, those it declares,
 * each one translator call on the declared upstream urls and documented by the operation decorators.
 */
export function ResourceController<T>(decl: ResourceDeclaration<T>): Type<unknown> {
  const { key, resource, upstream, params, names } = decl;
  const member = `:${key}`;
  const mapRow = (p: PathParams) => decl.mapRow?.(p);
  const writeOptions = (p: PathParams, ifMatch?: string): WriteOptions<T> => ({
    ...(decl.workspace ? { adom: p.adom as string } : {}),
    ...(decl.ifMatch && ifMatch !== undefined ? { ifMatch } : {}),
    ...(decl.mapRow ? { mapRow: decl.mapRow(p) } : {}),
  });
  const ifMatchDoc = (): MethodDecorator[] => (decl.ifMatch ? [ApiIfMatch()] : []);
  /** PUT and PATCH of a member: the same decorators but for the route, the status and the spec. */
  const memberWrite = (method: 'replace' | 'update', route: MethodDecorator, spec: WriteSpec) => [
    route,
    HttpCode(successStatus(method)),
    ...ifMatchDoc(),
    UpdateOperation(decl.dto, doc(`${method}${names.one}`, spec)),
    ParamTypes(params.member, spec.input, String),
  ];

  @ApiTags(decl.tag)
  @Controller(decl.path)
  class DeclaredResourceController {
    constructor(readonly translator: TranslatorService) {}

    @declared(decl.list, () => [
      Get(),
      ListOperation(decl.dto, { ...doc(`list${names.many}`, decl.list!), stream: true }),
      ParamTypes(params.collection, ListQueryDto, Object),
    ])
    list(
      @Param() p: PathParams,
      @Query() query: ListQueryDto,
      @TableAnswer() as: TableAnswerAs,
    ): Promise<Page<T> | StreamableFile> {
      const row = mapRow(p);
      const options = row ? { mapRow: row } : {};
      return as.ndjson
        ? as.stream(this.translator.stream(resource, upstream.collection(p), query, options))
        : this.translator.list(resource, upstream.collection(p), query, options);
    }

    @declared(decl.get, () => [
      Get(member),
      ReadOperation(decl.dto, doc(`get${names.one}`, decl.get!)),
      ParamTypes(params.member, ReadQueryDto),
    ])
    get(@Param() p: PathParams, @Query() query: ReadQueryDto): Promise<T> {
      return this.translator.read(resource, upstream.member(p), query.fields, mapRow(p));
    }

    @declared(decl.create, () => [
      Post(),
      HttpCode(successStatus('create')),
      CreateOperation(decl.dto, {
        ...doc(`create${names.one}`, decl.create!),
        key: decl.create!.locationKey,
      }),
      ParamTypes(params.collection, decl.create!.input),
    ])
    create(@Param() p: PathParams, @Body() body: Record<string, unknown>): Promise<T> {
      const spec = decl.create!;
      const keyOf = spec.createdKey ?? ((b) => b.name as string);
      const memberOf = (echo: Record<string, unknown>) => ({ ...p, [key]: keyOf(body, echo) });
      const collection = spec.addTo?.(p, body) ?? upstream.collection(p);
      const options = decl.mapRow
        ? { ...writeOptions(p), mapRow: decl.mapRow(memberOf({})) }
        : writeOptions(p);
      return this.translator.createKeyed(
        resource,
        collection,
        spec.toUpstream?.(body, p) ?? body,
        (echo) => upstream.member(memberOf(echo)),
        options,
      );
    }

    @declared(decl.replace, () => memberWrite('replace', Put(member), decl.replace!))
    replace(
      @Param() p: PathParams,
      @Body() body: Record<string, unknown>,
      @IfMatch() ifMatch?: string,
    ): Promise<T> {
      const data = decl.replace!.toUpstream?.(body, p) ?? body;
      return this.translator.replace(resource, upstream.member(p), data, writeOptions(p, ifMatch));
    }

    @declared(decl.update, () => memberWrite('update', Patch(member), decl.update!))
    update(
      @Param() p: PathParams,
      @Body() body: Record<string, unknown>,
      @IfMatch() ifMatch?: string,
    ): Promise<T> {
      const spec = decl.update!;
      if (spec.oneOf && spec.oneOf.every((field) => body[field] === undefined)) {
        throw badRequest(`Nothing to update: send ${fieldList(spec.oneOf)}.`);
      }
      const data = spec.toUpstream?.(body, p) ?? body;
      return this.translator.update(resource, upstream.member(p), data, writeOptions(p, ifMatch));
    }

    @declared(decl.delete, () => [
      Delete(member),
      HttpCode(successStatus('delete')),
      ...ifMatchDoc(),
      NoContentOperation(doc(`delete${names.one}`, decl.delete!)),
      ParamTypes(params.member, String),
    ])
    delete(@Param() p: PathParams, @IfMatch() ifMatch?: string): Promise<void> {
      return this.translator.delete(resource, upstream.member(p), writeOptions(p, ifMatch));
    }
  }

  Object.defineProperty(DeclaredResourceController, 'name', { value: `${names.many}ResourceController` });
  return DeclaredResourceController;
}
