import { CallHandler, ExecutionContext, Injectable, NestInterceptor, UseInterceptors } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { map, Observable } from 'rxjs';

/** A created object's key, set by a service when the key is not one of the object's own fields. */
export const CREATED_KEY = Symbol('createdKey');

/** Marks `object` with the key it was created under (not serialised: a symbol, not enumerable). */
export function withCreatedKey<T extends object>(object: T, key: string | number | undefined): T {
  if (key === undefined) return object;
  const target = Object.isExtensible(object) ? object : { ...object };
  Object.defineProperty(target, CREATED_KEY, { value: key, enumerable: false });
  return target;
}

type KeyOf = (body: Record<string | symbol, unknown>) => unknown;
type CollectionOf = (path: string) => string;

/** The OpenAPI header every 201 documents. */
export const LOCATION_HEADER = {
  Location: { description: 'The created member (its GET URL).', schema: { type: 'string' } },
};

/**
 * 201 Created names what it created (RFC 9110 §15.3.2): `Location` = the collection (the request path,
 * or `collectionOf` it) + `/` + the URL-encoded key of the answer. The key is the service's
 * CREATED_KEY if it set one, else `keyOf(body)` (default `name`).
 */
@Injectable()
class CreatedLocation implements NestInterceptor {
  constructor(
    private readonly keyOf: KeyOf,
    private readonly collectionOf: CollectionOf,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    const request = http.getRequest<FastifyRequest>();
    return next.handle().pipe(
      map((body: unknown) => {
        if (body && typeof body === 'object' && reply.statusCode === 201 && !reply.hasHeader('location')) {
          const b = body as Record<string | symbol, unknown>;
          const key = b[CREATED_KEY] ?? this.keyOf(b);
          if (typeof key === 'string' || typeof key === 'number') {
            const collection = this.collectionOf(request.url.split('?')[0].replace(/\/+$/, ''));
            void reply.header('Location', `${collection}/${encodeURIComponent(String(key))}`);
          }
        }
        return body;
      }),
    );
  }
}

export function LocatedCreate(
  keyOf: KeyOf = (b) => b.name,
  collectionOf: CollectionOf = (path) => path,
): MethodDecorator {
  return UseInterceptors(new CreatedLocation(keyOf, collectionOf));
}
