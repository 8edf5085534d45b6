import { randomUUID } from 'node:crypto';
import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { GatewayError, upstreamProtocolError } from '../../common/errors/gateway-error';
import { fmgUrl } from '../../upstream/dialects/fmg-url';
import { FazAnalytics } from '../../upstream/dialects/faz-analytics';
import { fazDevices, fazTimeRange } from '../time-range';
import { CreateLogSearchDto, LogPageDto, LogQueryDto, LogSearchDto } from './dto/logs.dto';
import { LogSearchRecord, LogSearchRegistry } from './log-search.registry';

/** Rows per upstream fetch. FAZ caps fetches (docs/upstream-api.md §9.2: clients use 500 [U]); we stay at or below. */
export const UPSTREAM_FETCH = 500;
/** An unread search is dropped this long after its last read. */
export const SEARCH_TTL_MS = 10 * 60_000;
const SWEEP_EVERY_MS = 30_000;
/** How often a waiting gateway call asks the upstream for progress. */
const POLL_MS = 150;
/** How long an export waits for a running search before answering 409. */
const EXPORT_WAIT_MS = 30_000;

/** `get logview/.../logsearch/{tid}` (docs/upstream-api.md §9.2). */
interface FazSearchPage {
  percentage?: number;
  'total-count'?: number;
  'return-lines'?: number;
  data?: Record<string, unknown>[];
}

export interface FetchedPage {
  percentage: number;
  total: number;
  rows: Record<string, unknown>[];
}

const notFound = (id: string) =>
  new GatewayError(
    'LOG_SEARCH_NOT_FOUND',
    `There is no log search ${id} of yours in this ADOM (it may have expired).`,
  );

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Log searches as REST resources over FAZ's start → poll → fetch → delete task (docs/upstream-api.md §9.2).
 * Clients see an opaque id; the registry maps it to the upstream tid and its owner. Upstream searches
 * are deleted when the client deletes, when every row has been read, or by the expiry sweep.
 */
