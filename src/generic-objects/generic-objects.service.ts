import { Injectable } from '@nestjs/common';
import { forbidden } from '../auth/auth.guard';
import { adomAllowed, allowsEveryAdom, Principal } from '../auth/principal';
import { upstreamProtocolError } from '../common/errors/gateway-error';
import { Page } from '../common/http/page.dto';
import { fmgUrl, PathValue } from '../upstream/dialects/fmg-url';
import { ListQueryDto } from '../translator/list-query.dto';
import { ReadQueryDto } from '../translator/read-query.dto';
import { TranslatorService } from '../translator/translator.service';
import type { TableStream } from '../translator/table-stream';
import { asIs, assertCliPath, FmgObject, identityResource, openResource } from './generic-resource';
import { withCreatedKey } from '../common/http/created-location';
import { SchemaService, type SchemaDatabase } from '../schema/schema.service';

/** Where a generic table lives. Global and device tables are not ADOM tables and are not auto-locked. */
export type ConfigTarget = SchemaDatabase;

/** A list answer: a page, or the object itself for a single-object path such as `system/dns`. */
export type FmgList = Page<FmgObject> | FmgObject;

/** The Global ADOM's name in allow-lists. */
export const GLOBAL_ADOM = 'global';

interface Located {
  label: string;
  /** The collection url, or the member url when a key is given. */
  url: (key?: string | number) => string;
  /** The ADOM whose workspace mode governs writes; undefined = written directly. */
  lockAdom?: string;
}

/**
 * Any FMG object table by cli path: ADOM objects, Global ADOM objects and the device DB. The typed
 * resources' machinery does the work (query translation, read-back, If-Match, workspace locks); what
 * is generic is only the field map, built per request with FMG's attribute names as they are.
 */
@Injectable()
export class GenericObjectsService {
  constructor(
    private readonly translator: TranslatorService,
    private readonly schema: SchemaService,
  ) {}

  /** get (one page) batched with get option=count; a single-object path answers with the object. */
  async list(
    principal: Principal,
    target: ConfigTarget,
    table: string,
    query: ListQueryDto,
  ): Promise<FmgList> {
    const { def, url } = await this.table(principal, target, table);
    return this.translator.listOrObject(def, url, query, { mapRow: asIs });
  }

  /** Every row as a stream (NDJSON); a single-object path streams its object. */
  async stream(
    principal: Principal,
    target: ConfigTarget,
    table: string,
    query: ListQueryDto,
  ): Promise<TableStream<FmgObject>> {
    const { def, url } = await this.table(principal, target, table);
    return this.translator.stream(def, url, query, { mapRow: asIs });
  }

  private async table(principal: Principal, target: ConfigTarget, table: string) {
    const at = this.locate(principal, target, table);
    return { def: openResource(at.label, await this.schema.tableFor(target, table)), url: at.url() };
  }

  async get(
    principal: Principal,
    target: ConfigTarget,
    table: string,
    name: string,
    query: ReadQueryDto,
  ): Promise<FmgObject> {
    const at = this.locate(principal, target, table);
    const def = openResource(at.label, await this.schema.tableFor(target, table));
    return this.translator.read(def, at.url(name), query.fields, asIs);
  }

  /**
   * add on the collection, then the new object is read back under the key FMG echoes (`{"name": ...}`,
   * `{"seq-num": 2}`): tables differ in their key, and some assign it (seq-num, policyid).
   */
  async create(
    principal: Principal,
    target: ConfigTarget,
    table: string,
    body: FmgObject,
  ): Promise<FmgObject> {
    const at = this.locate(principal, target, table);
    await this.schema.checkWrite(target, table, body);
    const def = identityResource(at.label, Object.keys(body));
    let key: string | number | undefined;
    const memberUrl = (echo: FmgObject) => at.url((key = createdKey(echo, body)));
    const created = await this.translator.createKeyed(def, at.url(), body, memberUrl, {
      adom: at.lockAdom,
      mapRow: asIs,
    });
    // The key FMG echoed (`name`, `seq-num`, ...) for the Location header; not part of the body.
    return withCreatedKey(created, key);
  }

