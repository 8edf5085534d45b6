import { Controller, Delete, Get, HttpCode, Param, Put, Query, Type } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { successStatus } from '../common/http/success-status';
import { ScopeMemberDto } from '../packages/dto/package.dto';
import { NoContentOperation, ReadOperation, UpdateOperation } from '../resources/operations';
import { TargetQueryDto, TemplateParamsDto, TemplateTargetParamsDto } from './dto/provisioning.dto';
import { ProvisioningService } from './provisioning.service';
import { TARGET_LIST } from './target-list';
import { TemplateKind } from './template-kinds';

/**
 * The targets of a template family (system, SD-WAN, template groups): who uses a template, and assignment of
 * one target at a time. Their CRUD is declared (templateResource) and served by ResourceController.
 */
export function TemplateTargetsController(kind: TemplateKind): Type<unknown> {
  const fmgPath = `/pm/${kind.fmgKind}/adom/{adom}`;

  @ApiTags('Provisioning templates')
  @Controller(`adoms/:adom/${kind.route}`)
  class TemplateTargetsController {
    constructor(readonly service: ProvisioningService) {}

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
  Object.defineProperty(TemplateTargetsController, 'name', { value: `${kind.singular}TargetsController` });
  return TemplateTargetsController;
}
