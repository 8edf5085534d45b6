import { applyDecorators, HttpCode } from '@nestjs/common';
import { getSchemaPath } from '@nestjs/swagger';
import { ApiIfMatch } from '../common/http/etag.decorators';
import { successStatus } from '../common/http/success-status';
import {
  type Answer,
  CreateOperation,
  ListOperation,
  NoContentOperation,
  ReadOperation,
  UpdateOperation,
} from '../resources/operations';
import { FMG_OBJECT_BODY_SCHEMA, FMG_OBJECT_SCHEMA, FmgObjectPageDto } from './dto/generic-object.dto';

/**
 * The OpenAPI side of one generic route family (ADOM, Global, device vdom, device global): the same
 * six operations, each naming its FMG url. The handlers stay in the controllers, one line each.
 */
export interface Family {
  /** OpenAPI tag (described in TAGS of src/openapi/openapi.document.ts). */
  tag: string;
  /** Object noun in summaries, e.g. `ADOM object`. */
  noun: string;
  /** FMG collection url with `{table}` for the cli path, e.g. `/pm/config/adom/{adom}/obj/{table}`. */
  url: string;
  /** Who may use the family, beyond the scope (every operation). */
  access: string;
  /** How writes meet workspace mode. */
  locking: string;
  /** Operation id stems: `list${plural}`, `get${singular}`, ... */
  plural: string;
  singular: string;
}

export const ADOM_FAMILY: Family = {
  tag: 'Generic ADOM objects',
  noun: 'ADOM object',
  plural: 'AdomObjects',
  singular: 'AdomObject',
  url: '/pm/config/adom/{adom}/obj/{table}',
  access: "The ADOM must be in the client's allow-list.",
  locking:
    'In workspace mode the ADOM is locked, the change committed and the lock released for you ' +
    '(or the write joins the open change set).',
};

export const GLOBAL_FAMILY: Family = {
  tag: 'Generic Global objects',
  noun: 'Global ADOM object',
  plural: 'GlobalObjects',
  singular: 'GlobalObject',
  url: '/pm/config/global/obj/{table}',
  access: "The client's ADOM allow-list must allow `global`.",
  locking:
    'The Global ADOM is not locked automatically yet: with workspace mode on, writes are refused (409).',
};

const DEVICE: Pick<Family, 'tag' | 'access' | 'locking'> = {
  tag: 'Generic device config',
  access:
    'For now only for clients allowed every ADOM (`adoms: ["*"]`): devices are not yet checked per ADOM.',
  locking: 'Device DB writes are not locked automatically yet.',
};

export const DEVICE_VDOM_FAMILY: Family = {
  noun: 'device VDOM config object',
  plural: 'DeviceVdomConfig',
  singular: 'DeviceVdomConfigObject',
  url: '/pm/config/device/{device}/vdom/{vdom}/{table}',
  ...DEVICE,
};

export const DEVICE_GLOBAL_FAMILY: Family = {
  noun: 'device global config object',
  plural: 'DeviceGlobalConfig',
  singular: 'DeviceGlobalConfigObject',
  url: '/pm/config/device/{device}/global/{table}',
  ...DEVICE,
};

const BODY = { schema: FMG_OBJECT_BODY_SCHEMA };
const OBJECT: Answer = { schema: FMG_OBJECT_SCHEMA };
const a = (noun: string) => `${/^[aeiou]/i.test(noun) ? 'an' : 'a'} ${noun}`;
const NAME_WINS = 'A `name` in the body yields to the key in the path.';

/*
 * The family's six operations, declared with the same decorators as every other resource; they differ
 * from the typed ones only in answering raw FMG objects (a schema rather than a DTO class).
 */

export function FamilyList(f: Family) {
  return ListOperation(
    {
      schema: { anyOf: [{ $ref: getSchemaPath(FmgObjectPageDto) }, FMG_OBJECT_SCHEMA] },
      models: [FmgObjectPageDto],
    },
    {
      operationId: `list${f.plural}`,
      summary: `List ${f.noun}s (get ${f.url})`,
      description:
        `FMG: \`get ${f.url}\` batched with \`option: count\` for \`total\`. \`table\` is the cli path ` +
        '(`firewall%2Faddress`). `fields`, `sort` and `filter` take FMG attribute names as they are ' +
        '(lower-case letters, digits, space, `_`, `-`). Lists leave sub-tables out (FMG `loadsub: 0`): ' +
        'read the object for them. A path that is a single object rather than a table (e.g. the device ' +
        `\`system/dns\`) answers with the object itself. ${f.access}`,
      answer: 'A page of objects, or the object of a single-object path.',
      stream: true,
    },
  );
}

export function FamilyGet(f: Family) {
  return ReadOperation(OBJECT, {
    operationId: `get${f.singular}`,
    summary: `Get ${a(f.noun)} (get ${f.url}/{name})`,
    description: `FMG: \`get ${f.url}/{name}\`, attributes as FMG has them. ${f.access}`,
    answer: 'The object; its `ETag` header serves `If-Match`.',
  });
}

export function FamilyCreate(f: Family) {
  return applyDecorators(
    HttpCode(successStatus('create')),
    CreateOperation(OBJECT, {
      operationId: `create${f.singular}`,
      summary: `Create ${a(f.noun)} (add ${f.url})`,
      description:
        `FMG: \`add ${f.url}\` with the body as it is (tables differ in their key: \`name\`, \`seq-num\`, ...; ` +
        'FMG assigns some). The new object is then read back under the key FMG echoes. ' +
        `${f.locking} ${f.access}`,
      body: BODY,
      answer: 'The object as FMG stored it; `Location` names it under the key FMG echoed.',
      problems: [404, 409, 422, 423],
    }),
  );
}

/** How the two writes of a member differ: the summary's verb, FMG's method and what it does to the rest. */
const WRITES = {
  replace: { verb: 'Create or replace', fmg: 'set', effect: '; omitted attributes fall back to defaults.' },
  update: { verb: 'Update', fmg: 'update', effect: ' (partial).' },
};

export function FamilyWrite(f: Family, method: keyof typeof WRITES) {
  const { verb, fmg, effect } = WRITES[method];
  return applyDecorators(
    HttpCode(successStatus(method)),
    ApiIfMatch(),
    UpdateOperation(OBJECT, {
      operationId: `${method}${f.singular}`,
      summary: `${verb} ${a(f.noun)} (${fmg} ${f.url}/{name})`,
      description: `FMG: \`${fmg} ${f.url}/{name}\`${effect} ${NAME_WINS} ${f.locking} ${f.access}`,
      body: BODY,
      problems: [404, 409, 422, 423],
    }),
  );
}

export function FamilyDelete(f: Family) {
  return applyDecorators(
    HttpCode(successStatus('delete')),
    ApiIfMatch(),
    NoContentOperation({
      operationId: `delete${f.singular}`,
      summary: `Delete ${a(f.noun)} (delete ${f.url}/{name})`,
      description: `FMG: \`delete ${f.url}/{name}\`; 409 while something uses it. ${f.locking} ${f.access}`,
      problems: [404, 409, 423],
    }),
  );
}
