import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { IdempotencyInterceptor } from './idempotency.interceptor';
import { IdempotencyService } from './idempotency.service';
import { SharedStateModule } from '../shared-state/shared-state.module';

@Module({
  imports: [SharedStateModule],
  providers: [IdempotencyService, { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor }],
  exports: [IdempotencyService],
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
