import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ReadOperation } from '../resources/operations';
import { TaskAcceptedDto } from '../tasks/dto/task.dto';
import { TaskOperation } from '../tasks/starts-task.decorator';
import { ExecuteScriptDto, ScriptOutputParamsDto, ScriptParamsDto, ScriptRunDto } from './dto/script.dto';
import { ScriptsService } from './scripts.service';

/** Hand-written: a run is a task on devices or a package, and its output is read per device (CRUD: SCRIPTS). */
@ApiTags('Scripts')
@Controller('adoms/:adom/scripts')
export class ScriptsController {
  constructor(private readonly service: ScriptsService) {}

  @Post(':name/execute')
  @TaskOperation({
    summary: 'Run a script on devices or a package',
    description: 'FMG: `exec /dvmdb/adom/{adom}/script/execute`. 202.',
    problems: [404, 422],
  })
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
