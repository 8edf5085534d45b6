import { Module } from '@nestjs/common';
import { TasksModule } from '../tasks/tasks.module';
import { InstallPreviewService } from './install-preview.service';
import { PackagesController } from './packages.controller';
import { PackagesService } from './packages.service';

@Module({
  imports: [TasksModule],
  controllers: [PackagesController],
  providers: [PackagesService, InstallPreviewService],
})
export class PackagesModule {}
