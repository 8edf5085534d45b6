import { ExecutionContext, Inject, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { APP_CONFIG, DEFAULT_UPSTREAM } from '../config/app-config';
import type { AppConfig } from '../config/app-config';
import { currentContext } from '../common/context/request-context';
import { nameAllowed } from '../common/context/upstream-path';
import { GatewayError } from '../common/errors/gateway-error';
import { AuthenticatedRequest, routeAccess } from './auth.decorators';
import { invalidAdomName, upstreamNotAllowed } from '../common/errors/request-errors';
import { isAdomName, quoteName } from './adom-name';
import { adomAllowed, ANONYMOUS, hasScope, Principal, principalFor, Scope } from './principal';
import { VerifiedTokens } from './verified-tokens';

const CHALLENGE = 'Bearer realm="fortirest"';
/** The one form of header the verified-token cache recognises; anything else goes to passport as is. */
const BEARER = /^Bearer ([\w.~+/=-]+)$/i;

export function unauthorized(detail: string): GatewayError {
  return new GatewayError('UNAUTHORIZED', detail, {
    headers: { 'WWW-Authenticate': `${CHALLENGE}, error="invalid_token"` },
  });
}

export function forbidden(
  code: 'ROUTE_NOT_DECLARED' | 'INSUFFICIENT_SCOPE' | 'ADOM_NOT_ALLOWED' | 'RPC_URL_NOT_ALLOWED',
  detail: string,
): GatewayError {
  return new GatewayError(code, detail);
}

/**
 * The one gate in front of every route: 401 when the token is missing or invalid, 403 when a valid
 * caller lacks the scope or the ADOM in the path. Routes must declare @Public() or @Authenticated():
 * an undeclared route is refused, so a forgotten decorator fails closed.
 */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  private readonly logger = new Logger('Auth');
  private readonly verified = new VerifiedTokens();

  constructor(
    private readonly reflector: Reflector,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const { isPublic, scope } = routeAccess(this.reflector, context);
    if (isPublic) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (!scope) {
      this.logger.error(`Route ${request.method} ${request.url} declares neither @Public nor @Authenticated`);
      throw forbidden('ROUTE_NOT_DECLARED', 'This route has no access rule.');
    }
    if (this.config.auth.mode === 'disabled') {
      request.user = ANONYMOUS;
    } else {
      await this.authenticate(context, request);
    }
    const requestContext = currentContext();
    // Per-upstream ADOM lists: from here on the principal is the one for the upstream this request uses.
    const selected = requestContext?.upstream;
    request.user = principalFor(
      request.user!,
      selected?.name ?? this.config.upstreams.fmg?.label ?? DEFAULT_UPSTREAM,
    );
    if (selected?.product === 'fmg' && !nameAllowed(request.user.managers, selected.name)) {
      throw upstreamNotAllowed(selected.name);
    }
    this.authorize(request.user, scope, request.params as Record<string, string> | undefined);
    if (requestContext) {
      requestContext.adoms = request.user.adoms;
      // The upstream client checks it again for the unprefixed routes (the default manager).
      requestContext.managers = request.user.managers;
    }
    return true;
  }

  /** passport's verification, skipped for a token it accepted moments ago (VerifiedTokens says why). */
  private async authenticate(context: ExecutionContext, request: AuthenticatedRequest): Promise<void> {
    const header = request.headers.authorization;
    const token = typeof header === 'string' ? BEARER.exec(header)?.[1] : undefined;
    const known = token === undefined ? undefined : this.verified.get(token);
    if (known) {
      request.user = known;
      return;
    }
    await super.canActivate(context);
    if (token !== undefined) this.verified.remember(token, request.user!, request.user!.expiresAt);
  }

  /** passport's verdict: turn its reasons ("jwt expired", "invalid signature", ...) into a 401 problem. */
  override handleRequest<T = Principal>(err: unknown, user: T | false, info: unknown): T {
    if (err instanceof GatewayError) throw err;
    if (err || !user) {
      const reason =
        info instanceof Error ? info.message : err instanceof Error ? err.message : 'invalid token';
      throw unauthorized(
        reason === 'No auth token' ? 'A bearer token is required.' : `Invalid token: ${reason}.`,
      );
    }
    return user;
  }

  private authorize(principal: Principal, scope: Scope, params: Record<string, string> | undefined): void {
    if (!hasScope(principal, scope)) {
      throw forbidden('INSUFFICIENT_SCOPE', `This operation needs the "${scope}" scope.`);
    }
    const adom = params?.adom;
    // Not an ADOM name at all: 400 before any allow-list pattern is matched against it.
    if (adom !== undefined && !isAdomName(adom)) throw invalidAdomName(`ADOM ${quoteName(adom)}`);
    if (adom !== undefined && !adomAllowed(principal, adom)) {
      throw forbidden('ADOM_NOT_ALLOWED', `Access to ADOM "${adom}" is not granted to this client.`);
    }
  }
}
