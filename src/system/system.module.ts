import { Module } from '@nestjs/common';
import { SystemController } from './system.controller';
import { SystemService } from './system.service';
import { UpstreamModule } from '../upstream/upstream.module';

@Module({ imports: [UpstreamModule], controllers: [SystemController], providers: [SystemService] })
export class SystemModule {}
