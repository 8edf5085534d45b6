import { Injectable } from '@nestjs/common';
import { upstreamProtocolError } from '../common/errors/gateway-error';
import { Page } from '../common/http/page.dto';
import { TaskAcceptedDto } from '../tasks/dto/task.dto';
import { taskAccepted } from '../tasks/task-accepted';
import { FmgClient } from '../upstream/clients';
import { fmgUrl } from '../upstream/dialects/fmg-url';
import { DeviceRevisionConfigDto, DeviceRevisionDiffDto, DeviceRevisionDto } from './dto/device-revision.dto';
import { diffLines } from './line-diff';

type Row = Record<string, unknown>;

/**
 * A device's stored configuration revisions (docs/upstream-api.md §8.9): `exec deployment/get/device/revision`
 * lists them, `deployment/checkout/revision` reads one; "retrieve config" is `exec dvm/cmd/reload/dev-list`.
 * Those urls name the device only, so the device is first looked up in the ADOM of the path: a device of
 * another ADOM is a 404 here, whatever the caller's ADOM scope.
 */
@Injectable()
export class DeviceRevisionsService {
  constructor(private readonly fmg: FmgClient) {}

  async list(adom: string, device: string): Promise<Page<DeviceRevisionDto>> {
    await this.requireDevice(adom, device);
    const answer = await this.fmg.request<{ revinfo?: unknown } | null>('exec', {
      url: '/deployment/get/device/revision',
      data: { adom, device },
    });
    const rows = Array.isArray(answer?.revinfo) ? (answer.revinfo as Row[]) : [];
    const items = rows.map((r) => ({
      revision: Number(r.revision),
      ...(typeof r.comments === 'string' ? { comment: r.comments } : {}),
      ...(typeof r.instusr === 'string' ? { createdBy: r.instusr } : {}),
      ...(typeof r.instime === 'string' ? { createdAt: r.instime } : {}),
    }));
    return { items, total: items.length, offset: 0, limit: items.length };
  }

  async read(adom: string, device: string, revision: number): Promise<DeviceRevisionConfigDto> {
    await this.requireDevice(adom, device);
    return { revision, config: await this.checkout(adom, device, revision) };
  }

  async diff(adom: string, device: string, from: number, to: number): Promise<DeviceRevisionDiffDto> {
    await this.requireDevice(adom, device);
    const [a, b] = await Promise.all([this.checkout(adom, device, from), this.checkout(adom, device, to)]);
    const d = diffLines(a, b, [`revision ${from}`, `revision ${to}`]);
    return { from, to, added: d.added, removed: d.removed, diff: d.text };
  }

  /** Retrieves the running configuration into a new revision, as a task (HOWTO: `create_task`, `nonblocking`). */
  async retrieve(adom: string, device: string): Promise<TaskAcceptedDto> {
    await this.requireDevice(adom, device);
    const result = await this.fmg.request<{ taskid?: unknown } | null>('exec', {
      url: '/dvm/cmd/reload/dev-list',
      data: { adom, flags: ['create_task', 'nonblocking'], 'reload-dev-member-list': [{ name: device }] },
    });
    return taskAccepted(result?.taskid, 'retrieve-config');
  }

  private async checkout(adom: string, device: string, revision: number): Promise<string> {
    const answer = await this.fmg.request<{ content?: unknown } | null>('exec', {
      url: '/deployment/checkout/revision',
      data: { adom, device, revision },
    });
    if (typeof answer?.content !== 'string') {
      throw upstreamProtocolError(`FortiManager answered no configuration for revision ${revision}.`);
    }
    return answer.content;
  }

  private async requireDevice(adom: string, device: string): Promise<void> {
    await this.fmg.request('get', {
      url: fmgUrl`/dvmdb/adom/${adom}/device/${device}`,
      fields: ['name'],
      loadsub: 0,
    });
  }
}
