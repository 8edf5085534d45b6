import { Injectable } from '@nestjs/common';
import { upstreamProtocolError, upstreamTimeout } from '../common/errors/gateway-error';
import { FmgClient } from '../upstream/clients';
import { fmgUrl } from '../upstream/dialects/fmg-url';
import { RpcSession } from '../upstream/rpc-client';
import { TranslatorService } from '../translator/translator.service';
import { WorkspaceLocks } from '../upstream/workspace/workspace-locks.service';
import { DiffChangeDto, RevisionDiffDto } from './dto/revision.dto';
import { REVISION_RESOURCE, revisionUrl } from './revision.resource';

/** How long a diff may take before the gateway gives up (and still ends it upstream). */
export const DIFF_DEADLINE_MS = 60_000;
const DIFF_POLL_MS = 250;

/**
 * ADOM revisions (docs/upstream-api.md §8.8). Revisions themselves are dvmdb rows (no workspace lock); a revert
 * rewrites the ADOM's config, so it runs under the ADOM lock like any other config write.
 */
@Injectable()
export class RevisionsService {
  constructor(
    private readonly translator: TranslatorService,
    private readonly fmg: FmgClient,
    private readonly locks: WorkspaceLocks,
  ) {}

  /** A read of the revision, for its 404 when there is none. */
  private async exists(adom: string, id: number): Promise<void> {
    await this.translator.read(REVISION_RESOURCE, revisionUrl(adom, id));
  }

  async revert(adom: string, id: number): Promise<void> {
    await this.locks.write(adom, (session) =>
      session.request('exec', {
        url: fmgUrl`/dvmdb/adom/${adom}/revision/revert`,
        data: { version: id },
      }),
    );
  }

  /**
   * cache/diff is a three-step upstream job: start → token, poll the summary until percent 100,
   * end. It runs on one held session (the token belongs to it) and is always ended, even when the
   * client is gone or the deadline passed, so nothing piles up on the FMG.
   */
  async diff(adom: string, id: number, against = 'current'): Promise<RevisionDiffDto> {
    const ref = (n: string) => (n === 'current' ? `adom/${adom}` : `adom/${adom}/revision/${n}`);
    // Checked first: a diff against a revision that does not exist should be a 404 on that revision.
    await this.exists(adom, id);
    if (against !== 'current') await this.exists(adom, Number(against));
    return this.fmg.exclusive(async (session) => {
      const started = await session.request<{ token?: unknown }>('exec', {
        url: '/cache/diff/start',
        data: { src: ref(String(id)), dst: ref(against) },
      });
      const token = started?.token;
      if (typeof token !== 'string') throw upstreamProtocolError('The upstream did not answer a diff token.');
      try {
        return { from: id, to: against, changes: await pollSummary(session, token) };
      } finally {
        await session.request('exec', { url: '/cache/diff/end', token }).catch(() => undefined);
      }
    });
  }
}

async function pollSummary(session: RpcSession, token: string): Promise<DiffChangeDto[]> {
  const deadline = Date.now() + DIFF_DEADLINE_MS;
  for (;;) {
    // The token is a sibling of url, not part of data (docs/upstream-api.md §8.8).
    const r = await session.request<{ percent?: unknown; summary?: unknown }>('exec', {
      url: '/cache/diff/get/summary',
      token,
    });
    if (Number(r?.percent) >= 100) return toChanges(r?.summary);
    if (Date.now() >= deadline) throw upstreamTimeout('The revision diff did not finish in time.');
    await new Promise((resolve) => setTimeout(resolve, DIFF_POLL_MS));
  }
}

function toChanges(summary: unknown): DiffChangeDto[] {
  if (!Array.isArray(summary)) return [];
  const names = (v: unknown) => (Array.isArray(v) ? v.map(String) : []);
  return (summary as Record<string, unknown>[]).map((s) => ({
    category: typeof s.category === 'string' ? s.category : '',
    added: names(s.added),
    deleted: names(s.deleted),
    modified: names(s.modified),
  }));
}
