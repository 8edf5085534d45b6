import { Injectable } from '@nestjs/common';
import type { Principal } from '../auth/principal';
import { FmgClient } from '../upstream/clients';
import { WorkspaceStateDto } from './dto/workspace.dto';
import { WorkspaceLocks } from '../upstream/workspace/workspace-locks.service';

/**
 * Lock, commit and unlock answer the state as FortiManager has it after the action (mode re-read, not
 * cached), so an answer never contradicts what FMG did.
 *
 * The explicit side of workspace mode: a client locks an ADOM, makes several writes, commits and
 * unlocks (a change set). Single writes without a change set are locked automatically (WorkspaceLocks).
 */
@Injectable()
export class WorkspaceService {
  constructor(
    private readonly fmg: FmgClient,
    private readonly locks: WorkspaceLocks,
  ) {}

  async getWorkspace(adom: string, fresh = false): Promise<WorkspaceStateDto> {
    const enabled = fresh
      ? await this.locks.freshWorkspaceEnabled(adom)
      : await this.locks.workspaceEnabled(adom);
    if (!enabled) return { enabled: false, locked: false };
    const lock = await this.locks.lockInfo(this.fmg, adom);
    const changeSet = await this.locks.changeSetOf(adom);
    return {
      enabled: true,
      locked: lock !== undefined,
      lockedBy: lock?.lock_user,
      lockedAt: lock?.lock_time,
      dirty: lock?.dirty === undefined ? undefined : lock.dirty === 1,
      changeSetOwner: changeSet?.owner,
      changeSetReplica: changeSet?.replica,
    };
  }

  async lockWorkspace(adom: string, principal: Principal): Promise<WorkspaceStateDto> {
    await this.locks.openChangeSet(adom, principal.subject);
    return this.getWorkspace(adom, true);
  }

  async commitWorkspace(adom: string): Promise<WorkspaceStateDto> {
    await this.locks.commitChangeSet(adom);
    return this.getWorkspace(adom, true);
  }

  async unlockWorkspace(adom: string): Promise<WorkspaceStateDto> {
    await this.locks.closeChangeSet(adom);
    return this.getWorkspace(adom, true);
  }
}
