import { hash } from 'node:crypto';
import { CanActivate, ExecutionContext, Inject, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply } from 'fastify';
import { AuthenticatedRequest, routeAccess } from '../auth/auth.decorators';
import { ANONYMOUS } from '../auth/principal';
import { APP_CONFIG } from '../config/app-config';
import type { AppConfig } from '../config/app-config';
import { GatewayError } from '../common/errors/gateway-error';
import { SharedState, WindowHits } from '../shared-state/shared-state';
import { slidingWindow } from './sliding-window';

export const RATE_LIMIT_WINDOW_MS = 60_000;
/** Between two "shared state unavailable" warnings. */
const WARN_EVERY_MS = 10_000;

/**
 * Requests per client per minute, counted in shared state so replicas enforce one limit together. The
 * client is the token subject, or the IP address when there is no subject (authentication disabled).
 * A sliding window (sliding-window.ts) whose fixed windows start with the client's first request, so a
 * client never gets twice its limit across a window boundary. Public routes (health) are exempt; /docs
 * is served outside Nest's routing and so is too. A guard, run after the auth guard (which names the client;
 * the order is set in AppModule). Not an interceptor: one interceptor on a route makes Nest run the whole
 * request through rxjs (see AppModule).
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  private readonly logger = new Logger('RateLimit');
  private readonly limit: number;
  private lastWarning = 0;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly reflector: Reflector,
    private readonly state: SharedState,
  ) {
    this.limit = config.rateLimit?.perMinute ?? 0;
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.limit === 0 || context.getType() !== 'http') return true;
    if (routeAccess(this.reflector, context).isPublic) return true;
    const http = context.switchToHttp();
    await this.count(http.getRequest(), http.getResponse());
    return true;
  }

  private async count(request: AuthenticatedRequest, reply: FastifyReply): Promise<void> {
    const user = request.user;
    const client = user && user !== ANONYMOUS ? `sub:${user.subject}` : `ip:${request.ip}`;
    // The one-shot hash: a Hash object per request cost more than hashing the short name (~1.5 % of a get).
    const key = `ratelimit:${hash('sha256', client, 'hex').slice(0, 32)}`;
    let hits: WindowHits;
    try {
      hits = await this.state.countHit(key, RATE_LIMIT_WINDOW_MS);
    } catch (err) {
      // Limiting protects the upstream; it must not take the API down with the shared store.
      if (Date.now() - this.lastWarning > WARN_EVERY_MS) {
        this.lastWarning = Date.now();
        this.logger.warn(`Rate limit not applied, shared state unavailable: ${(err as Error).message}`);
      }
      return;
    }
    const verdict = slidingWindow(this.limit, RATE_LIMIT_WINDOW_MS, hits);
    const resetS = Math.max(1, Math.ceil(verdict.resetMs / 1000));
    const headers: Record<string, string> = {
      'RateLimit-Limit': String(this.limit),
      'RateLimit-Remaining': String(verdict.remaining),
      'RateLimit-Reset': String(resetS),
      'RateLimit-Policy': `${this.limit};w=${RATE_LIMIT_WINDOW_MS / 1000}`,
    };
    if (verdict.limited) {
      throw new GatewayError(
        'RATE_LIMITED',
        `This client may send ${this.limit} requests per minute; try again in ${resetS} s.`,
        { extensions: { retryable: true }, headers: { ...headers, 'Retry-After': String(resetS) } },
      );
    }
    for (const [name, value] of Object.entries(headers)) void reply.header(name, value);
  }
}
