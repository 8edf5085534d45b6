import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { ApiProblemResponses } from '../common/errors/api-problem-responses.decorator';
import { ANONYMOUS, Principal, Scope } from './principal';

export const IS_PUBLIC = 'fortirest:public';
export const REQUIRED_SCOPE = 'fortirest:scope';
export const BEARER_SCHEME = 'bearer';

/** No token needed (health, docs). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/**
 * A bearer token with `scope` is needed; the OpenAPI document says so (`security` plus
 * `x-required-scopes`, since OpenAPI 3.0 allows scope lists only on OAuth2 schemes) and lists 401/403.
 */
export function Authenticated(scope: Scope) {
  return applyDecorators(
    SetMetadata(REQUIRED_SCOPE, scope),
    ApiBearerAuth(BEARER_SCHEME),
    ApiExtension('x-required-scopes', [scope]),
    ApiProblemResponses(401, 403),
  );
}

export type AuthenticatedRequest = FastifyRequest & { user?: Principal };

/** The verified caller (set by the auth guard). */
export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): Principal =>
    ctx.switchToHttp().getRequest<AuthenticatedRequest>().user ?? ANONYMOUS,
);
