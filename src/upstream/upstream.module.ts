import { Global, Module } from '@nestjs/common';
import { FazClient, FmgClient } from './clients';
import { UpstreamRegistry } from './upstream.registry';

@Global()
@Module({
  providers: [
    UpstreamRegistry,
    { provide: FmgClient, useFactory: (r: UpstreamRegistry) => r.client('fmg'), inject: [UpstreamRegistry] },
    { provide: FazClient, useFactory: (r: UpstreamRegistry) => r.client('faz'), inject: [UpstreamRegistry] },
  ],
  exports: [UpstreamRegistry, FmgClient, FazClient],
})
export class FortiManagerModule {}
