import { Module } from '@nestjs/common';
import { ResourceController } from '../resources/resource-controller';
import { POLICIES } from './policy.resource';
import { PoliciesController } from './policies.controller';
import { PoliciesService } from './policies.service';
import { UpstreamModule } from '../upstream/upstream.module';
import { TranslatorModule } from '../translator/translator.module';

@Module({
  imports: [UpstreamModule, TranslatorModule],
  controllers: [ResourceController(POLICIES), PoliciesController],
  providers: [PoliciesService],
})
export class PoliciesModule {}
