import { Injectable } from '@nestjs/common';
import { interval, Observable, switchMap, takeWhile, from, startWith, map, distinctUntilChanged } from 'rxjs';
import { forbidden } from '../auth/auth.guard';
import { adomAllowed, Principal } from '../auth/principal';
import { GatewayError, upstreamProtocolError } from '../common/errors/gateway-error';
import { Page } from '../common/http/page.dto';
import { FmgClient } from '../upstream/clients';
import { fmgUrl } from '../upstream/dialects/fmg-url';
import { ListQueryDto } from '../translator/list-query.dto';
import { TranslatorService } from '../translator/translator.service';
import { ResourceDef } from '../translator/resource';
import { TaskDto } from './dto/task.dto';
import { toTask } from './task.mapper';

/** How often the gateway asks FMG about a task it is waiting on. */
export const TASK_POLL_MS = 500;
export const MAX_WAIT_MS = 60_000;

/** Only the attributes a client may filter or sort the task list on. */
const TASK_LIST: ResourceDef<{
  id: number;
  title: string;
  source: string;
  user: string;
  percent: number;
  state: string;
}> = {
  label: 'task',
  key: 'id',
  fields: { id: 'id', title: 'title', source: 'src', user: 'user', percent: 'percent', state: 'state' },
};

/** Task sources FMG can stop (`exec /securityconsole/abort`). */
const CANCELLABLE_SOURCES = new Set(['security console', 'install device']);

export function parseWait(wait: string | undefined): number {
  if (!wait) return 0;
  const n = Number(wait.replace(/ms|s$/, ''));
  return Math.min(wait.endsWith('ms') ? n : n * 1000, MAX_WAIT_MS);
}

/**
 * FMG tasks as REST: read, long-poll until done, or stream progress. Reads the task as a whole each
 * time (docs/upstream-api.md §7: done when percent is 100) rather than trusting any single field.
 */
@Injectable()
export class TasksService {
  constructor(
    private readonly fmg: FmgClient,
    private readonly translator: TranslatorService,
  ) {}

  listTasks(query: ListQueryDto): Promise<Page<TaskDto>> {
    return this.translator.list(TASK_LIST, '/task/task', query, { mapRow: toTask });
  }

  async getTask(id: number, waitMs = 0): Promise<TaskDto> {
    const deadline = Date.now() + waitMs;
    for (;;) {
      const task = toTask(
        await this.fmg.request<Record<string, unknown>>('get', { url: fmgUrl`/task/task/${id}` }),
      );
      const remaining = deadline - Date.now();
      if (task.done || remaining <= 0) return task;
      await new Promise((r) => setTimeout(r, Math.min(TASK_POLL_MS, remaining)));
    }
  }

  /**
   * FMG has no generic task cancel. Installs (src "security console" / "install device") stop
   * through `exec /securityconsole/abort {adom}` (docs/upstream-api.md §8.6), which acts on the task's ADOM;
   * anything else is refused rather than pretending. The caller must be allowed that ADOM.
   */
  async cancelTask(id: number, principal: Principal): Promise<TaskDto> {
    const raw = await this.fmg.request<Record<string, unknown>>('get', { url: fmgUrl`/task/task/${id}` });
    const task = toTask(raw);
    if (task.done) {
      throw new GatewayError(
        'TASK_FINISHED',
        `Task ${id} already ended (${task.state}); there is nothing to cancel.`,
      );
    }
    if (!CANCELLABLE_SOURCES.has(task.source ?? '')) {
      throw new GatewayError(
        'TASK_NOT_CANCELLABLE',
        `FortiManager offers no way to cancel a "${task.source ?? 'unknown'}" task; only installs can be aborted.`,
      );
    }
    const adom = await this.adomName(Number(raw?.adom));
    if (!adomAllowed(principal, adom)) {
      throw forbidden('ADOM_NOT_ALLOWED', `Task ${id} belongs to an ADOM this client may not use.`);
    }
    await this.fmg.request('exec', { url: '/securityconsole/abort', data: { adom } });
    return this.getTask(id);
  }

  private async adomName(oid: number): Promise<string> {
    const rows = await this.fmg.request<{ name?: unknown }[] | null>('get', {
      url: '/dvmdb/adom',
      fields: ['name'],
      filter: ['oid', '==', oid],
    });
    const name = rows?.[0]?.name;
    if (typeof name !== 'string') throw upstreamProtocolError(`No ADOM with oid ${oid} for the task.`);
    return name;
  }

  /** Server-Sent Events: one event per change of progress, the last one when the task ends. */
  streamTask(id: number): Observable<{ data: TaskDto; type: string; id: string }> {
    return interval(TASK_POLL_MS).pipe(
      startWith(0),
      switchMap(() => from(this.getTask(id))),
      distinctUntilChanged(
        (a, b) => a.percent === b.percent && a.state === b.state && a.linesDone === b.linesDone,
      ),
      takeWhile((task) => !task.done, true),
      map((task) => ({
        data: task,
        type: task.done ? 'done' : 'progress',
        id: `${task.id}-${task.percent}`,
      })),
    );
  }
}
