/** Login sessions: per-user cap (login-max), idle expiry, and a hook so locks die with sessions. */
import { randomBytes } from 'node:crypto';

export interface EmulatorUser {
  user: string;
  password: string;
  rpcPermit: 'read-write' | 'read' | 'none';
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
}

export type LoginResult = { ok: true; session: Session } | { ok: false; code: number; message: string };

export class Sessions {
  private readonly map = new Map<string, Session>();
  private seq = 0;

  constructor(
    private readonly users: EmulatorUser[],
    private readonly loginMax: number,
    private readonly idleTimeoutMs: number,
    /** Called whenever a session ends (logout, expiry, reset) so its workspace locks are released. */
    private readonly onEnd: (s: Session) => void,
  ) {}

  login(user: unknown, passwd: unknown): LoginResult {
    this.purgeExpired();
    const u = this.users.find((x) => x.user === user && x.password === passwd);
    if (!u) return { ok: false, code: -22, message: 'Login fail' };
    // rpc-permit none: login itself answers -11 (reference §5.1).
    if (u.rpcPermit === 'none') return { ok: false, code: -11, message: 'No permission for the resource' };
    if (this.countFor(u.user) >= this.loginMax) {
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
    return { ok: true, session };
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

  /** Simulates idle expiry of every non-foreign session. */
  expireAll(): number {
    const victims = [...this.map.values()].filter((s) => !s.foreign);
    victims.forEach((s) => this.end(s));
    return victims.length;
  }

  clear(): void {
    this.map.clear();
  }

  stats(): { live: number; byUser: Record<string, number>; foreign: number } {
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
    return { live, byUser, foreign };
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
