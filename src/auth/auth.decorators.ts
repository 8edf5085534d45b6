import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Reflector } from '@nestjs/core';
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

/** What a route's decorators say about access; `scope` is undefined on a route that declares neither. */
export interface RouteAccess {
  isPublic: boolean;
  scope?: Scope;
}

/** Per controller class, per handler: the same handler may serve several classes (resource-controller.ts). */
const accessByRoute = new WeakMap<object, Map<object, RouteAccess>>();

/**
 * The route's access rule, read from its metadata once. Decorator metadata does not change once the
 * app runs, and reading it through the reflector was two metadata walks per guard on every request.
 */
export function routeAccess(reflector: Reflector, context: ExecutionContext): RouteAccess {
  const controller = context.getClass();
  const handler = context.getHandler();
  let byHandler = accessByRoute.get(controller);
  if (!byHandler) accessByRoute.set(controller, (byHandler = new Map()));
  let access = byHandler.get(handler);
  if (!access) {
    const targets = [handler, controller];
    access = {
      isPublic: reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets) === true,
      scope: reflector.getAllAndOverride<Scope | undefined>(REQUIRED_SCOPE, targets),
    };
    byHandler.set(handler, access);
  }
  return access;
}

export type AuthenticatedRequest = FastifyRequest & { user?: Principal };

/** The verified caller (set by the auth guard). */
export const CurrentPrincipal = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): Principal =>
    ctx.switchToHttp().getRequest<AuthenticatedRequest>().user ?? ANONYMOUS,
);
