import { randomUUID } from 'node:crypto';
import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { GatewayError, upstreamProtocolError } from '../../common/errors/gateway-error';
import { readAhead } from '../../common/context/read-ahead';
import { currentContext, withUpstream } from '../../common/context/request-context';
import { fmgUrl } from '../../upstream/dialects/fmg-url';
import { readBodiesWith } from '../../upstream/transport/jsonrpc-transport';
import { withUtcTimes } from '../appliance-zone';
import { FazAnalytics } from '../../upstream/dialects/faz-analytics';
import { FazAppliance, isTidGone } from '../faz-appliance';
import { fazDevices, fazTimeRange } from '../time-range';
import { CreateLogSearchDto, LogPageDto, LogQueryDto, LogSearchDto } from './dto/logs.dto';
import { LogSearchDefinition, LogSearchRecord, LogSearchRegistry } from './log-search.registry';
import { RawLogRows, readLogPage } from './raw-log-rows';

/** Rows per upstream fetch. FAZ caps fetches (docs/upstream-api.md §9.2: clients use 500 [U]); we stay at or below. */
export const UPSTREAM_FETCH = 500;
/** An unread search is dropped this long after its last read. */
export const SEARCH_TTL_MS = 10 * 60_000;
const SWEEP_EVERY_MS = 30_000;
/** How often a waiting gateway call asks the upstream for progress. */
const POLL_MS = 150;
/** How long an export waits for a running search before answering 409. */
const EXPORT_WAIT_MS = 30_000;
/** How long a read waits for a search it issued again (the search finished once already). */
const REISSUE_WAIT_MS = 30_000;
/** Times one upstream fetch may find its tid gone and issue the search again before giving up. */
const MAX_REISSUES = 3;

/** `get logview/.../logsearch/{tid}` and `…/logsearch/count/{tid}` (docs/upstream-api.md §9.2). */
interface FazSearchPage {
  percentage?: number;
  'total-count'?: number;
  'return-lines'?: number;
  data?: Record<string, unknown>[] | RawLogRows;
}

export interface FetchedPage {
  percentage: number;
  total: number;
  rows: Record<string, unknown>[];
}

/** A page of the export: parsed rows with their UTC times, or FAZ's own text of them (RawLogRows). */
export interface ExportPage {
  total: number;
  rows: Record<string, unknown>[] | RawLogRows;
}

interface Progress {
  percentage: number;
  total: number;
}

const notFound = (id: string) =>
  new GatewayError(
    'LOG_SEARCH_NOT_FOUND',
    `There is no log search ${id} of yours in this ADOM (it may have expired).`,
  );

const reissueTimeout = () =>
  new GatewayError(
    'LOG_SEARCH_REISSUE_TIMEOUT',
    'The FortiAnalyzer reaped the search task, and the search issued again did not finish in time. Retry the read.',
    { extensions: { retryable: true }, headers: { 'Retry-After': '5' } },
  );

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Log searches as REST resources over FAZ's start → poll → fetch → delete task (docs/upstream-api.md §9.2).
 *
 * The client's search id is the durable thing; the upstream tid is disposable. The record keeps the search
 * as sent (ADOM, log type, devices, filter, case, order and the time window frozen in the appliance's wall
 * clock at creation). Reads use the live tid while the appliance lets them; when the tid is gone (FAZ 7.4+
 * reaps it after one fetch; any build may reap it on its own) the search is issued again and the wanted
 * window read from the new tid. For a window in the past FAZ answers the same rows in the same order, so
 * pages, exports and the one-call query give every row once, in order, on both behaviours.
 * Progress is probed with `logsearch/count/{tid}`, which does not hand rows out (and so, [U], does not
 * spend a single-use tid); a FAZ without it (before 7.0.1) is probed with a one-row fetch.
 */
