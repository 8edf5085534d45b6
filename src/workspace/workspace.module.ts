import { Module } from '@nestjs/common';
import { UpstreamModule } from '../upstream/upstream.module';
import { WorkspaceController } from './workspace.controller';
import { WorkspaceService } from './workspace.service';

@Module({ imports: [UpstreamModule], controllers: [WorkspaceController], providers: [WorkspaceService] })
export class WorkspaceModule {}
