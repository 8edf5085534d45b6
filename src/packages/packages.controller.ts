import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { successStatus } from '../common/http/success-status';
import { NoContentOperation, UpdateOperation } from '../resources/operations';
import { TaskAcceptedDto } from '../tasks/dto/task.dto';
import { TaskOperation } from '../tasks/starts-task.decorator';
import { InstallPackageDto } from './dto/install.dto';
import { PackageParamsDto } from './dto/package.dto';
import { PreviewDto, PreviewParamsDto } from './dto/preview.dto';
import { InstallPreviewService } from './install-preview.service';
import { PackagesService } from './packages.service';

/** Hand-written: install and preview are tasks, and a preview is read and discarded in steps (CRUD: PACKAGES). */
@ApiTags('Policy packages')
@Controller('adoms/:adom/packages')
export class PackagesController {
  constructor(
    private readonly service: PackagesService,
    private readonly previews: InstallPreviewService,
  ) {}

  @Post(':pkg/install')
  @TaskOperation({
    summary: 'Install the package',
    description:
      'FMG: `exec /securityconsole/install/package`. 202 with `Location: /tasks/{id}`; follow the task.',
    problems: [404, 422],
  })
  installPackage(
    @Param() { adom, pkg }: PackageParamsDto,
    @Body() dto: InstallPackageDto,
  ): Promise<TaskAcceptedDto> {
    return this.service.installPackage(adom, pkg, dto);
  }

  @Post(':pkg/previews')
  @TaskOperation({
    summary: 'Start an install preview',
    description:
      'FMG: `exec /securityconsole/install/package` with flag `preview`. 202; when the task is done, GET the `result` link.',
    problems: [404, 422],
  })
  startPreview(
    @Param() { adom, pkg }: PackageParamsDto,
    @Body() dto: InstallPackageDto,
  ): Promise<TaskAcceptedDto> {
    return this.previews.start(adom, pkg, dto.scope);
  }

  @Get(':pkg/previews/:taskId')
  @UpdateOperation(PreviewDto, {
    summary: 'Read an install preview: the CLI per device',
    description:
      'Runs `install/preview`, waits for its task, then reads `preview/result` per device. ' +
      '409 with Retry-After while the preview task is still running, so a result is never read too early.',
    problems: [404, 409, 504],
  })
  readPreview(@Param() { adom, pkg, taskId }: PreviewParamsDto): Promise<PreviewDto> {
    return this.previews.result(adom, pkg, taskId);
  }

  @Delete(':pkg/previews/:taskId')
  @HttpCode(successStatus('delete'))
  @NoContentOperation({
    summary: 'Discard install previews of the ADOM',
    description:
      'FMG: `exec /securityconsole/package/cancel/install {adom}`. FMG scopes this to the ADOM: it drops every prepared ' +
      'preview of the ADOM and cancels its unfinished installs.',
    answer: 'Discarded.',
    problems: [404],
  })
  discardPreview(@Param() { adom }: PreviewParamsDto): Promise<void> {
    return this.previews.discard(adom);
  }
}
