import { Module } from '@nestjs/common';
import { ResourceController } from '../resources/resource-controller';
import { REVISIONS } from './revision.resource';
import { RevisionsController } from './revisions.controller';
import { RevisionsService } from './revisions.service';
import { UpstreamModule } from '../upstream/upstream.module';
import { TranslatorModule } from '../translator/translator.module';

@Module({
  imports: [UpstreamModule, TranslatorModule],
  controllers: [ResourceController(REVISIONS), RevisionsController],
  providers: [RevisionsService],
})
export class RevisionsModule {}
