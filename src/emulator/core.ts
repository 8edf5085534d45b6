/** Emulator state container: store, sessions, faults and call log, plus reset. */
import { CallLog } from './calls';
import { Faults, type Fault } from './faults';
import { handleRpc } from './rpc';
import { buildStore, SEED_TIME } from './seed';
import { Sessions, type EmulatorUser } from './sessions';
import type { Store } from './store';
import { lockAdom, releaseSessionLocks } from './workspace';

export interface CoreOptions {
  users: EmulatorUser[];
  loginMax: number;
  idleTimeoutMs: number;
  seed: boolean;
}

export class EmulatorCore {
  readonly sessions: Sessions;
  readonly faults = new Faults();
  readonly calls = new CallLog();
  store: Store;

  constructor(private readonly opts: CoreOptions) {
    this.sessions = new Sessions(opts.users, opts.loginMax, opts.idleTimeoutMs, (s) =>
      releaseSessionLocks(this.store, s.sid),
    );
    this.store = this.build();
  }

  rpc(body: unknown, fault?: Fault): Record<string, unknown> {
    return handleRpc({ store: this.store, sessions: this.sessions, calls: this.calls }, body, fault);
  }

  /** Clears faults, sessions and the call log, then reseeds. */
  reset(): void {
    this.faults.clear();
    this.sessions.clear();
    this.calls.clear();
    this.store = this.build();
  }

  private build(): Store {
    const store = buildStore(this.opts.seed);
    const dc = store.adoms.get('datacenter');
    if (dc) {
      // A GUI admin who is not an API user holds the datacenter lock and never logs out,
      // so clients meet -20055 exactly as with a forgotten GUI session.
      lockAdom(dc, this.sessions.addForeign('jsmith'), SEED_TIME * 1000);
    }
    return store;
  }
}