  /**
   * `replace` (set) or `update` (partial) on the member url; a `name` in the body yields to the one
   * in the path (no renames).
   */
  async write(
    method: 'replace' | 'update',
    principal: Principal,
    target: ConfigTarget,
    table: string,
    name: string,
    body: FmgObject,
    ifMatch?: string,
  ): Promise<FmgObject> {
    const at = this.locate(principal, target, table);
    const data = pathNameWins(body, name);
    await this.schema.checkWrite(target, table, data);
    const def = identityResource(at.label, Object.keys(data));
    return this.translator[method](def, at.url(name), data, { adom: at.lockAdom, ifMatch, mapRow: asIs });
  }

  delete(
    principal: Principal,
    target: ConfigTarget,
    table: string,
    name: string,
    ifMatch?: string,
  ): Promise<void> {
    const at = this.locate(principal, target, table);
    const options = { adom: at.lockAdom, ifMatch, mapRow: asIs };
    return this.translator.delete(identityResource(at.label, []), at.url(name), options);
  }

  /** The urls of a table, after checking the caller may use it. */
  private locate(principal: Principal, target: ConfigTarget, table: string): Located {
    const cli = assertCliPath(table).split('/');
    const path = (key?: string | number) => new PathValue(key === undefined ? cli : [...cli, String(key)]);
    const label = `${table} object`;
    authorize(principal, target);
    switch (target.scope) {
      case 'adom': {
        const { adom } = target;
        return { label, url: (key) => fmgUrl`/pm/config/adom/${adom}/obj/${path(key)}`, lockAdom: adom };
      }
      case 'global':
        return { label, url: (key) => fmgUrl`/pm/config/global/obj/${path(key)}` };
      case 'device-vdom': {
        const { device, vdom } = target;
        return { label, url: (key) => fmgUrl`/pm/config/device/${device}/vdom/${vdom}/${path(key)}` };
      }
      case 'device-global': {
        const { device } = target;
        return { label, url: (key) => fmgUrl`/pm/config/device/${device}/global/${path(key)}` };
      }
    }
  }
}

/**
 * May the caller use this database? The guard has checked `:adom` already; Global counts as the ADOM
 * `global`; device tables need every ADOM until devices are mapped to theirs.
 */
export function authorize(principal: Principal, target: ConfigTarget): void {
  switch (target.scope) {
    case 'adom':
      if (!adomAllowed(principal, target.adom)) {
        throw forbidden('ADOM_NOT_ALLOWED', `Access to ADOM "${target.adom}" is not granted to this client.`);
      }
      return;
    case 'global':
      if (!adomAllowed(principal, GLOBAL_ADOM)) {
        throw forbidden(
          'ADOM_NOT_ALLOWED',
          `Access to the Global ADOM ("${GLOBAL_ADOM}") is not granted to this client.`,
        );
      }
      return;
    case 'device-vdom':
    case 'device-global':
      assertEveryAdom(principal);
  }
}

function assertEveryAdom(principal: Principal): void {
  if (!allowsEveryAdom(principal)) {
    throw forbidden(
      'ADOM_NOT_ALLOWED',
      'Device configuration is only available to clients allowed every ADOM ("*") for now: ' +
        'devices are not yet mapped to the ADOMs in the allow-list.',
    );
  }
}

function pathNameWins(body: FmgObject, name: string): FmgObject {
  return 'name' in body ? { ...body, name } : body;
}

/**
 * The key of an object just added: FMG echoes it as a one-attribute object. Failing that, the body's
 * `name`; failing that, the object exists but cannot be addressed, which is the upstream's fault.
 */
function createdKey(echo: unknown, body: FmgObject): string | number {
  const entries =
    echo !== null && typeof echo === 'object' && !Array.isArray(echo) ? Object.values(echo) : [];
  const [key] = entries;
  if (entries.length === 1 && (typeof key === 'string' || typeof key === 'number')) return key;
  if (typeof body.name === 'string') return body.name;
  throw upstreamProtocolError(
    'The object was added, but the upstream did not say under which key; list the table to find it.',
  );
}