@Injectable()
export class LogSearchService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('LogSearch');
  private sweeper?: NodeJS.Timeout;

  constructor(
    private readonly faz: FazAnalytics,
    private readonly registry: LogSearchRegistry,
  ) {}

  onModuleInit(): void {
    this.sweeper = setInterval(() => void this.sweepExpired().catch(() => undefined), SWEEP_EVERY_MS);
    this.sweeper.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.sweeper);
  }

  async create(adom: string, dto: CreateLogSearchDto, owner: string): Promise<LogSearchDto> {
    const tid = await this.start(adom, dto);
    const now = Date.now();
    const record: LogSearchRecord = {
      id: randomUUID(),
      adom,
      tid,
      logType: dto.logType,
      owner,
      createdAt: now,
      expiresAt: now + SEARCH_TTL_MS,
      consumed: false,
    };
    await this.registry.put(record);
    const first = await this.fetch(record, 0, 1);
    return this.view(record, first);
  }

  /** One client page: as many capped upstream fetches as it takes; the last page ends the search. */
  async page(adom: string, id: string, owner: string, offset = 0, limit = 100): Promise<LogPageDto> {
    const record = await this.owned(adom, id, owner);
    if (record.consumed) {
      throw new GatewayError(
        'LOG_SEARCH_CONSUMED',
        'Every row of this search was read, so it was released upstream. Start a new search.',
      );
    }
    const got = await this.fetch(record, offset, limit);
    record.expiresAt = Date.now() + SEARCH_TTL_MS;
    const done = got.percentage >= 100;
    if (done && offset + got.rows.length >= got.total) await this.consume(record);
    else await this.registry.put(record);
    const base = this.view(record, got);
    const next =
      done && offset + got.rows.length < got.total
        ? `${base.href}?offset=${offset + got.rows.length}&limit=${limit}`
        : undefined;
    return { ...base, items: got.rows, offset, limit, ...(next ? { next } : {}) };
  }

  async remove(adom: string, id: string, owner: string): Promise<void> {
    const record = await this.owned(adom, id, owner);
    if (await this.registry.delete(record.id)) await this.release(record);
  }

  /**
   * The synchronous form: start, wait up to the deadline, return one page and release the search.
   * A search that outlives the deadline is kept and answered as a running search (202) to poll.
   */
  async query(adom: string, dto: LogQueryDto, owner: string): Promise<LogPageDto | LogSearchDto> {
    const { offset = 0, limit = 100, deadlineSeconds = 10, ...search } = dto;
    const deadline = Date.now() + deadlineSeconds * 1000;
    const created = await this.create(adom, search, owner);
    const record = (await this.registry.get(created.id))!;
    const done = await this.waitDone(record, deadline);
    if (!done) return this.view(record, await this.fetch(record, 0, 1));
    const page = await this.page(adom, created.id, owner, offset, limit);
    // This form never keeps a search: release it unless reading the last page already did.
    const left = await this.registry.get(record.id);
    await this.registry.delete(record.id);
    if (left && !left.consumed) await this.release(left);
    const { next: _next, ...rest } = page;
    return rest;
  }

  /**
   * For the export stream: the owned record once its search is done (waiting a while for it), and
   * the first page so upstream errors surface before any byte of the stream is sent.
   */
  async openExport(
    adom: string,
    id: string,
    owner: string,
  ): Promise<{ record: LogSearchRecord; first: FetchedPage }> {
    const record = await this.owned(adom, id, owner);
    if (record.consumed) throw notFound(id);
    if (!(await this.waitDone(record, Date.now() + EXPORT_WAIT_MS))) {
      throw new GatewayError(
        'LOG_SEARCH_RUNNING',
        'The search has not finished yet; retry the export later.',
        { headers: { 'Retry-After': '5' } },
      );
    }
    return { record, first: await this.fetch(record, 0, UPSTREAM_FETCH) };
  }

  /** Every row, page by page (one upstream page in memory at a time); releases the search at the end. */
  async *rows(record: LogSearchRecord, first: FetchedPage): AsyncGenerator<Record<string, unknown>> {
    let offset = 0;
    let page = first;
    for (;;) {
      yield* page.rows;
      offset += page.rows.length;
      if (page.rows.length === 0 || offset >= page.total) break;
      page = await this.fetch(record, offset, UPSTREAM_FETCH);
    }
    await this.consume(record);
  }

  /** Drops expired searches and their upstream tasks; `now` is a parameter so it can be exercised. */
  async sweepExpired(now = Date.now()): Promise<number> {
    const expired = await this.registry.listExpired(now);
    let n = 0;
    for (const record of expired) {
      if (!(await this.registry.delete(record.id))) continue;
      n++;
      if (!record.consumed) await this.release(record);
    }
    return n;
  }

  private async start(adom: string, dto: CreateLogSearchDto): Promise<number> {
    const result = await this.faz.request<{ tid?: unknown }>('add', fmgUrl`/logview/adom/${adom}/logsearch`, {
      logtype: dto.logType,
      device: fazDevices(dto.devices),
      'time-range': fazTimeRange(dto.from, dto.to),
      filter: dto.filter ?? '',
      'case-sensitive': dto.caseSensitive ?? false,
      'time-order': dto.timeOrder ?? 'desc',
    });
    const tid = Number(result?.tid);
    if (!Number.isSafeInteger(tid)) {
      throw upstreamProtocolError('The FortiAnalyzer did not answer a search id.');
    }
    return tid;
  }

  /** Rows [offset, offset+limit) in upstream-sized fetches; stops early while the search is running. */
  async fetch(record: LogSearchRecord, offset: number, limit: number): Promise<FetchedPage> {
    const rows: Record<string, unknown>[] = [];
    let percentage: number;
    let total: number;
    do {
      const want = Math.min(UPSTREAM_FETCH, limit - rows.length);
      const page = await this.fetchOne(record, offset + rows.length, want);
      percentage = Number(page.percentage ?? 0);
      total = Number(page['total-count'] ?? 0);
      const data = Array.isArray(page.data) ? page.data : [];
      rows.push(...data);
      if (percentage < 100 || data.length < want) break;
    } while (rows.length < limit);
    return { percentage, total, rows };
  }

  private async fetchOne(record: LogSearchRecord, offset: number, limit: number): Promise<FazSearchPage> {
    try {
      return await this.faz.request<FazSearchPage>('get', this.tidUrl(record), { offset, limit });
    } catch (err) {
      // The appliance dropped the task (reboot, its own expiry): the search is gone for the client too.
      if (err instanceof GatewayError && err.upstream?.code === -3) {
        await this.registry.delete(record.id);
        throw notFound(record.id);
      }
      throw err;
    }
  }

  private async waitDone(record: LogSearchRecord, deadline: number): Promise<boolean> {
    for (;;) {
      const { percentage } = await this.fetch(record, 0, 1);
      if (percentage >= 100) return true;
      if (Date.now() + POLL_MS > deadline) return false;
      await sleep(POLL_MS);
    }
  }

  private async owned(adom: string, id: string, owner: string): Promise<LogSearchRecord> {
    const record = await this.registry.get(id);
    // Someone else's search is answered exactly like a missing one: ids are not disclosed.
    if (!record || record.adom !== adom || record.owner !== owner) throw notFound(id);
    return record;
  }

  private async consume(record: LogSearchRecord): Promise<void> {
    if (record.consumed) return;
    record.consumed = true;
    await this.registry.put(record);
    await this.release(record);
  }

  /** Deletes the upstream search; failures are logged, not thrown (the sweep or FAZ reaps it). */
  private async release(record: LogSearchRecord): Promise<void> {
    try {
      await this.faz.request('delete', this.tidUrl(record));
    } catch (err) {
      this.logger.warn(`Could not delete upstream log search ${record.tid}: ${(err as Error).message}`);
    }
  }

  private tidUrl(record: LogSearchRecord): string {
    return fmgUrl`/logview/adom/${record.adom}/logsearch/${record.tid}`;
  }

  private view(record: LogSearchRecord, page: FetchedPage): LogSearchDto {
    return {
      id: record.id,
      href: `/adoms/${encodeURIComponent(record.adom)}/logs/searches/${record.id}`,
      adom: record.adom,
      logType: record.logType,
      status: page.percentage >= 100 ? 'done' : 'running',
      percentage: page.percentage,
      total: page.total,
      createdAt: new Date(record.createdAt).toISOString(),
      expiresAt: new Date(record.expiresAt).toISOString(),
    };
  }
}
