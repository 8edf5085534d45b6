import { Injectable } from '@nestjs/common';
import { GatewayError } from '../common/errors/gateway-error';
import { etagMatches, etagOf } from '../common/http/etag';
import { FmgClient, unwrap } from '../upstream/clients';
import { RpcSession } from '../upstream/rpc-client';
import { WorkspaceLocks } from '../upstream/workspace/workspace-locks.service';
import { RpcParam } from '../upstream/transport/jsonrpc.types';
import { deepFreeze } from '../upstream/protection/upstream-protection';
import { Page } from '../common/http/page.dto';
import { FmgFilter, parseFilter } from './query/filter.parser';
import { parseFields, parseSort } from './query/list-params';
import { DEFAULT_LIMIT, ListQueryDto } from './list-query.dto';
import { fieldNames, ResourceDef, toFmg, toRest } from './resource';
import { fieldSelection, pickFields } from './query/pick-fields';
import { ChunkReader, collect, openTableStream, TableStream } from './table-stream';

/** What a `?fields=` answer keeps besides the fields asked: the resource's key (an open resource has none). */
function keysOf<T>(def: ResourceDef<T>): string[] {
  return [...(def.resolve ? [] : [def.key]), ...(def.alsoKeep ?? [])];
}

export type RowMapper<R> = (row: Record<string, unknown>) => R;

export interface WriteOptions<R> {
  /** The ADOM the write lands in: its workspace mode decides about locks. Omit for non-ADOM urls. */
  adom?: string;
  mapRow?: RowMapper<R>;
  /** The client's If-Match: the write happens only if the object's current ETag matches. */
  ifMatch?: string;
}

export interface ListOptions<R> {
  mapRow?: RowMapper<R>;
  scopeFilter?: FmgFilter;
}

/** Mapped pages of shared upstream answers, per answer and mapper (see mapRows). */
const mappedPages = new WeakMap<object, WeakMap<object, readonly unknown[]>>();

/**
 * Coalesced readers of one list share one frozen upstream answer (UpstreamClient); with the same
 * mapper they would each build the same page of REST rows: 64 readers of 500 policies were 64 copies
 * of 500 objects. A frozen answer is mapped once per mapper and the rows are shared, frozen in turn.
 * `mapper` identifies the mapping: the resource for the default one, else the mapRow function.
 */
function mapRows<R>(rows: Record<string, unknown>[], mapper: object, mapRow: RowMapper<R>): R[] {
  if (!Object.isFrozen(rows)) return rows.map(mapRow);
  let byMapper = mappedPages.get(rows);
  if (!byMapper) mappedPages.set(rows, (byMapper = new WeakMap()));
  let items = byMapper.get(mapper) as R[] | undefined;
  if (!items) byMapper.set(mapper, (items = deepFreeze(rows.map(mapRow))));
  return items;
}

function andFilters(a: FmgFilter | undefined, b: FmgFilter | undefined): FmgFilter | undefined {
  if (!a) return b;
  if (!b) return a;
  return [a, '&&', b];
}

/** The key every `fields` selection includes; an open resource's key is not known, so none. */
const keyToAdd = <T>(def: ResourceDef<T>): string | undefined => (def.resolve ? undefined : def.key);

function defaultMapper<T, R>(def: ResourceDef<T>): RowMapper<R> {
  return (row) => toRest(def, row) as unknown as R;
}

/**
 * REST operation → JSON-RPC method + params, and the result back (docs/upstream-api.md §2):
 *   list → get (range/fields/filter/sortings) batched with get option=count for the total
 *   read → get on the member url; create → add; replace → set; update → update; delete → delete.
 * Urls come in already built by `fmgUrl`, so escaping is settled before we get here.
 */
@Injectable()
export class TranslatorService {
  constructor(
    private readonly fmg: FmgClient,
    private readonly locks: WorkspaceLocks,
  ) {}

