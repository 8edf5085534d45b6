import { Module } from '@nestjs/common';
import { SharedStateModule } from '../shared-state/shared-state.module';
import { FazClient, FmgClient } from './clients';
import { FazAnalytics } from './dialects/faz-analytics';
import { UpstreamRegistry } from './upstream.registry';
import { WorkspaceLocks } from './workspace/workspace-locks.service';

/**
 * The upstreams: one client (transport, session pool, protection) per configured name, the FAZ analytics
 * dialect on top of its client, and the workspace locks every ADOM write of FortiManager goes through.
 */
@Module({
  imports: [SharedStateModule],
  providers: [
    UpstreamRegistry,
    { provide: FmgClient, useFactory: (r: UpstreamRegistry) => r.client('fmg'), inject: [UpstreamRegistry] },
    { provide: FazClient, useFactory: (r: UpstreamRegistry) => r.client('faz'), inject: [UpstreamRegistry] },
    FazAnalytics,
    WorkspaceLocks,
  ],
  exports: [UpstreamRegistry, FmgClient, FazClient, FazAnalytics, WorkspaceLocks],
})
export class UpstreamModule {}
