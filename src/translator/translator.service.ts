import { Injectable } from '@nestjs/common';
import { FmgClient, unwrap } from '../fortimanager/fmg-client';
import { RpcParam } from '../fortimanager/jsonrpc.types';
import { Page } from '../common/http/page.dto';
import { FmgFilter, parseFilter } from './query/filter.parser';
import { parseFields, parseSort } from './query/list-params';
import { DEFAULT_LIMIT, ListQueryDto } from './list-query.dto';
import { attributeMap, ResourceDef, toFmg, toRest } from './resource';

export type RowMapper<R> = (row: Record<string, unknown>) => R;

export interface ListOptions<R> {
  mapRow?: RowMapper<R>;
  scopeFilter?: FmgFilter;
}

function andFilters(a: FmgFilter | undefined, b: FmgFilter | undefined): FmgFilter | undefined {
  if (!a) return b;
  if (!b) return a;
  return [a, '&&', b];
}

function defaultMapper<T, R>(def: ResourceDef<T>): RowMapper<R> {
  return (row) => toRest(def, row) as unknown as R;
}

/**
 * REST operation → JSON-RPC method + params, and the result back (reference §2):
 *   list → get (range/fields/filter/sortings) batched with get option=count for the total
 *   read → get on the member url; create → add; replace → set; update → update; delete → delete.
 * Urls come in already built by `fmgUrl`, so escaping is settled before we get here.
 */
@Injectable()
export class TranslatorService {
  constructor(private readonly fmg: FmgClient) {}

  /** The params of a list call; pure, exposed for tests and for resources that post-process. */
  listParams<T>(
    def: ResourceDef<T>,
    url: string,
    query: ListQueryDto,
    scopeFilter?: FmgFilter,
  ): { page: RpcParam; count: RpcParam } {
    const attrs = attributeMap(def);
    const fields = parseFields(query.fields, attrs, def.key);
    const sortings = parseSort(query.sort, attrs);
    const filter = andFilters(parseFilter(query.filter, { fields: attrs }), scopeFilter);
    const offset = query.offset ?? 0;
    const limit = query.limit ?? DEFAULT_LIMIT;
    const page: RpcParam = { url, range: [offset, limit], loadsub: def.loadSubTables ? 1 : 0 };
    if (fields) page.fields = fields;
    if (filter) page.filter = filter;
    if (sortings) page.sortings = sortings;
    const count: RpcParam = { url, option: ['count'] };
    if (filter) count.filter = filter;
    return { page, count };
  }

  /**
   * get (one page) batched with get option=count (the total after the filter) in one JSON-RPC call.
   * `scopeFilter` is ANDed with the client's filter: what the caller may see (e.g. its ADOMs).
   */
  async list<T, R = T>(
    def: ResourceDef<T>,
    url: string,
    query: ListQueryDto,
    options: ListOptions<R> = {},
  ): Promise<Page<R>> {
    const { page, count } = this.listParams(def, url, query, options.scopeFilter);
    const [pageResult, countResult] = await this.fmg.call('get', [page, count]);
    const rows = unwrap<Record<string, unknown>[] | null>(pageResult, 'get') ?? [];
    const total = unwrap<number>(countResult, 'get');
    const mapRow = options.mapRow ?? defaultMapper<T, R>(def);
    return {
      items: rows.map(mapRow),
      total: typeof total === 'number' ? total : rows.length,
      offset: page.range![0],
      limit: page.range![1],
    };
  }

  async read<T, R = T>(
    def: ResourceDef<T>,
    url: string,
    fieldsQuery?: string,
    mapRow: RowMapper<R> = defaultMapper(def),
  ): Promise<R> {
    const fields = parseFields(fieldsQuery, attributeMap(def), def.key);
    const data = await this.fmg.request<Record<string, unknown>>('get', fields ? { url, fields } : { url });
    return mapRow(data ?? {});
  }

  /** add on the collection, then read the member back so the client sees server-side defaults. */
  async create<T, R = T>(
    def: ResourceDef<T>,
    urls: { collection: string; member: string },
    body: object,
    mapRow?: RowMapper<R>,
  ): Promise<R> {
    await this.fmg.request('add', { url: urls.collection, data: toFmg(def, body) });
    return this.read(def, urls.member, undefined, mapRow ?? defaultMapper(def));
  }

  /** PUT → set (FMG's create-or-overwrite), then read back. */
  async replace<T, R = T>(
    def: ResourceDef<T>,
    memberUrl: string,
    body: object,
    mapRow?: RowMapper<R>,
  ): Promise<R> {
    await this.fmg.request('set', { url: memberUrl, data: toFmg(def, body) });
    return this.read(def, memberUrl, undefined, mapRow ?? defaultMapper(def));
  }

  /** PATCH → update (partial; sub-tables kept), then read back. */
  async update<T, R = T>(
    def: ResourceDef<T>,
    memberUrl: string,
    body: object,
    mapRow?: RowMapper<R>,
  ): Promise<R> {
    await this.fmg.request('update', { url: memberUrl, data: toFmg(def, body) });
    return this.read(def, memberUrl, undefined, mapRow ?? defaultMapper(def));
  }

  async delete(memberUrl: string): Promise<void> {
    await this.fmg.request('delete', { url: memberUrl });
  }
}
