import { Global, Module } from '@nestjs/common';
import { WorkspaceController } from './workspace.controller';
import { WorkspaceLocks } from '../upstream/workspace/workspace-locks.service';
import { WorkspaceService } from './workspace.service';

/** Global: every ADOM write goes through WorkspaceLocks. */
@Global()
@Module({
  controllers: [WorkspaceController],
  providers: [WorkspaceService, WorkspaceLocks],
  exports: [WorkspaceLocks],
})
export class WorkspaceModule {}
