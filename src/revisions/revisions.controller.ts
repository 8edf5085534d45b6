import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { successStatus } from '../common/http/success-status';
import { ApiTags } from '@nestjs/swagger';
import { AdomParamsDto } from '../adoms/dto/adom.dto';
import {
  CreateOperation,
  ListOperation,
  NoContentOperation,
  ReadOperation,
  UpdateOperation,
} from '../resources/operations';
import { Page } from '../common/http/page.dto';
import { ListQueryDto } from '../translator/list-query.dto';
import { ReadQueryDto } from '../translator/read-query.dto';
import {
  CreateRevisionDto,
  DiffQueryDto,
  RevisionDiffDto,
  RevisionDto,
  RevisionParamsDto,
  UpdateRevisionDto,
} from './dto/revision.dto';
import { RevisionsService } from './revisions.service';

/**
 * Hand-written: revisions have a number key FMG assigns, are diffed against the current config and
 * reverted to, and locked ones refuse deletion. Each operation still uses the house decorators
 * (resources/operations.ts).
 */
@ApiTags('Revisions')
@Controller('adoms/:adom/revisions')
export class RevisionsController {
  constructor(private readonly service: RevisionsService) {}

  @Get()
  @ListOperation(RevisionDto, {
    summary: 'List ADOM revisions',
    description: 'FMG: `get /dvmdb/adom/{adom}/revision`.',
  })
  listRevisions(@Param() { adom }: AdomParamsDto, @Query() query: ListQueryDto): Promise<Page<RevisionDto>> {
    return this.service.list(adom, query);
  }

  @Get(':id')
  @ReadOperation(RevisionDto, { summary: 'Get an ADOM revision' })
  getRevision(@Param() { adom, id }: RevisionParamsDto, @Query() query: ReadQueryDto): Promise<RevisionDto> {
    return this.service.get(adom, id, query);
  }

  @Post()
  @CreateOperation(RevisionDto, {
    key: (r) => r.id,
    summary: 'Save the ADOM config as a new revision',
    description: 'FMG: `add /dvmdb/adom/{adom}/revision`; the new revision number comes from FMG.',
    problems: [404, 422],
  })
  createRevision(@Param() { adom }: AdomParamsDto, @Body() dto: CreateRevisionDto): Promise<RevisionDto> {
    return this.service.create(adom, dto);
  }

  @Patch(':id')
  @UpdateOperation(RevisionDto, { summary: 'Rename, describe, lock or unlock a revision' })
  updateRevision(
    @Param() { adom, id }: RevisionParamsDto,
    @Body() dto: UpdateRevisionDto,
  ): Promise<RevisionDto> {
    return this.service.update(adom, id, dto);
  }

  @Delete(':id')
  @HttpCode(successStatus('delete'))
  @NoContentOperation({ summary: 'Delete a revision (locked revisions are refused)', problems: [404, 422] })
  deleteRevision(@Param() { adom, id }: RevisionParamsDto): Promise<void> {
    return this.service.delete(adom, id);
  }

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
