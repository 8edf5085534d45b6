import { Module } from '@nestjs/common';
import { ResourceController } from '../resources/resource-controller';
import { SCRIPTS } from './script.resource';
import { ScriptsController } from './scripts.controller';
import { ScriptsService } from './scripts.service';
import { UpstreamModule } from '../upstream/upstream.module';
import { TranslatorModule } from '../translator/translator.module';

@Module({
  imports: [UpstreamModule, TranslatorModule],
  controllers: [ResourceController(SCRIPTS), ScriptsController],
  providers: [ScriptsService],
})
export class ScriptsModule {}
