import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** Workspace (ADOM lock) state as seen by the gateway's upstream account. */
export class WorkspaceStateDto {
  @ApiProperty({ description: 'Whether the ADOM is in workspace mode (writes need a lock).', example: true })
  enabled!: boolean;
  @ApiProperty({ example: true })
  locked!: boolean;
  @ApiPropertyOptional({ description: 'Administrator holding the lock.', example: 'jsmith' })
  lockedBy?: string;
  @ApiPropertyOptional({ description: 'Lock time, epoch seconds.', example: 1795000000 })
  lockedAt?: number;
  @ApiPropertyOptional({ description: 'Uncommitted changes exist in the locking session.', example: false })
  dirty?: boolean;
  @ApiPropertyOptional({
    description: 'Client (token subject) that opened the gateway change set holding the lock.',
    example: 'ci-pipeline',
  })
  changeSetOwner?: string;
  @ApiPropertyOptional({
    description:
      'Gateway replica holding the change set: its writes, commit and unlock must be sent there (sticky routing).',
  })
  changeSetReplica?: string;
}