  /** The params of a list call; pure, exposed for tests and for resources that post-process. */
  listParams<T>(
    def: ResourceDef<T>,
    url: string,
    query: ListQueryDto,
    scopeFilter?: FmgFilter,
  ): { page: RpcParam; count: RpcParam } {
    const attrs = fieldNames(def);
    const fields = parseFields(query.fields, attrs, keyToAdd(def));
    const sortings = parseSort(query.sort, attrs);
    const filter = andFilters(parseFilter(query.filter, { fields: attrs }), scopeFilter);
    const range: [number, number] = [query.offset ?? 0, query.limit ?? DEFAULT_LIMIT];
    const page: RpcParam = { url, range, loadsub: def.loadSubTables ? 1 : 0 };
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
    return (await this.listOrObject(def, url, query, options)) as Page<R>;
  }

  /**
   * Like list, for urls that may name a single object rather than a table (the device DB's
   * `system/dns`): FMG then answers the object, which is returned as it is instead of a page.
   * A page larger than UPSTREAM_CHUNK is read in chunks, the first batched with the count.
   */
  async listOrObject<T, R = T>(
    def: ResourceDef<T>,
    url: string,
    query: ListQueryDto,
    options: ListOptions<R> = {},
  ): Promise<Page<R> | Record<string, unknown>> {
    const offset = query.offset ?? 0;
    const limit = query.limit ?? DEFAULT_LIMIT;
    const stream = await openTableStream(this.chunkReader(def, url, query, options), offset, limit);
    if (stream.object) return stream.object;
    return { items: await collect(stream), total: stream.total, offset, limit };
  }

  /**
   * Every row of a list (or the `offset`/`limit` window of it), chunk by chunk, for a streamed answer:
   * the first chunk and the count are read before this resolves, so errors come before any byte.
   */
  async stream<T, R = T>(
    def: ResourceDef<T>,
    url: string,
    query: ListQueryDto,
    options: ListOptions<R> = {},
  ): Promise<TableStream<R>> {
    return openTableStream(this.chunkReader(def, url, query, options), query.offset ?? 0, query.limit);
  }

  /** Reads one chunk of a list: get with `range` (and the count batched in), rows mapped and picked. */
  private chunkReader<T, R>(
    def: ResourceDef<T>,
    url: string,
    query: ListQueryDto,
    options: ListOptions<R>,
  ): ChunkReader<R> {
    const mapRow = options.mapRow ?? defaultMapper<T, R>(def);
    const wanted = fieldSelection(query.fields, keysOf(def));
    // Fields, sort and filter are parsed once per list; each chunk only moves the range.
    const { page, count: countParam } = this.listParams(def, url, query, options.scopeFilter);
    return async (offset, count, withTotal) => {
      const chunk: RpcParam = { ...page, range: [offset, count] };
      const answers = await this.fmg.call('get', withTotal ? [chunk, countParam] : [chunk]);
      const data = unwrap<Record<string, unknown>[] | Record<string, unknown> | null>(answers[0], 'get');
      if (data !== null && typeof data === 'object' && !Array.isArray(data)) return { object: data };
      const rows = data ?? [];
      const items = mapRows(rows, options.mapRow ?? def, mapRow);
      const total = withTotal ? unwrap<number>(answers[1], 'get') : undefined;
      return {
        items: wanted ? items.map((item) => pickFields(item, wanted)) : items,
        ...(withTotal ? { total: typeof total === 'number' ? total : offset + rows.length } : {}),
      };
    };
  }

  async read<T, R = T>(
    def: ResourceDef<T>,
    url: string,
    fieldsQuery?: string,
    mapRow: RowMapper<R> = defaultMapper(def),
    session: RpcSession = this.fmg,
  ): Promise<R> {
    const fields = parseFields(fieldsQuery, fieldNames(def), keyToAdd(def));
    const data = await session.request<Record<string, unknown>>('get', fields ? { url, fields } : { url });
    return pickFields(mapRow(data ?? {}), fieldSelection(fieldsQuery, keysOf(def)));
  }

  /** add on the collection, then read the member back so the client sees server-side defaults. */
  create<T, R = T>(
    def: ResourceDef<T>,
    urls: { collection: string; member: string },
    body: object,
    options: WriteOptions<R> = {},
  ): Promise<R> {
    return this.writeBody('add', def, urls.collection, body, urls.member, options);
  }

