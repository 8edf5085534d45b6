import { CallHandler, ExecutionContext, Injectable, NestInterceptor, StreamableFile } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { map, Observable } from 'rxjs';
import { etagOf } from './etag';

/** Every single-object response gets an ETag computed from exactly what the client receives. */
@Injectable()
export class EtagInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    return next.handle().pipe(
      map((body: unknown) => {
        // A stream (an export, an NDJSON table) is no single object: nothing to hash.
        if (body instanceof StreamableFile) return body;
        if (body && typeof body === 'object' && !Array.isArray(body) && !('items' in body)) {
          void reply.header('ETag', etagOf(body));
        }
        return body;
      }),
    );
  }
}
