import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { from, Observable, of, switchMap } from 'rxjs';
import { IdempotencyService } from './idempotency.service';

/** POST with `Idempotency-Key`: run once, replay afterwards (see IdempotencyService). */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(private readonly service: IdempotencyService) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const http = context.switchToHttp();
    const request = http.getRequest();
    if (request.method !== 'POST') return next.handle();
    return from(this.service.admit(request, http.getResponse())).pipe(
      switchMap((admission) => (admission.kind === 'replay' ? of(admission.body) : next.handle())),
    );
  }
}