  /** PUT → set (FMG's create-or-overwrite), then read back. */
  replace<T, R = T>(
    def: ResourceDef<T>,
    memberUrl: string,
    body: object,
    options?: WriteOptions<R>,
  ): Promise<R> {
    return this.writeBody('set', def, memberUrl, body, memberUrl, options);
  }

  /** PATCH → update (partial; sub-tables kept), then read back. */
  update<T, R = T>(
    def: ResourceDef<T>,
    memberUrl: string,
    body: object,
    options?: WriteOptions<R>,
  ): Promise<R> {
    return this.writeBody('update', def, memberUrl, body, memberUrl, options);
  }

  /** A write carrying the mapped body, then the member read back (its url, or how the echo names it). */
  private writeBody<T, R>(
    method: 'add' | 'set' | 'update' | 'clone',
    def: ResourceDef<T>,
    url: string,
    body: object,
    member: string | ((echo: Record<string, unknown>) => string),
    options: WriteOptions<R> = {},
  ): Promise<R> {
    const memberUrl = (echo: unknown) =>
      typeof member === 'string' ? member : member((echo ?? {}) as Record<string, unknown>);
    return this.write(def, options, { method, url, data: toFmg(def, body) }, memberUrl) as Promise<R>;
  }

  async delete<T>(
    def: ResourceDef<T>,
    memberUrl: string,
    options: WriteOptions<unknown> = {},
  ): Promise<void> {
    await this.write(def, options, { method: 'delete', url: memberUrl });
  }

  /** add when FMG picks the key (e.g. policyid): the member url comes from the add's echo. */
  createKeyed<T, R = T>(
    def: ResourceDef<T>,
    collectionUrl: string,
    body: object,
    memberUrlOf: (echo: Record<string, unknown>) => string,
    options: WriteOptions<R> = {},
  ): Promise<R> {
    return this.writeBody('add', def, collectionUrl, body, memberUrlOf, options);
  }

  /** clone: a copy with `overrides`; FMG assigns the new key unless the overrides carry one. */
  clone<T, R = T>(
    def: ResourceDef<T>,
    memberUrl: string,
    overrides: object,
    memberUrlOf: (echo: Record<string, unknown>) => string,
    options: WriteOptions<R> = {},
  ): Promise<R> {
    return this.writeBody('clone', def, memberUrl, overrides, memberUrlOf, options);
  }

  /** move: reorder within an ordered table (`before`/`after` the target key). */
  move<T, R = T>(
    def: ResourceDef<T>,
    memberUrl: string,
    position: 'before' | 'after',
    target: string | number,
    options: WriteOptions<R> = {},
  ): Promise<R> {
    return this.write(
      def,
      options,
      { method: 'move', url: memberUrl, option: position, target: String(target) },
      () => memberUrl,
    ) as Promise<R>;
  }

  /**
   * One write, where the ADOM's workspace mode says (auto lock/commit, or the open change set), with
   * the optimistic-concurrency check and the read-back on the same session as the write.
   */
  private write<T, R>(
    def: ResourceDef<T>,
    options: WriteOptions<R>,
    call: RpcParam & { method: 'add' | 'set' | 'update' | 'delete' | 'clone' | 'move' },
    readBack?: (echo: unknown) => string,
  ): Promise<R | undefined> {
    const mapRow = options.mapRow ?? defaultMapper<T, R>(def);
    const { method, ...param } = call;
    const run = async (session: RpcSession): Promise<R | undefined> => {
      if (options.ifMatch !== undefined) {
        const current = await this.read(def, param.url, undefined, mapRow, session);
        if (!etagMatches(options.ifMatch, etagOf(current))) {
          throw new GatewayError(
            'PRECONDITION_FAILED',
            `The ${def.label} changed since it was read (If-Match does not match its current ETag).`,
          );
        }
      }
      const echo = await session.request(method, param);
      return readBack ? this.read(def, readBack(echo), undefined, mapRow, session) : undefined;
    };
    return options.adom ? this.locks.write(options.adom, run) : run(this.fmg);
  }
}
