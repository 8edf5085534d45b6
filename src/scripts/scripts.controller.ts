import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { AdomParamsDto } from '../adoms/dto/adom.dto';
import { Authenticated } from '../auth/auth.decorators';
import { ApiProblemResponses } from '../common/errors/api-problem-responses.decorator';
import { ApiIfMatch } from '../common/http/etag.decorators';
import { IfMatch } from '../common/http/if-match.decorator';
import { Page, PageOf } from '../common/http/page.dto';
import { successStatus } from '../fortimanager/fmg-status.mapper';
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

@ApiTags('Scripts')
@Controller('adoms/:adom/scripts')
export class ScriptsController {
  constructor(private readonly service: ScriptsService) {}

  @Get()
  @Authenticated('read')
  @ApiOperation({ summary: 'List CLI scripts', description: 'FMG: `get /dvmdb/adom/{adom}/script`.' })
  @ApiOkResponse({ type: PageOf(ScriptDto) })
  @ApiProblemResponses(404)
  listScripts(@Param() { adom }: AdomParamsDto, @Query() query: ListQueryDto): Promise<Page<ScriptDto>> {
    return this.service.listScripts(adom, query);
  }

  @Get(':name')
  @Authenticated('read')
  @ApiOperation({ summary: 'Get a CLI script' })
  @ApiOkResponse({ type: ScriptDto })
  @ApiProblemResponses(404)
  getScript(@Param() { adom, name }: ScriptParamsDto, @Query() query: ReadQueryDto): Promise<ScriptDto> {
    return this.service.getScript(adom, name, query);
  }

  @Post()
  @HttpCode(successStatus('create'))
  @Authenticated('write')
  @ApiOperation({ summary: 'Create a CLI script', description: 'FMG: `add /dvmdb/adom/{adom}/script`.' })
  @ApiCreatedResponse({ type: ScriptDto })
  @ApiProblemResponses(404, 409, 422)
  createScript(@Param() { adom }: AdomParamsDto, @Body() dto: CreateScriptDto): Promise<ScriptDto> {
    return this.service.createScript(adom, dto);
  }

  @Patch(':name')
  @HttpCode(successStatus('update'))
  @Authenticated('write')
  @ApiIfMatch()
  @ApiOperation({ summary: 'Update a CLI script' })
  @ApiOkResponse({ type: ScriptDto })
  @ApiProblemResponses(404, 422)
  updateScript(
    @Param() { adom, name }: ScriptParamsDto,
    @Body() dto: UpdateScriptDto,
    @IfMatch() ifMatch?: string,
  ): Promise<ScriptDto> {
    return this.service.updateScript(adom, name, dto, ifMatch);
  }

  @Delete(':name')
  @HttpCode(successStatus('delete'))
  @Authenticated('write')
  @ApiIfMatch()
  @ApiOperation({ summary: 'Delete a CLI script' })
  @ApiNoContentResponse({ description: 'Deleted.' })
  @ApiProblemResponses(404)
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
  @Authenticated('read')
  @ApiOperation({
    summary: 'Output of the latest run on a device',
    description: 'FMG: `get .../script/log/latest/device/{device}`.',
  })
  @ApiOkResponse({ type: ScriptRunDto })
  @ApiProblemResponses(404)
  getScriptOutput(@Param() { adom, name, device }: ScriptOutputParamsDto): Promise<ScriptRunDto> {
    return this.service.getScriptOutput(adom, name, device);
  }
}
