import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { map, Observable } from 'rxjs';

/** For 202 answers: the `href` of the created task also goes into the Location header. */
@Injectable()
export class LocationFromBody implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    return next.handle().pipe(
      map((body: unknown) => {
        const href = (body as { href?: unknown } | undefined)?.href;
        if (typeof href === 'string') void reply.header('Location', href);
        return body;
      }),
    );
  }
}
