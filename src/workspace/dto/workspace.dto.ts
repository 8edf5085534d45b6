/** Workspace (ADOM lock) state as seen by the gateway's upstream account. */
export class WorkspaceStateDto {
  /**
   * Whether the ADOM is in workspace mode (writes need a lock).
   * @example true
   */
  enabled!: boolean;
  /** @example true */
  locked!: boolean;
  /**
   * Administrator holding the lock.
   * @example 'jsmith'
   */
  lockedBy?: string;
  /**
   * Lock time, epoch seconds.
   * @example 1795000000
   */
  lockedAt?: number;
  /**
   * Uncommitted changes exist in the locking session.
   * @example false
   */
  dirty?: boolean;
  /**
   * Client (token subject) that opened the gateway change set holding the lock.
   * @example 'ci-pipeline'
   */
  changeSetOwner?: string;
  /** Gateway replica holding the change set: its writes, commit and unlock must be sent there (sticky routing). */
  changeSetReplica?: string;
}
