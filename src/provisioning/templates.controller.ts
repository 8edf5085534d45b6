import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Put,
  Query,
  Type,
} from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AdomParamsDto } from '../adoms/dto/adom.dto';
import { Page } from '../common/http/page.dto';
import { successStatus } from '../common/http/success-status';
import { createValidationPipe } from '../common/validation/validation';
import { ScopeMemberDto } from '../packages/dto/package.dto';
import {
  CreateOperation,
  ListOperation,
  NoContentOperation,
  ReadOperation,
  UpdateOperation,
} from '../resources/operations';
import { ListQueryDto } from '../translator/list-query.dto';
import { ReadQueryDto } from '../translator/read-query.dto';
import {
  CreateTemplateDto,
  TargetQueryDto,
  TemplateDto,
  TemplateParamsDto,
  TemplateTargetParamsDto,
  UpdateTemplateDto,
} from './dto/provisioning.dto';
import { ProvisioningService } from './provisioning.service';
import { TARGET_LIST } from './target-list';
import { TemplateKind } from './template-kinds';

/**
 * One REST resource per template family (system, SD-WAN, template groups): CRUD plus assignment of one
 * target at a time. Handlers stay one line; the family comes from the spec.
 */
export function TemplatesController(kind: TemplateKind): Type<unknown> {
  const fmgPath = `/pm/${kind.fmgKind}/adom/{adom}`;

  @ApiTags('Provisioning templates')
  @Controller(`adoms/:adom/${kind.route}`)
  class TemplateController {
    constructor(readonly service: ProvisioningService) {}

    @Get()
    @ListOperation(TemplateDto, {
      operationId: `list${kind.plural}`,
      summary: `List ${kind.label}s`,
      description: `FMG: \`get ${fmgPath}\`.`,
    })
    list(@Param() { adom }: AdomParamsDto, @Query() query: ListQueryDto): Promise<Page<TemplateDto>> {
      return this.service.listTemplates(kind, adom, query);
    }

    @Get(':name')
    @ReadOperation(TemplateDto, {
      operationId: `get${kind.singular}`,
      summary: `Get a ${kind.label} with its targets`,
      description: `FMG: \`get ${fmgPath}/{name}\`.`,
    })
    get(@Param() { adom, name }: TemplateParamsDto, @Query() query: ReadQueryDto): Promise<TemplateDto> {
      return this.service.getTemplate(kind, adom, name, query);
    }

    @Post()
    @HttpCode(successStatus('create'))
    @CreateOperation(TemplateDto, {
      operationId: `create${kind.singular}`,
      summary: `Create a ${kind.label}`,
      description: `FMG: \`add ${fmgPath}\`.`,
      body: { type: CreateTemplateDto },
      problems: [404, 409, 422, 423],
    })
    create(
      @Param() { adom }: AdomParamsDto,
      @Body(createValidationPipe(CreateTemplateDto)) dto: CreateTemplateDto,
    ): Promise<TemplateDto> {
      return this.service.createTemplate(kind, adom, dto);
    }

    @Patch(':name')
    @HttpCode(successStatus('update'))
    @UpdateOperation(TemplateDto, {
      operationId: `update${kind.singular}`,
      summary: `Update a ${kind.label}`,
      description: 'FMG: `update`. Targets are changed one at a time under `/targets`.',
      body: { type: UpdateTemplateDto },
      problems: [404, 422, 423],
    })
    update(
      @Param() { adom, name }: TemplateParamsDto,
      @Body(createValidationPipe(UpdateTemplateDto)) dto: UpdateTemplateDto,
    ): Promise<TemplateDto> {
      return this.service.updateTemplate(kind, adom, name, dto);
    }

    @Delete(':name')
    @HttpCode(successStatus('delete'))
    @NoContentOperation({
      operationId: `delete${kind.singular}`,
      summary: `Delete a ${kind.label}`,
      description: 'FMG: `delete`.',
      problems: [404, 409, 423],
    })
    remove(@Param() { adom, name }: TemplateParamsDto): Promise<void> {
      return this.service.deleteTemplate(kind, adom, name);
    }

    @Get(':name/targets')
    @ReadOperation(TARGET_LIST, {
      operationId: `list${kind.singular}Targets`,
      summary: `Who uses a ${kind.label}: its devices and device groups`,
      description: `FMG: \`get ${fmgPath}/{name}/scope member\`.`,
    })
    targets(@Param() { adom, name }: TemplateParamsDto): Promise<ScopeMemberDto[]> {
      return this.service.templateTargets(kind, adom, name);
    }

    @Put(':name/targets/:device')
    @UpdateOperation(TARGET_LIST, {
      operationId: `assign${kind.singular}`,
      summary: `Assign a ${kind.label} to one device (\`?vdom=\`) or device group`,
      description: `FMG: \`add ${fmgPath}/{name}/scope member\`. Other targets are kept; assigning twice is harmless.`,
      answer: 'The targets after the change.',
      problems: [404, 422, 423],
    })
    assign(
      @Param() { adom, name, device }: TemplateTargetParamsDto,
      @Query() { vdom }: TargetQueryDto,
    ): Promise<ScopeMemberDto[]> {
      return this.service.assignTemplate(kind, adom, name, device, vdom);
    }

    @Delete(':name/targets/:device')
    @HttpCode(successStatus('delete'))
    @NoContentOperation({
      operationId: `unassign${kind.singular}`,
      summary: `Remove one device (\`?vdom=\`) or device group from a ${kind.label}`,
      description: `FMG: \`delete ${fmgPath}/{name}/scope member\`. Other targets are kept.`,
      answer: 'Removed (also when it was not a target).',
      problems: [404, 423],
    })
    unassign(
      @Param() { adom, name, device }: TemplateTargetParamsDto,
      @Query() { vdom }: TargetQueryDto,
    ): Promise<void> {
      return this.service.unassignTemplate(kind, adom, name, device, vdom);
    }
  }
  Object.defineProperty(TemplateController, 'name', { value: `${kind.singular}Controller` });
  return TemplateController;
}