@Injectable()
export class LogSearchService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('LogSearch');
  private sweeper?: NodeJS.Timeout;
  /** False once the appliance refused `logsearch/count/{tid}`. */
  private countSupported = true;

  constructor(
    private readonly faz: FazAnalytics,
    private readonly registry: LogSearchRegistry,
    private readonly appliance: FazAppliance,
  ) {}

  onModuleInit(): void {
    this.sweeper = setInterval(() => void this.sweepExpired().catch(() => undefined), SWEEP_EVERY_MS);
    this.sweeper.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.sweeper);
  }

  async create(adom: string, dto: CreateLogSearchDto, owner: string): Promise<LogSearchDto> {
    const zone = await this.appliance.zone();
    const search: LogSearchDefinition = {
      logtype: dto.logType,
      device: fazDevices(dto.devices),
      'time-range': fazTimeRange(dto.from, dto.to, zone)!,
      filter: dto.filter ?? '',
      'case-sensitive': dto.caseSensitive ?? false,
      'time-order': dto.timeOrder ?? 'desc',
    };
    const tid = await this.start(adom, search);
    const now = Date.now();
    const record: LogSearchRecord = {
      id: randomUUID(),
      adom,
      ...analyzerOfRequest(),
      tid,
      search,
      searches: 1,
      logType: dto.logType,
      owner,
      createdAt: now,
      expiresAt: now + SEARCH_TTL_MS,
      consumed: false,
    };
    await this.registry.put(record);
    const progress = await this.progress(record);
    await this.registry.put(record);
    return this.view(record, progress);
  }

  /** One client page: as many capped upstream fetches as it takes; the last page ends the search. */
  async page(adom: string, id: string, owner: string, offset = 0, limit = 100): Promise<LogPageDto> {
    const record = await this.owned(adom, id, owner);
    if (record.consumed) await this.revive(record);
    const searchesBefore = record.searches ?? 1;
    record.expiresAt = Date.now() + SEARCH_TTL_MS;
    if (!record.done) {
      const progress = await this.progress(record);
      if (progress.percentage < 100) {
        await this.registry.put(record);
        return { ...this.view(record, progress), items: [], offset, limit };
      }
    }
    const got = await this.window(record, offset, limit);
    this.logger.debug(
      `Search ${record.id}: rows ${offset}+${got.rows.length} took ${(record.searches ?? 1) - searchesBefore} upstream search(es).`,
    );
    if (offset + got.rows.length >= got.total) await this.consume(record);
    else await this.registry.put(record);
    const base = this.view(record, got);
    const next =
      offset + got.rows.length < got.total
        ? `${base.href}?offset=${offset + got.rows.length}&limit=${limit}`
        : undefined;
    return { ...base, items: got.rows, offset, limit, ...(next ? { next } : {}) };
  }

  async remove(adom: string, id: string, owner: string): Promise<void> {
    const record = await this.owned(adom, id, owner);
    // A search whose rows were all read was released already: no second upstream delete.
    if ((await this.registry.delete(record.id)) && !record.consumed) await this.release(record);
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
    const progress = await this.waitDone(record, deadline);
    await this.registry.put(record);
    if (progress.percentage < 100) return this.view(record, progress);
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
  ): Promise<{ record: LogSearchRecord; first: ExportPage }> {
    const record = await this.owned(adom, id, owner);
    if (record.consumed) await this.revive(record);
    const progress = await this.waitDone(record, Date.now() + EXPORT_WAIT_MS);
    if (progress.percentage < 100) {
      await this.registry.put(record);
      throw new GatewayError(
        'LOG_SEARCH_RUNNING',
        'The search has not finished yet; retry the export later.',
        { headers: { 'Retry-After': '5' } },
      );
    }
    const first = await this.exportWindow(record, 0);
    await this.registry.put(record);
    return { record, first };
  }

  /**
   * Every page of rows, read one page ahead (readAhead: two upstream pages in memory at most); releases
   * the search after the last one.
   */
  rows(record: LogSearchRecord, first: ExportPage): AsyncGenerator<Record<string, unknown>[] | RawLogRows> {
    type Step = ExportPage & { offset: number };
    const after = (p: Step): Promise<Step> | undefined => {
      const offset = p.offset + p.rows.length;
      if (p.rows.length === 0 || offset >= p.total) return undefined;
      return this.exportWindow(record, offset).then((page) => ({ ...page, offset }));
    };
    const steps = readAhead<Step>({ ...first, offset: 0 }, after, () => this.consume(record));
    return (async function* () {
      for await (const step of steps) yield step.rows;
    })();
  }

  /** Drops expired searches and their upstream tasks; `now` is a parameter so it can be exercised. */
  async sweepExpired(now = Date.now()): Promise<number> {
    const expired = await this.registry.listExpired(now);
    let n = 0;
    for (const record of expired) {
      if (!(await this.registry.delete(record.id))) continue;
      n++;
      // The sweep runs outside any request: on the analyzer the search was made on.
      const analyzer = record.analyzer;
      if (!record.consumed) {
        await (analyzer
          ? withUpstream({ product: 'faz', name: analyzer }, () => this.release(record))
          : this.release(record));
      }
    }
    return n;
  }

  private async start(adom: string, search: LogSearchDefinition): Promise<number> {
    const result = await this.faz.request<{ tid?: unknown }>('add', fmgUrl`/logview/adom/${adom}/logsearch`, {
      ...search,
    });
    const tid = Number(result?.tid);
    if (!Number.isSafeInteger(tid)) {
      throw upstreamProtocolError('The FortiAnalyzer did not answer a search id.');
    }
    return tid;
  }

  /** Issues the record's search again (its tid is gone) and keeps the new tid. */
  private async reissue(record: LogSearchRecord): Promise<void> {
    if (!record.search) {
      // A record from before searches were kept: nothing to issue again.
      await this.registry.delete(record.id);
      throw notFound(record.id);
    }
    record.tid = await this.start(record.adom, record.search);
    record.tidFetched = false;
    record.searches = (record.searches ?? 1) + 1;
  }

  /**
   * A search whose rows were all read was released upstream, but the client's id stays valid until it
   * expires: reading it again issues the kept definition (time window frozen at creation) once more.
   */
  private async revive(record: LogSearchRecord): Promise<void> {
    if (!record.search) {
      throw new GatewayError(
        'LOG_SEARCH_CONSUMED',
        'Every row of this search was read, so it was released upstream. Start a new search.',
      );
    }
    record.consumed = false;
    record.done = false;
    await this.reissue(record);
  }

  /**
   * Progress of the search, without handing rows out; a gone tid is replaced by the search issued again
   * (whose progress then counts: a search reaped before 100 % simply runs again).
   */
  private async progress(record: LogSearchRecord): Promise<Progress> {
    for (let attempt = 0; ; attempt++) {
      if (record.tid === null) await this.reissue(record);
      try {
        const page = await this.probe(record);
        const progress = {
          percentage: Number(page.percentage ?? 0),
          total: Number(page['total-count'] ?? 0),
        };
        if (progress.percentage >= 100) {
          record.done = true;
          record.total = progress.total;
        }
        return progress;
      } catch (err) {
        if (!isTidGone(err) || attempt >= MAX_REISSUES) throw this.gone(record, err);
        record.tid = null;
      }
    }
  }

  private async probe(record: LogSearchRecord): Promise<FazSearchPage> {
    if (this.countSupported) {
      try {
        return await this.faz.request<FazSearchPage>(
          'get',
          fmgUrl`/logview/adom/${record.adom}/logsearch/count/${record.tid!}`,
        );
      } catch (err) {
        const code = err instanceof GatewayError ? err.upstream?.code : undefined;
        // Before FAZ 7.0.1 there is no count url: probe with a one-row fetch from then on.
        if (code !== -5 && code !== -6 && code !== -9) throw err;
        this.countSupported = false;
      }
    }
    const page = await this.faz.request<FazSearchPage>('get', this.tidUrl(record), { offset: 0, limit: 1 });
    this.afterFetch(record);
    return page;
  }

  /** Polls progress until done or the deadline. */
  private async waitDone(record: LogSearchRecord, deadline: number): Promise<Progress> {
    for (;;) {
      const progress = record.done
        ? { percentage: 100, total: record.total ?? 0 }
        : await this.progress(record);
      if (progress.percentage >= 100 || Date.now() + POLL_MS > deadline) return progress;
      await sleep(POLL_MS);
    }
  }

  /** Waits for a search just issued again; polls quickly at first (it finished once, so it is fast). */
  private async waitFresh(record: LogSearchRecord, deadline: number): Promise<boolean> {
    for (let every = 25; ; every = Math.min(POLL_MS, every * 2)) {
      if ((await this.progress(record)).percentage >= 100) return true;
      if (Date.now() + every > deadline) return false;
      await sleep(every);
    }
  }

  /**
   * Rows [offset, offset+limit) of a finished search, in upstream-sized fetches, each from the live tid or,
   * when that is gone, from the search issued again (one upstream search per fetch on single-use builds).
   */
  async window(record: LogSearchRecord, offset: number, limit: number): Promise<FetchedPage> {
    const rows: Record<string, unknown>[] = [];
    let total = record.total ?? Number.MAX_SAFE_INTEGER;
    while (rows.length < limit && offset + rows.length < total) {
      const want = Math.min(UPSTREAM_FETCH, limit - rows.length);
      const page = await this.fetchFinished(record, offset + rows.length, want);
      total = page.total;
      const got = page.rows instanceof RawLogRows ? page.rows.objects() : page.rows.map(withUtcTimes);
      rows.push(...got);
      if (got.length < want) break;
    }
    if (total === Number.MAX_SAFE_INTEGER) total = offset + rows.length;
    return { percentage: 100, total, rows };
  }

  /**
   * One upstream fetch of the export, its rows left as FAZ's text when the answer is plain JSON (a
   * coalesced read may bring them parsed: those get their times here, as in window()).
   */
  private async exportWindow(record: LogSearchRecord, offset: number): Promise<ExportPage> {
    if (record.total !== undefined && offset >= record.total) return { total: record.total, rows: [] };
    const page = await this.fetchFinished(record, offset, UPSTREAM_FETCH, true);
    return {
      total: page.total,
      rows: page.rows instanceof RawLogRows ? page.rows : page.rows.map(withUtcTimes),
    };
  }

  private async fetchFinished(
    record: LogSearchRecord,
    offset: number,
    limit: number,
    raw = false,
  ): Promise<{ total: number; rows: Record<string, unknown>[] | RawLogRows }> {
    const deadline = Date.now() + REISSUE_WAIT_MS;
    for (let attempt = 0; ; attempt++) {
      if (record.tid === null) {
        await this.reissue(record);
        if (!(await this.waitFresh(record, deadline))) throw reissueTimeout();
      }
      try {
        const get = () => this.faz.request<FazSearchPage>('get', this.tidUrl(record), { offset, limit });
        const page = await (raw ? readBodiesWith(readLogPage, get) : get());
        const percentage = Number(page.percentage ?? 0);
        this.afterFetch(record);
        if (percentage < 100) {
          // A fresh tid that is not done (the probe said it was): wait and read again.
          if (attempt >= MAX_REISSUES || Date.now() > deadline) throw reissueTimeout();
          await sleep(POLL_MS);
          continue;
        }
        const total = Number(page['total-count'] ?? 0);
        if (record.total !== undefined && total !== record.total) {
          this.logger.warn(
            `Search ${record.id}: the search issued again holds ${total} rows, the first held ${record.total}.`,
          );
        }
        record.total = total;
        const rows = page.data instanceof RawLogRows || Array.isArray(page.data) ? page.data : [];
        return { total, rows };
      } catch (err) {
        if (!isTidGone(err) || attempt >= MAX_REISSUES) throw this.gone(record, err);
        // The tid answered one fetch and is gone now: this appliance spends tids on one fetch. (Once
        // tids were seen reused, a gone tid is the appliance's own expiry: nothing to learn.)
        if (record.tidFetched && this.appliance.tidBehaviour('logsearch') === 'unknown') {
          this.appliance.learn('logsearch', 'single-use');
        }
        record.tid = null;
      }
    }
  }

  /**
   * After a data fetch: on a single-use appliance the tid is spent (dropped, never deleted); otherwise
   * it is kept, and a second successful fetch on it shows the appliance lets tids be reused.
   */
  private afterFetch(record: LogSearchRecord): void {
    if (this.appliance.tidBehaviour('logsearch') === 'single-use') {
      record.tid = null;
      record.tidFetched = false;
      return;
    }
    if (record.tidFetched) this.appliance.learn('logsearch', 'reusable');
    record.tidFetched = true;
  }

  /** A tid that stays gone: the search is over for the client too. */
  private gone(record: LogSearchRecord, err: unknown): unknown {
    return isTidGone(err) ? notFound(record.id) : err;
  }

  private async owned(adom: string, id: string, owner: string): Promise<LogSearchRecord> {
    const record = await this.registry.get(id);
    // Someone else's search is answered exactly like a missing one: ids are not disclosed.
    if (
      !record ||
      record.adom !== adom ||
      record.owner !== owner ||
      record.analyzer !== analyzerOfRequest().analyzer
    ) {
      throw notFound(id);
    }
    return record;
  }

  private async consume(record: LogSearchRecord): Promise<void> {
    if (record.consumed) return;
    record.consumed = true;
    await this.release(record);
    await this.registry.put(record);
  }

  /** Deletes the live upstream search, if any; failures are logged, not thrown (FAZ reaps it anyway). */
  private async release(record: LogSearchRecord): Promise<void> {
    if (record.tid === null) return;
    try {
      await this.faz.request('delete', this.tidUrl(record));
    } catch (err) {
      if (!isTidGone(err)) {
        this.logger.warn(`Could not delete upstream log search ${record.tid}: ${(err as Error).message}`);
      }
    }
    record.tid = null;
  }

  private tidUrl(record: LogSearchRecord): string {
    return fmgUrl`/logview/adom/${record.adom}/logsearch/${record.tid!}`;
  }

  private view(record: LogSearchRecord, page: Progress): LogSearchDto {
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

/** `{analyzer}` when the request came through `/analyzers/{name}/…` (other than `default`), else nothing. */
function analyzerOfRequest(): { analyzer?: string } {
  const selected = currentContext()?.upstream;
  return selected?.product === 'faz' && selected.name !== 'default' ? { analyzer: selected.name } : {};
}
