import { Injectable } from '@nestjs/common';
import { GatewayError } from '../common/errors/gateway-error';
import { fmgUrl } from '../fortimanager/fmg-url';
import { FmgClient } from '../fortimanager/fmg-client';
import { WorkspaceStateDto } from './dto/workspace.dto';

interface LockInfo {
  lock_user?: string;
  lock_time?: number;
  dirty?: number;
}

const FMG_WORKSPACE_LOCKED = -20055;

/**
 * ADOM workspace locks (reference §6): lock → writes → commit → unlock. Locks belong to the
 * upstream session, i.e. to the gateway's account. A foreign lock is reported with its owner.
 */
@Injectable()
export class WorkspaceService {
  constructor(private readonly fmg: FmgClient) {}

  async getWorkspace(adom: string): Promise<WorkspaceStateDto> {
    const info = await this.fmg.request<{ workspace_mode?: number }>('get', {
      url: fmgUrl`/dvmdb/adom/${adom}`,
      fields: ['name', 'workspace_mode'],
    });
    if (!info?.workspace_mode) return { enabled: false, locked: false };
    const lock = await this.lockInfo(adom);
    return {
      enabled: true,
      locked: lock !== undefined,
      lockedBy: lock?.lock_user,
      lockedAt: lock?.lock_time,
      dirty: lock?.dirty === undefined ? undefined : lock.dirty === 1,
    };
  }

  async lockWorkspace(adom: string): Promise<WorkspaceStateDto> {
    try {
      await this.fmg.request('exec', { url: fmgUrl`/dvmdb/adom/${adom}/workspace/lock` });
    } catch (err) {
      if (err instanceof GatewayError && err.upstream?.code === FMG_WORKSPACE_LOCKED) {
        throw await this.withOwner(adom, err);
      }
      throw err;
    }
    return this.getWorkspace(adom);
  }

  async commitWorkspace(adom: string): Promise<WorkspaceStateDto> {
    await this.fmg.request('exec', { url: fmgUrl`/dvmdb/adom/${adom}/workspace/commit` });
    return this.getWorkspace(adom);
  }

  async unlockWorkspace(adom: string): Promise<WorkspaceStateDto> {
    await this.fmg.request('exec', { url: fmgUrl`/dvmdb/adom/${adom}/workspace/unlock` });
    return this.getWorkspace(adom);
  }

  private async lockInfo(adom: string): Promise<LockInfo | undefined> {
    const data = await this.fmg.request<LockInfo[] | LockInfo | undefined>('get', {
      url: fmgUrl`/dvmdb/adom/${adom}/workspace/lockinfo`,
    });
    // No `data` at all means unlocked (reference §6).
    return Array.isArray(data) ? data[0] : (data ?? undefined);
  }

  /** The -20055 message does not name the owner; lockinfo does. Best effort: the 423 stands regardless. */
  private async withOwner(adom: string, err: GatewayError): Promise<GatewayError> {
    const owner = await this.lockInfo(adom).catch(() => undefined);
    if (!owner?.lock_user) return err;
    return new GatewayError({
      status: err.status,
      code: err.code,
      title: err.title,
      detail: `ADOM "${adom}" is locked by ${owner.lock_user}.`,
      upstream: err.upstream,
      extensions: { ...err.extensions, lockedBy: owner.lock_user, lockedAt: owner.lock_time },
      headers: err.headers,
    });
  }
}
