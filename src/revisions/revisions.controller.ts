import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { successStatus } from '../common/http/success-status';
import { NoContentOperation, ReadOperation } from '../resources/operations';
import { DiffQueryDto, RevisionDiffDto, RevisionParamsDto } from './dto/revision.dto';
import { RevisionsService } from './revisions.service';

/** Hand-written: a diff is a polled upstream job and a revert rewrites the ADOM (CRUD: REVISIONS). */
@ApiTags('Revisions')
@Controller('adoms/:adom/revisions')
export class RevisionsController {
  constructor(private readonly service: RevisionsService) {}

  @Get(':id/diff')
  @ReadOperation(RevisionDiffDto, {
    summary: 'What changed since this revision',
    description:
      'FMG: `exec /cache/diff/start`, poll `/cache/diff/get/summary` until done, then `/cache/diff/end` — one call here. ' +
      'Compares with the current config, or with another revision (`?against=3`).',
    problems: [404, 504],
  })
  diffRevision(
    @Param() { adom, id }: RevisionParamsDto,
    @Query() { against }: DiffQueryDto,
  ): Promise<RevisionDiffDto> {
    return this.service.diff(adom, id, against);
  }

  @Post(':id/revert')
  @HttpCode(successStatus('done'))
  @NoContentOperation({
    summary: 'Revert the ADOM config to this revision',
    description:
      'FMG: `exec /dvmdb/adom/{adom}/revision/revert {version}` under the ADOM workspace lock (committed, like any write). ' +
      'Installed devices are not touched: install the packages afterwards.',
    answer: 'Reverted.',
    problems: [404, 423],
  })
  revertRevision(@Param() { adom, id }: RevisionParamsDto): Promise<void> {
    return this.service.revert(adom, id);
  }
}
