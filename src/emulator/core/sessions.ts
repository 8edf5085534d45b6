/** Login sessions: per-user cap (login-max), idle expiry, and a hook so locks die with sessions. */
import { randomBytes } from 'node:crypto';

export interface EmulatorUser {
  user: string;
  password: string;
  rpcPermit: 'read-write' | 'read' | 'none';
  /** API key (docs/upstream-api.md §5.2), sent as `Authorization: Bearer <key>`; no login needed. */
  apiKey?: string;
}

export interface Session {
  sid: string;
  /** Small integer id, used as `lock_sid` in lockinfo. */
  no: number;
  user: string;
  permit: EmulatorUser['rpcPermit'];
  lastUsed: number;
  /** Seeded sessions of other admins (e.g. a GUI user holding a lock): never expire, not counted. */
  foreign?: boolean;
  /** The pseudo-session of an API key: never expires, not counted, not addressable by `session`. */
  apiKey?: boolean;
}

export type LoginResult = { ok: true; session: Session } | { ok: false; code: number; message: string };

export interface SessionStats {
  live: number;
  byUser: Record<string, number>;
  foreign: number;
  loginMax: number;
  idleTimeoutMs: number;
  /** Highest number of simultaneous live sessions per user since start or reset. */
  maxLiveByUser: Record<string, number>;
}

export class Sessions {
  private readonly map = new Map<string, Session>();
  /** API-key pseudo-sessions by key. Kept apart from `map` so their sid never works as `session`. */
  private readonly keySessions = new Map<string, Session>();
  private maxLive: Record<string, number> = {};
  private seq = 0;

  constructor(
    private readonly users: EmulatorUser[],
    readonly loginMax: number,
    readonly idleTimeoutMs: number,
    /** Called whenever a session ends (logout, expiry, reset) so its workspace locks are released. */
    private readonly onEnd: (s: Session) => void,
  ) {}

  login(user: unknown, passwd: unknown): LoginResult {
    const u = this.users.find((x) => x.user === user && x.password === passwd);
    if (!u) return { ok: false, code: -22, message: 'Login fail' };
    return this.open(u);
  }

  /** Opens a session without a password, for logins that authenticated elsewhere (FortiCloud). */
  loginAs(user: string): LoginResult {
    const u = this.users.find((x) => x.user === user);
    if (!u) return { ok: false, code: -22, message: 'Login fail' };
    return this.open(u);
  }

  /**
   * The session an API key acts in. The admin guide says a key "always shares the same session";
   * [U] so one pseudo-session per key, created on first use, holds that key's workspace locks until
   * they are unlocked (it never idles out). Unknown keys and rpc-permit none yield undefined (-11).
   */
  forApiKey(key: string): Session | undefined {
    if (key === '') return undefined;
    const u = this.users.find((x) => x.apiKey === key);
    if (!u || u.rpcPermit === 'none') return undefined;
    let s = this.keySessions.get(key);
    if (!s) {
      s = {
        sid: `apikey-${randomBytes(18).toString('base64url')}`,
        no: ++this.seq,
        user: u.user,
        permit: u.rpcPermit,
        lastUsed: Date.now(),
        apiKey: true,
      };
      this.keySessions.set(key, s);
    }
    s.lastUsed = Date.now();
    return s;
  }

  /** User an API key belongs to, or null (for the calls log). */
  apiKeyUser(key: string): string | null {
    return (key !== '' && this.users.find((x) => x.apiKey === key)?.user) || null;
  }

  addForeign(user: string): Session {
    const session: Session = {
      sid: `foreign-${user}-${++this.seq}`,
      no: this.seq,
      user,
      permit: 'read-write',
      lastUsed: Date.now(),
      foreign: true,
    };
    this.map.set(session.sid, session);
    return session;
  }

  isForeign(sid: string): boolean {
    return this.map.get(sid)?.foreign === true;
  }

  /**
   * Ends a foreign session (a control-API lock holder) without the usual end-of-session hook, so the
   * caller decides what happens to its locks. Answers false for unknown or non-foreign sessions.
   */
  endForeign(sid: string): boolean {
    const s = this.map.get(sid);
    if (!s?.foreign) return false;
    this.map.delete(sid);
    return true;
  }

  /** Looks up a live session and refreshes its idle timer; expired ones are removed lazily. */
  touch(sid: unknown): Session | undefined {
    if (typeof sid !== 'string') return undefined;
    const s = this.map.get(sid);
    if (!s) return undefined;
    if (this.isExpired(s)) {
      this.end(s);
      return undefined;
    }
    s.lastUsed = Date.now();
    return s;
  }

  /** User of a live session, without refreshing its idle timer (for the calls log). */
  peekUser(sid: unknown): string | null {
    const s = typeof sid === 'string' ? this.map.get(sid) : undefined;
    return s && !this.isExpired(s) ? s.user : null;
  }

  logout(s: Session): void {
    this.end(s);
  }

  /** Simulates idle expiry of every login session (foreign and API-key sessions do not idle out). */
  expireAll(): number {
    const victims = [...this.map.values()].filter((s) => !s.foreign);
    victims.forEach((s) => this.end(s));
    return victims.length;
  }

  clear(): void {
    this.map.clear();
    this.keySessions.clear();
    this.maxLive = {};
  }

  stats(): SessionStats {
    this.purgeExpired();
    const byUser: Record<string, number> = {};
    let live = 0;
    let foreign = 0;
    for (const s of this.map.values()) {
      if (s.foreign) {
        foreign++;
        continue;
      }
      live++;
      byUser[s.user] = (byUser[s.user] ?? 0) + 1;
    }
    return {
      live,
      byUser,
      foreign,
      loginMax: this.loginMax,
      idleTimeoutMs: this.idleTimeoutMs,
      maxLiveByUser: { ...this.maxLive },
    };
  }

  private open(u: EmulatorUser): LoginResult {
    // Idle sessions must not hold slots (or locks) past their expiry.
    this.purgeExpired();
    // rpc-permit none: login itself answers -11 (docs/upstream-api.md §5.1).
    if (u.rpcPermit === 'none') return { ok: false, code: -11, message: 'No permission for the resource' };
    const count = this.countFor(u.user);
    if (count >= this.loginMax) {
      // [U] The reference documents login-max (default 32) but not the refusal's code or text.
      return { ok: false, code: -22, message: 'Login fail: maximum number of sessions reached' };
    }
    const session: Session = {
      // Base64 like the real tokens, so clients must treat it as opaque (it may contain + / =).
      sid: randomBytes(30).toString('base64'),
      no: ++this.seq,
      user: u.user,
      permit: u.rpcPermit,
      lastUsed: Date.now(),
    };
    this.map.set(session.sid, session);
    this.maxLive[u.user] = Math.max(this.maxLive[u.user] ?? 0, count + 1);
    return { ok: true, session };
  }

  private countFor(user: string): number {
    return [...this.map.values()].filter((s) => !s.foreign && s.user === user).length;
  }

  private isExpired(s: Session): boolean {
    return !s.foreign && Date.now() - s.lastUsed > this.idleTimeoutMs;
  }

  /** Ends idle sessions now, so their workspace locks are not held past expiry. */
  purgeExpired(): void {
    for (const s of [...this.map.values()]) if (this.isExpired(s)) this.end(s);
  }

  private end(s: Session): void {
    if (this.map.delete(s.sid)) this.onEnd(s);
  }
}
