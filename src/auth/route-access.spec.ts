import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Authenticated, Public, routeAccess } from './auth.decorators';

/** What Nest hands a guard, reduced to what routeAccess reads. */
const contextOf = (controller: object, handler: object) =>
  ({ getClass: () => controller, getHandler: () => handler }) as unknown as ExecutionContext;

describe('routeAccess', () => {
  const reflector = new Reflector();

  it('should keep one rule per controller class when classes share a handler', () => {
    class Base {
      list(): void {}
    }
    @Public()
    class Open extends Base {}
    @Authenticated('write')
    class Guarded extends Base {}
    const handler = Base.prototype.list;
    expect(routeAccess(reflector, contextOf(Open, handler))).toEqual({ isPublic: true, scope: undefined });
    expect(routeAccess(reflector, contextOf(Guarded, handler))).toEqual({ isPublic: false, scope: 'write' });
    expect(routeAccess(reflector, contextOf(Base, handler))).toEqual({ isPublic: false, scope: undefined });
  });

  it('should let the handler override the class, and read the metadata once', () => {
    @Authenticated('read')
    class Routes {
      @Authenticated('write')
      change(): void {}
      look(): void {}
    }
    const read = jest.spyOn(reflector, 'getAllAndOverride');
    const first = routeAccess(reflector, contextOf(Routes, Routes.prototype.change));
    expect(first).toEqual({ isPublic: false, scope: 'write' });
    expect(routeAccess(reflector, contextOf(Routes, Routes.prototype.look)).scope).toBe('read');
    const calls = read.mock.calls.length;
    expect(routeAccess(reflector, contextOf(Routes, Routes.prototype.change))).toBe(first);
    expect(read.mock.calls.length).toBe(calls);
  });
});
