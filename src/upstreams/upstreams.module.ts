import { Module } from '@nestjs/common';
import { TranslatorModule } from '../translator/translator.module';
import { UpstreamModule } from '../upstream/upstream.module';
import { UpstreamsController } from './upstreams.controller';
import { UpstreamsService } from './upstreams.service';

@Module({
  imports: [UpstreamModule, TranslatorModule],
  controllers: [UpstreamsController],
  providers: [UpstreamsService],
})
export class UpstreamsModule {}
