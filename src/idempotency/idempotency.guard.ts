import {
  ArgumentsHost,
  CanActivate,
  Catch,
  ExceptionFilter,
  ExecutionContext,
  Injectable,
} from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { IdempotencyService } from './idempotency.service';

/** Thrown by the guard to answer a retry with the stored response instead of running the route. */
export class IdempotentReplay extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
  ) {
    super('A retry answered with the stored response.');
  }
}

/**
 * POST with `Idempotency-Key`: run once, replay afterwards (see IdempotencyService). A guard, run after the
 * auth guard (the key is the client's; the order is set in AppModule). Not an interceptor: one interceptor
 * on a route makes Nest run every request through rxjs (see AppModule).
 */
@Injectable()
export class IdempotencyGuard implements CanActivate {
  constructor(private readonly service: IdempotencyService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const http = context.switchToHttp();
    const request = http.getRequest();
    if (request.method !== 'POST') return true;
    const admission = await this.service.admit(request, http.getResponse());
    if (admission.kind === 'replay') throw new IdempotentReplay(admission.status, admission.body);
    return true;
  }
}

/** Sends a replay: a guard cannot answer a request itself, an exception filter can. */
@Catch(IdempotentReplay)
export class IdempotentReplayFilter implements ExceptionFilter {
  catch(replay: IdempotentReplay, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    void reply.status(replay.status).send(replay.body === '' ? undefined : replay.body);
  }
}
