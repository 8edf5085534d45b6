import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { RateLimitInterceptor } from './rate-limit.interceptor';
import { SharedStateModule } from '../shared-state/shared-state.module';

/** Per-client request limit (RATE_LIMIT_PER_MIN), shared by replicas through SharedState. */
@Module({
  imports: [SharedStateModule],
  providers: [{ provide: APP_INTERCEPTOR, useClass: RateLimitInterceptor }],
})
export class RateLimitModule {}
