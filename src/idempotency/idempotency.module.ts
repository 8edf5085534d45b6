import { Module } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { IdempotencyGuard } from './idempotency.guard';
import { IdempotencyService } from './idempotency.service';
import { SharedStateModule } from '../shared-state/shared-state.module';

@Module({
  imports: [SharedStateModule],
  providers: [IdempotencyService, IdempotencyGuard],
  exports: [IdempotencyService, IdempotencyGuard],
})
export class IdempotencyModule {}

/**
 * The response is recorded as it leaves (status, headers and body exactly as sent, problem responses
 * included), which only a Fastify hook sees. Called by configureApp.
 */
export function registerIdempotencyHook(app: NestFastifyApplication): void {
  const service = app.get(IdempotencyService);
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onSend', async (request, reply, payload) => {
      await service.settle(request, reply, payload);
      return payload;
    });
}
