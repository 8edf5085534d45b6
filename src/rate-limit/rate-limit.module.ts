import { Module } from '@nestjs/common';
import { RateLimitGuard } from './rate-limit.guard';
import { SharedStateModule } from '../shared-state/shared-state.module';

/** Per-client request limit (RATE_LIMIT_PER_MIN), shared by replicas through SharedState. */
@Module({
  imports: [SharedStateModule],
  providers: [RateLimitGuard],
  exports: [RateLimitGuard],
})
export class RateLimitModule {}
