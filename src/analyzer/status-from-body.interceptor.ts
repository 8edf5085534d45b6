import {
  applyDecorators,
  CallHandler,
  ExecutionContext,
  Injectable,
  NestInterceptor,
  Type,
  UseInterceptors,
} from '@nestjs/common';
import { ApiAcceptedResponse, ApiCreatedResponse, ApiOperation } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { map, Observable } from 'rxjs';
import { Authenticated } from '../auth/auth.decorators';
import { ApiProblemResponses } from '../common/errors/api-problem-responses.decorator';

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

/**
 * POST that starts FAZ work and waits a while for it: 201 with the result when it finished in time,
 * else 202 with what to poll (`href`, also `Location`). Listed bottom-up, as stacked decorators apply.
 */
export function StartRunOperation(
  answer: Type,
  spec: { summary: string; description: string; finished: string; running: string },
) {
  return applyDecorators(
    ApiProblemResponses(404),
    ApiAcceptedResponse({ type: answer, description: spec.running }),
    ApiCreatedResponse({ type: answer, description: spec.finished }),
    ApiOperation({ summary: spec.summary, description: spec.description }),
    Authenticated('read'),
    UseInterceptors(new StatusFromBody(201)),
  );
}
