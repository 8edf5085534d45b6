/** Emulator state container: store, sessions, OAuth tokens, faults and call log, plus reset. */
import { TokenGate } from './apikey';
import { CallLog } from './calls';
import { Faults, type Fault } from './faults';
import { OAuthTokens, type CloudUser } from './oauth';
import { hasParallelTokenBug, type ProductInfo } from './product';
import { handleRpc, type RpcAuth } from './rpc';
import { buildStore, SEED_TIME } from './seed';
import { Sessions, type EmulatorUser, type SessionStats } from './sessions';
import type { Store } from './store';
import { lockAdom, releaseSessionLocks } from './workspace';

export interface CoreOptions {
  users: EmulatorUser[];
  loginMax: number;
  idleTimeoutMs: number;
  seed: boolean;
  product: ProductInfo;
  cloudUsers: CloudUser[];
  oauthTokenTtlMs: number;
}

/** `GET /__emulator/sessions`. */
export interface SessionReport extends SessionStats {
  /** Params elements answered with a spurious -11 by the parallel-token bug. */
  tokenCollisions: number;
  /** Live FortiCloud OAuth access tokens. */
  oauthTokens: number;
}

export class EmulatorCore {
  readonly sessions: Sessions;
  readonly faults = new Faults();
  readonly calls = new CallLog();
  readonly oauth: OAuthTokens;
  readonly tokenGate: TokenGate;
  readonly product: ProductInfo;
  store: Store;

  constructor(private readonly opts: CoreOptions) {
    this.product = opts.product;
    this.sessions = new Sessions(opts.users, opts.loginMax, opts.idleTimeoutMs, (s) =>
      releaseSessionLocks(this.store, s.sid),
    );
    this.oauth = new OAuthTokens(opts.cloudUsers, opts.oauthTokenTtlMs);
    this.tokenGate = new TokenGate(hasParallelTokenBug(opts.product.version));
    this.store = this.build();
  }

  rpc(body: unknown, fault?: Fault, auth?: RpcAuth): Record<string, unknown> {
    return handleRpc(
      {
        store: this.store,
        sessions: this.sessions,
        calls: this.calls,
        product: this.product,
        onTokenCollision: () => this.tokenGate.collisions++,
      },
      body,
      fault,
      auth,
    );
  }

  sessionReport(): SessionReport {
    return {
      ...this.sessions.stats(),
      tokenCollisions: this.tokenGate.collisions,
      oauthTokens: this.oauth.live(),
    };
  }

  /** Clears faults, sessions, OAuth tokens, counters and the call log, then reseeds. */
  reset(): void {
    this.faults.clear();
    this.sessions.clear();
    this.oauth.clear();
    this.tokenGate.collisions = 0;
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
