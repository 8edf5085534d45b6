import { IfMatch } from '../common/http/if-match.decorator';
import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated } from '../auth/auth.decorators';
import { ApiProblemResponses } from '../common/errors/api-problem-responses.decorator';
import { ApiIfMatch } from '../common/http/etag.decorators';
import { Page } from '../common/http/page.dto';
import { TaskAcceptedDto } from '../tasks/dto/task.dto';
import { StartsTask } from '../tasks/starts-task.decorator';
import { InstallPackageDto } from './dto/install.dto';
import { successStatus } from '../common/http/success-status';
import { AdomParamsDto } from '../adoms/dto/adom.dto';
import { ListQueryDto } from '../translator/list-query.dto';
import { ReadQueryDto } from '../translator/read-query.dto';
import {
  CreatePackageDto,
  PackageDto,
  PackageParamsDto,
  ReplacePackageDto,
  UpdatePackageDto,
} from './dto/package.dto';
import { PackagesService } from './packages.service';
import { InstallPreviewService } from './install-preview.service';
import { PreviewDto, PreviewParamsDto } from './dto/preview.dto';
import {
  CreateOperation,
  ListOperation,
  NoContentOperation,
  ReadOperation,
  UpdateOperation,
} from '../resources/operations';

/**
 * Hand-written: package names are folder paths (`branches%2Fbranch-std`), and besides CRUD a package is
 * installed (a task) and previewed in steps (prepare, poll, discard). CRUD uses the house decorators
 * (resources/operations.ts); install and preview start tasks (StartsTask).
 */
@ApiTags('Policy packages')
@Controller('adoms/:adom/packages')
export class PackagesController {
  constructor(
    private readonly service: PackagesService,
    private readonly previews: InstallPreviewService,
  ) {}

  @Get()
  @ListOperation(PackageDto, {
    summary: 'List policy packages',
    description:
      'FMG: `get /pm/pkg/adom/{adom}`. Folders are returned with their `children`; paging applies to the top level.',
  })
  listPackages(@Param() { adom }: AdomParamsDto, @Query() query: ListQueryDto): Promise<Page<PackageDto>> {
    return this.service.listPackages(adom, query);
  }

  @Get(':pkg')
  @ReadOperation(PackageDto, {
    summary: 'Get a policy package',
    description: 'FMG: `get /pm/pkg/adom/{adom}/{folder}/.../{name}`.',
  })
  getPackage(@Param() { adom, pkg }: PackageParamsDto, @Query() query: ReadQueryDto): Promise<PackageDto> {
    return this.service.getPackage(adom, pkg, query);
  }

  @Post()
  @CreateOperation(PackageDto, {
    key: (p) => p.path,
    summary: 'Create a policy package',
    description: 'FMG: `add /pm/pkg/adom/{adom}[/{folder}]`.',
    problems: [404, 409, 422, 423],
  })
  createPackage(@Param() { adom }: AdomParamsDto, @Body() dto: CreatePackageDto): Promise<PackageDto> {
    return this.service.createPackage(adom, dto);
  }

  @Put(':pkg')
  @HttpCode(successStatus('replace'))
  @ApiIfMatch()
  @UpdateOperation(PackageDto, {
    summary: 'Replace a policy package',
    description: 'FMG: `set` on the package.',
    problems: [404, 409, 422, 423],
  })
  replacePackage(
    @Param() { adom, pkg }: PackageParamsDto,
    @Body() dto: ReplacePackageDto,
    @IfMatch() ifMatch?: string,
  ): Promise<PackageDto> {
    return this.service.replacePackage(adom, pkg, dto, ifMatch);
  }

  @Patch(':pkg')
  @HttpCode(successStatus('update'))
  @ApiIfMatch()
  @UpdateOperation(PackageDto, {
    summary: 'Update a policy package',
    description: 'FMG: `update` on the package.',
    problems: [404, 409, 422, 423],
  })
  updatePackage(
    @Param() { adom, pkg }: PackageParamsDto,
    @Body() dto: UpdatePackageDto,
    @IfMatch() ifMatch?: string,
  ): Promise<PackageDto> {
    return this.service.updatePackage(adom, pkg, dto, ifMatch);
  }

  @Delete(':pkg')
  @HttpCode(successStatus('delete'))
  @ApiIfMatch()
  @NoContentOperation({
    summary: 'Delete a policy package',
    description: 'FMG: `delete` on the package.',
    problems: [404, 409, 423],
  })
  deletePackage(@Param() { adom, pkg }: PackageParamsDto, @IfMatch() ifMatch?: string): Promise<void> {
    return this.service.deletePackage(adom, pkg, ifMatch);
  }

  @Post(':pkg/install')
  @StartsTask()
  @Authenticated('write')
  @ApiOperation({
    summary: 'Install the package',
    description:
      'FMG: `exec /securityconsole/install/package`. 202 with `Location: /tasks/{id}`; follow the task.',
  })
  @ApiProblemResponses(404, 422)
  installPackage(
    @Param() { adom, pkg }: PackageParamsDto,
    @Body() dto: InstallPackageDto,
  ): Promise<TaskAcceptedDto> {
    return this.service.installPackage(adom, pkg, dto);
  }

  @Post(':pkg/previews')
  @StartsTask()
  @Authenticated('write')
  @ApiOperation({
    summary: 'Start an install preview',
    description:
      'FMG: `exec /securityconsole/install/package` with flag `preview`. 202; when the task is done, GET the `result` link.',
  })
  @ApiProblemResponses(404, 422)
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
