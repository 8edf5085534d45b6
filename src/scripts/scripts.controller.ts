import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { successStatus } from '../common/http/success-status';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { AdomParamsDto } from '../adoms/dto/adom.dto';
import { Authenticated } from '../auth/auth.decorators';
import { ApiProblemResponses } from '../common/errors/api-problem-responses.decorator';
import { ApiIfMatch } from '../common/http/etag.decorators';
import { IfMatch } from '../common/http/if-match.decorator';
import { Page } from '../common/http/page.dto';
import {
  CreateOperation,
  ListOperation,
  NoContentOperation,
  ReadOperation,
  UpdateOperation,
} from '../resources/operations';
import { TaskAcceptedDto } from '../tasks/dto/task.dto';
import { StartsTask } from '../tasks/starts-task.decorator';
import { ListQueryDto } from '../translator/list-query.dto';
import { ReadQueryDto } from '../translator/read-query.dto';
import {
  CreateScriptDto,
  ExecuteScriptDto,
  ScriptDto,
  ScriptOutputParamsDto,
  ScriptParamsDto,
  ScriptRunDto,
  UpdateScriptDto,
} from './dto/script.dto';
import { ScriptsService } from './scripts.service';

/**
 * Hand-written: besides CRUD a script runs (a task on devices or a package) and its output is read per
 * device. CRUD uses the house decorators (resources/operations.ts); the run, a task, is declared with StartsTask.
 */
@ApiTags('Scripts')
@Controller('adoms/:adom/scripts')
export class ScriptsController {
  constructor(private readonly service: ScriptsService) {}

  @Get()
  @ListOperation(ScriptDto, {
    summary: 'List CLI scripts',
    description: 'FMG: `get /dvmdb/adom/{adom}/script`.',
  })
  listScripts(@Param() { adom }: AdomParamsDto, @Query() query: ListQueryDto): Promise<Page<ScriptDto>> {
    return this.service.listScripts(adom, query);
  }

  @Get(':name')
  @ReadOperation(ScriptDto, { summary: 'Get a CLI script' })
  getScript(@Param() { adom, name }: ScriptParamsDto, @Query() query: ReadQueryDto): Promise<ScriptDto> {
    return this.service.getScript(adom, name, query);
  }

  @Post()
  @CreateOperation(ScriptDto, {
    summary: 'Create a CLI script',
    description: 'FMG: `add /dvmdb/adom/{adom}/script`.',
  })
  createScript(@Param() { adom }: AdomParamsDto, @Body() dto: CreateScriptDto): Promise<ScriptDto> {
    return this.service.createScript(adom, dto);
  }

  @Patch(':name')
  @ApiIfMatch()
  @UpdateOperation(ScriptDto, { summary: 'Update a CLI script' })
  updateScript(
    @Param() { adom, name }: ScriptParamsDto,
    @Body() dto: UpdateScriptDto,
    @IfMatch() ifMatch?: string,
  ): Promise<ScriptDto> {
    return this.service.updateScript(adom, name, dto, ifMatch);
  }

  @Delete(':name')
  @HttpCode(successStatus('delete'))
  @ApiIfMatch()
  @NoContentOperation({ summary: 'Delete a CLI script', problems: [404] })
  deleteScript(@Param() { adom, name }: ScriptParamsDto, @IfMatch() ifMatch?: string): Promise<void> {
    return this.service.deleteScript(adom, name, ifMatch);
  }

  @Post(':name/execute')
  @StartsTask()
  @Authenticated('write')
  @ApiOperation({
    summary: 'Run a script on devices or a package',
    description: 'FMG: `exec /dvmdb/adom/{adom}/script/execute`. 202.',
  })
  @ApiProblemResponses(404, 422)
  executeScript(
    @Param() { adom, name }: ScriptParamsDto,
    @Body() dto: ExecuteScriptDto,
  ): Promise<TaskAcceptedDto> {
    return this.service.executeScript(adom, name, dto);
  }

  @Get(':name/output/:device')
  @ReadOperation(ScriptRunDto, {
    summary: 'Output of the latest run on a device',
    description: 'FMG: `get .../script/log/latest/device/{device}`.',
  })
  getScriptOutput(@Param() { adom, name, device }: ScriptOutputParamsDto): Promise<ScriptRunDto> {
    return this.service.getScriptOutput(adom, name, device);
  }
}
