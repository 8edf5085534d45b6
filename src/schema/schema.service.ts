import { Injectable, Logger } from '@nestjs/common';
import { fmgUrl } from '../upstream/dialects/fmg-url';
import { GatewayError } from '../common/errors/gateway-error';
import { SharedState } from '../shared-state/shared-state';
import { FmgClient } from '../upstream/clients';
import { checkBody, compileDatabase, type CompiledTable } from './table-schema';

/** A database whose syntax FMG describes (docs/upstream-api.md §3.5). */
export type SchemaDatabase =
  | { scope: 'adom'; adom: string }
  | { scope: 'global' }
  | { scope: 'device-global'; device: string }
  | { scope: 'device-vdom'; device: string; vdom: string };

/** One database's tables for one firmware version, and what fetching it cost. */
export interface DatabaseSchema {
  version: string;
  tables: ReadonlyMap<string, CompiledTable>;
  /** Size of FMG's syntax answer (JSON), the figure that drives memory and Redis use. */
  bytes: number;
  /** How long the upstream took to answer (0 when a replica had already stored it in shared state). */
  fetchMs: number;
}

/** How long a write trusts the last `/sys/status` version before asking again. */
export const VERSION_TTL_MS = 60_000;
/** How long a replica keeps a syntax answer in shared state for the others. */
const SHARED_TTL_MS = 24 * 3600_000;
/** After a failed syntax fetch, writes go unchecked this long before the next try. */
const RETRY_AFTER_FAILURE_MS = 30_000;

interface SharedSyntax {
  data: unknown;
}

/**
 * The schema of the connected FortiManager, per firmware version: fetched with `option: syntax` on
 * first need (not at start), kept in memory and in shared state for the other replicas, compiled once.
 * The cache key holds the version from `/sys/status`, so an upgrade makes the next fetch a new one.
 *
 * The ADOM object database is fetched from the first ADOM asked for and serves every ADOM (FMG answers
 * the syntax of that ADOM's version); a device database per device, since devices run their own firmware.
 */
@Injectable()
export class SchemaService {
  private readonly log = new Logger('Schema');
  private version?: { text: string; at: number };
  private readonly cache = new Map<string, Promise<DatabaseSchema>>();
  private readonly failed = new Map<string, number>();

  constructor(
    private readonly fmg: FmgClient,
    private readonly state: SharedState,
  ) {}

  /** The upstream's firmware version; `fresh` asks `/sys/status` now instead of trusting the last answer. */
  async currentVersion(fresh = false): Promise<string> {
    if (!fresh && this.version && Date.now() - this.version.at < VERSION_TTL_MS) return this.version.text;
    const status = await this.fmg.request<Record<string, unknown>>('get', { url: '/sys/status' });
    const text = typeof status?.Version === 'string' ? status.Version : 'unknown';
    if (this.version && this.version.text !== text) {
      this.log.log(`Upstream firmware changed (${this.version.text} → ${text}): schemas are fetched again.`);
      this.cache.clear();
      this.failed.clear();
    }
    this.version = { text, at: Date.now() };
    return text;
  }

  /** The tables of a database; upstream errors (an FMG without syntax, a missing device) propagate. */
  async database(db: SchemaDatabase, fresh = false): Promise<DatabaseSchema> {
    const version = await this.currentVersion(fresh);
    const key = `${version}|${cacheKey(db)}`;
    let hit = this.cache.get(key);
    if (!hit) {
      hit = this.load(version, db, key);
      this.cache.set(key, hit);
      hit.catch(() => this.cache.delete(key));
    }
    return hit;
  }

  /**
   * The table a generic write or query uses, or undefined when there is nothing to check against: the
   * upstream does not describe it, or its syntax could not be fetched (then FMG alone judges the write,
   * as before schemas existed; the failure is logged and retried after a while).
   */
  async tableFor(db: SchemaDatabase, table: string): Promise<CompiledTable | undefined> {
    return (await this.tablesFor(db))?.get(table);
  }

  /** Checks a generic write body against its table before anything is sent upstream (400 naming the rule). */
  async checkWrite(db: SchemaDatabase, table: string, body: Record<string, unknown>): Promise<void> {
    const tables = await this.tablesFor(db);
    const found = tables?.get(table);
    if (found) checkBody(found, body, (child) => tables!.get(child));
  }

  private async tablesFor(db: SchemaDatabase): Promise<ReadonlyMap<string, CompiledTable> | undefined> {
    const key = cacheKey(db);
    const failedAt = this.failed.get(key);
    if (failedAt !== undefined && Date.now() - failedAt < RETRY_AFTER_FAILURE_MS) return undefined;
    try {
      return (await this.database(db)).tables;
    } catch (e) {
      this.failed.set(key, Date.now());
      this.log.warn(`No schema for ${key}: ${(e as Error).message}; writes there go unchecked for now.`);
      return undefined;
    }
  }

  /** One table of a database, or 404 when the upstream does not describe it. */
  async table(db: SchemaDatabase, table: string, fresh = false): Promise<CompiledTable> {
    const found = (await this.database(db, fresh)).tables.get(table);
    if (!found) {
      throw new GatewayError('SCHEMA_TABLE_NOT_FOUND', `The upstream's schema has no table "${table}" here.`);
    }
    return found;
  }

  private async load(version: string, db: SchemaDatabase, key: string): Promise<DatabaseSchema> {
    const sharedKey = `schema:fmg:${key}`;
    const stored = await this.state.get<SharedSyntax>(sharedKey);
    let data = stored?.data;
    let fetchMs = 0;
    if (stored === undefined) {
      const started = performance.now();
      data = await this.fmg.request<unknown>('get', { url: syntaxUrl(db), option: 'syntax' });
      fetchMs = Math.round(performance.now() - started);
      await this.state.set(sharedKey, { data } satisfies SharedSyntax, SHARED_TTL_MS);
    }
    const tables = compileDatabase(data);
    const bytes = Buffer.byteLength(JSON.stringify(data ?? null));
    this.log.log(`Schema ${key}: ${tables.size} tables, ${bytes} bytes, fetched in ${fetchMs} ms.`);
    return { version, tables, bytes, fetchMs };
  }
}

function cacheKey(db: SchemaDatabase): string {
  switch (db.scope) {
    case 'adom':
      return 'adom';
    case 'global':
      return 'global';
    case 'device-global':
      return `device:${db.device}:global`;
    case 'device-vdom':
      return `device:${db.device}:vdom`;
  }
}

/** The database url FMG answers `option: syntax` on (docs/upstream-api.md §3.5). */
function syntaxUrl(db: SchemaDatabase): string {
  switch (db.scope) {
    case 'adom':
      return fmgUrl`/pm/config/adom/${db.adom}/obj`;
    case 'global':
      return '/pm/config/global/obj';
    case 'device-global':
      return fmgUrl`/pm/config/device/${db.device}/global`;
    case 'device-vdom':
      return fmgUrl`/pm/config/device/${db.device}/vdom/${db.vdom}`;
  }
}
