import { Module } from '@nestjs/common';
import { SharedStateModule } from '../shared-state/shared-state.module';
import { FazClient, FmgClient } from './clients';
import { FazAnalytics } from './dialects/faz-analytics';
import { RoutedClient } from './routed-client';
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
    // Routed: each call goes to the upstream the request selected (`/managers/{name}/…`), else the default.
    {
      provide: FmgClient,
      useFactory: (r: UpstreamRegistry) => new RoutedClient(r, 'fmg'),
      inject: [UpstreamRegistry],
    },
    {
      provide: FazClient,
      useFactory: (r: UpstreamRegistry) => new RoutedClient(r, 'faz'),
      inject: [UpstreamRegistry],
    },
    FazAnalytics,
    WorkspaceLocks,
  ],
  exports: [UpstreamRegistry, FmgClient, FazClient, FazAnalytics, WorkspaceLocks],
})
export class UpstreamModule {}
