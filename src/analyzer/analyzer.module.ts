import { Module } from '@nestjs/common';
import { EventsController } from './events/events.controller';
import { EventsService } from './events/events.service';
import { FazAppliance } from './faz-appliance';
import { FazTaskStore } from './faz-task-store';
import { FortiViewController } from './fortiview/fortiview.controller';
import { FortiViewService } from './fortiview/fortiview.service';
import { SharedLogSearchRegistry } from './logs/shared-log-search.registry';
import { SharedState } from '../shared-state/shared-state';
import { InMemoryLogSearchRegistry, LogSearchRegistry } from './logs/log-search.registry';
import { LogSearchService } from './logs/log-search.service';
import { LogsController } from './logs/logs.controller';
import { LogsService } from './logs/logs.service';
import { ReportsController } from './reports/reports.controller';
import { ReportsService } from './reports/reports.service';
import { UpstreamModule } from '../upstream/upstream.module';
import { SharedStateModule } from '../shared-state/shared-state.module';

/** FortiAnalyzer analytics as REST: log search, FortiView, alerts and incidents, reports. */
@Module({
  imports: [UpstreamModule, SharedStateModule],
  controllers: [LogsController, FortiViewController, EventsController, ReportsController],
  providers: [
    FazAppliance,
    FazTaskStore,
    LogSearchService,
    LogsService,
    FortiViewService,
    EventsService,
    ReportsService,
    // Replicas on Redis share searches (started on one, read on another); one instance keeps a Map.
    {
      provide: LogSearchRegistry,
      useFactory: (state: SharedState) =>
        state.kind === 'redis' ? new SharedLogSearchRegistry(state) : new InMemoryLogSearchRegistry(),
      inject: [SharedState],
    },
  ],
  exports: [LogSearchService, FazAppliance],
})
export class AnalyzerModule {}
