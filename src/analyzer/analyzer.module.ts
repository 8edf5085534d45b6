import { Module } from '@nestjs/common';
import { FazAnalytics } from './faz-analytics';
import { InMemoryLogSearchRegistry, LogSearchRegistry } from './logs/log-search.registry';
import { LogSearchService } from './logs/log-search.service';
import { LogsController } from './logs/logs.controller';
import { LogsService } from './logs/logs.service';

/** FortiAnalyzer analytics as REST: log search, FortiView, alerts and incidents, reports. */
@Module({
  controllers: [LogsController],
  providers: [
    FazAnalytics,
    LogSearchService,
    LogsService,
    { provide: LogSearchRegistry, useClass: InMemoryLogSearchRegistry },
  ],
  exports: [LogSearchService],
})
export class AnalyzerModule {}
