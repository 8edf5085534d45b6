import { Module } from '@nestjs/common';
import { SharedStateModule } from '../shared-state/shared-state.module';
import { UpstreamModule } from '../upstream/upstream.module';
import { SchemaService } from './schema.service';

/** The connected FortiManager's own table schemas (`option: syntax`), per firmware version. */
@Module({
  imports: [UpstreamModule, SharedStateModule],
  providers: [SchemaService],
  exports: [SchemaService],
})
export class SchemaModule {}
