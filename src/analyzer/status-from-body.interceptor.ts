import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { map, Observable } from 'rxjs';

/**
 * For asynchronous FAZ work: a body whose `status` is `running` is answered 202 with `Location: href`,
 * anything else with `doneStatus` (201 for a created resource, 200 for a synchronous answer).
 */
@Injectable()
export class StatusFromBody implements NestInterceptor {
  constructor(
    private readonly doneStatus: number,
    /** Also send Location for a finished (201) answer: only when `href` outlives the answer. */
    private readonly locateDone = doneStatus === 201,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    return next.handle().pipe(
      map((body: unknown) => {
        const b = body as { status?: unknown; href?: unknown } | undefined;
        const running = b?.status === 'running';
        void reply.status(running ? 202 : this.doneStatus);
        if (typeof b?.href === 'string' && (running || this.locateDone)) {
          void reply.header('Location', b.href);
        }
        return body;
      }),
    );
  }
}
