import { Injectable } from '@nestjs/common';
import { SharedState } from '../shared-state/shared-state';
import type { FazTaskKind } from './faz-appliance';

/** How long a run's definition is kept after its last use. */
export const TASK_TTL_MS = 30 * 60_000;

/**
 * A FortiView or report run as the client knows it: its id is the first upstream tid and stays the same;
 * `tid` is the live upstream task, replaced when the appliance reaped it and the run was issued again.
 */
export interface FazTaskRecord<P = Record<string, unknown>> {
  /** The `add` parameters, with the time window frozen in the appliance's wall clock. */
  params: P;
  tid: number | string;
  /** Upstream runs issued for this client run (1 at creation). */
  runs: number;
}

/**
 * Definitions of FAZ runs, in shared state (so any replica can issue a run again). Keyed by kind, ADOM,
 * a scope (the FortiView view) and the client id.
 */
@Injectable()
export class FazTaskStore {
  constructor(private readonly state: SharedState) {}

  get<P>(
    kind: FazTaskKind,
    adom: string,
    scope: string,
    id: string | number,
  ): Promise<FazTaskRecord<P> | undefined> {
    return this.state.get<FazTaskRecord<P>>(key(kind, adom, scope, id));
  }

  put(
    kind: FazTaskKind,
    adom: string,
    scope: string,
    id: string | number,
    record: FazTaskRecord,
  ): Promise<void> {
    return this.state.set(key(kind, adom, scope, id), record, TASK_TTL_MS);
  }

  delete(kind: FazTaskKind, adom: string, scope: string, id: string | number): Promise<void> {
    return this.state.delete(key(kind, adom, scope, id));
  }
}

const key = (kind: string, adom: string, scope: string, id: string | number) =>
  `faz-task:${kind}:${encodeURIComponent(adom)}:${scope}:${String(id)}`;
