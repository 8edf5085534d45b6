import { Injectable } from '@nestjs/common';
import { ScopeMemberDto } from '../packages/dto/package.dto';
import { FmgClient } from '../upstream/clients';
import { WorkspaceLocks } from '../upstream/workspace/workspace-locks.service';

const member = (name: string, vdom?: string) => (vdom ? { name, vdom } : { name });

/**
 * The `scope member` sub-table of a package or template (docs/upstream-api.md §8.2, §8.11): one target is added
 * or removed with `add`/`delete` on the sub-url, so other targets are never rewritten (no read-modify-write
 * race with a concurrent change). Writes take the ADOM's workspace lock like every ADOM write.
 */
@Injectable()
export class TargetsService {
  constructor(
    private readonly fmg: FmgClient,
    private readonly locks: WorkspaceLocks,
  ) {}

  async list(ownerUrl: string): Promise<ScopeMemberDto[]> {
    // Reading the owner first turns an unknown package/template into a 404 (the sub-url alone may answer []).
    await this.fmg.request('get', { url: ownerUrl, fields: ['name'] });
    const rows = await this.fmg.request<Record<string, unknown>[] | undefined>('get', {
      url: `${ownerUrl}/scope member`,
    });
    return (rows ?? []).map((r) => member(String(r.name), typeof r.vdom === 'string' ? r.vdom : undefined));
  }

  async add(adom: string, ownerUrl: string, device: string, vdom?: string): Promise<ScopeMemberDto[]> {
    await this.locks.write(adom, (s) =>
      s.request('add', { url: `${ownerUrl}/scope member`, data: [member(device, vdom)] }),
    );
    return this.list(ownerUrl);
  }

  async remove(adom: string, ownerUrl: string, device: string, vdom?: string): Promise<void> {
    await this.locks.write(adom, (s) =>
      s.request('delete', { url: `${ownerUrl}/scope member`, data: [member(device, vdom)] }),
    );
  }
}
