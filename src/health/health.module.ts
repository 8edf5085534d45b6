import { Module } from '@nestjs/common';
import { HealthController } from './health.controller';
import { HealthService } from './health.service';
import { UpstreamModule } from '../upstream/upstream.module';

@Module({ imports: [UpstreamModule], controllers: [HealthController], providers: [HealthService] })
export class HealthModule {}
