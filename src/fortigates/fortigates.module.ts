import { Module } from '@nestjs/common';
import { UpstreamModule } from '../upstream/upstream.module';
import { FortiGateProxyService } from './fortigate-proxy.service';
import { FortiGatesController } from './fortigates.controller';
import { FortiGatesService } from './fortigates.service';
import { HitCountsController } from './hit-counts.controller';
import { HitCountsService } from './hit-counts.service';

/** Managed FortiGates through FortiManager: live monitor and config reads, proxied writes, hit counts, HA. */
@Module({
  imports: [UpstreamModule],
  controllers: [FortiGatesController, HitCountsController],
  providers: [FortiGateProxyService, FortiGatesService, HitCountsService],
})
export class FortiGatesModule {}
