import { DynamicModule, Module } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { MetricsController } from './metrics.controller';
import { UpstreamModule } from '../upstream/upstream.module';
import { MetricsService } from './metrics.service';

/** Metrics (always collected, served at /metrics unless METRICS_ENABLED=false). */
@Module({})
export class ObservabilityModule {
  static forRoot(config: Pick<AppConfig, 'metricsEnabled'>): DynamicModule {
    return {
      module: ObservabilityModule,
      imports: [UpstreamModule],
      providers: [MetricsService],
      controllers: config.metricsEnabled === false ? [] : [MetricsController],
      exports: [MetricsService],
    };
  }
}
