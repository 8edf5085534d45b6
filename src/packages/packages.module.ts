import { Module } from '@nestjs/common';
import { ResourceController } from '../resources/resource-controller';
import { PACKAGES } from './package.resource';
import { TasksModule } from '../tasks/tasks.module';
import { InstallPreviewService } from './install-preview.service';
import { PackagesController } from './packages.controller';
import { PackagesService } from './packages.service';
import { UpstreamModule } from '../upstream/upstream.module';
import { TranslatorModule } from '../translator/translator.module';

@Module({
  imports: [UpstreamModule, TranslatorModule, TasksModule],
  controllers: [ResourceController(PACKAGES), PackagesController],
  providers: [PackagesService, InstallPreviewService],
})
export class PackagesModule {}
