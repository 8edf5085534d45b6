import { Injectable } from '@nestjs/common';
import { GatewayError, upstreamTimeout } from '../common/errors/gateway-error';
import { FmgClient } from '../upstream/clients';
import { TaskAcceptedDto } from '../tasks/dto/task.dto';
import { taskAccepted } from '../tasks/task-accepted';
import { MAX_WAIT_MS, TasksService } from '../tasks/tasks.service';
import { ScopeMemberDto } from './dto/package.dto';
import { PreviewDeviceDto, PreviewDto } from './dto/preview.dto';

/**
 * FMG's install preview is four steps (docs/upstream-api.md §8.6): (1) install/package with flag `preview`, a
 * task; (2) install/preview for the devices it prepared, another task; (3) preview/result per
 * device; (4) package/cancel/install. Reading (3) before (2) has finished is the classic race that
 * returns nothing or a stale text; here a result is only read after both tasks reported done.
 *
 * REST: POST starts (1) and answers 202; GET on the preview runs (2)+(3) once (1) is done, or
 * answers 409 with Retry-After while it runs; DELETE runs (4). No state is kept in the gateway,
 * so any replica can serve any step.
 */
@Injectable()
export class InstallPreviewService {
  constructor(
    private readonly fmg: FmgClient,
    private readonly tasks: TasksService,
  ) {}

  async start(adom: string, pkg: string, scope?: ScopeMemberDto[]): Promise<TaskAcceptedDto> {
    const data: Record<string, unknown> = { adom, pkg, flags: ['preview'] };
    if (scope) data.scope = scope.map((m) => (m.vdom ? { name: m.name, vdom: m.vdom } : { name: m.name }));
    const result = await this.fmg.request<{ task?: unknown } | undefined>('exec', {
      url: '/securityconsole/install/package',
      data,
    });
    return taskAccepted(result?.task, 'install-preview', (id) => previewHref(adom, pkg, id));
  }

  async result(adom: string, pkg: string, taskId: number): Promise<PreviewDto> {
    const prepared = await this.tasks.getTask(taskId);
    if (!prepared.done) {
      throw new GatewayError(
        'PREVIEW_NOT_READY',
        `The preview task ${taskId} is at ${prepared.percent}%; read the result once it is done.`,
        {
          extensions: { task: `/tasks/${taskId}`, percent: prepared.percent },
          headers: { 'Retry-After': '1' },
        },
      );
    }
    const lines = prepared.details ?? [];
    const devices: PreviewDeviceDto[] = lines
      .filter((l) => l.failed)
      .map((l) => ({ name: l.name, vdom: l.vdom, error: l.detail ?? 'preview failed' }));
    const ready = lines.filter((l) => !l.failed);
    if (ready.length > 0) {
      // Steps 2 and 3 on one session: the reference does not say whether FMG ties preview state to
      // the session, so we do not find out the hard way.
      const texts = await this.fmg.exclusive(async (session) => {
        const started = await session
          .request<{ task?: unknown } | undefined>('exec', {
            url: '/securityconsole/install/preview',
            data: {
              adom,
              scope: ready.map((l) => ({ name: l.name, vdom: l.vdom ?? 'root' })),
              flags: ['none'],
            },
          })
          .catch((err: unknown) => {
            throw notPrepared(err, taskId);
          });
        const generated = await this.tasks.getTask(
          taskAccepted(started?.task, 'preview').taskId,
          MAX_WAIT_MS,
        );
        if (!generated.done) throw upstreamTimeout('The install preview did not finish in time.');
        const failed = new Map(
          (generated.details ?? [])
            .filter((l) => l.failed)
            .map((l) => [l.name, l.detail ?? 'preview failed']),
        );
        const out: PreviewDeviceDto[] = [];
        for (const l of ready) {
          const error = failed.get(l.name);
          if (error !== undefined) {
            out.push({ name: l.name, vdom: l.vdom, error });
            continue;
          }
          const r = await session.request<{ message?: unknown } | undefined>('exec', {
            url: '/securityconsole/preview/result',
            data: { adom, device: l.name },
          });
          out.push({ name: l.name, vdom: l.vdom, cli: typeof r?.message === 'string' ? r.message : '' });
        }
        return out;
      });
      devices.push(...texts);
    }
    return { taskId, package: pkg, devices };
  }

  /** Step 4: drops the ADOM's prepared previews (and any unfinished install of the ADOM). */
  async discard(adom: string): Promise<void> {
    await this.fmg.request('exec', { url: '/securityconsole/package/cancel/install', data: { adom } });
  }
}

/** FMG answers a generic -1 when nothing is prepared (discarded, or replaced by a newer preview). */
function notPrepared(err: unknown, taskId: number): unknown {
  if (!(err instanceof GatewayError) || err.upstream?.code !== -1) return err;
  return new GatewayError(
    'PREVIEW_NOT_PREPARED',
    `FortiManager holds no prepared preview for task ${taskId} (discarded or replaced): start a new preview.`,
    { upstream: err.upstream },
  );
}

function previewHref(adom: string, pkg: string, id: number): string {
  return `/adoms/${encodeURIComponent(adom)}/packages/${encodeURIComponent(pkg)}/previews/${id}`;
}
