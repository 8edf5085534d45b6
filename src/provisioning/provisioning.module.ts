import { Module } from '@nestjs/common';
import { TranslatorModule } from '../translator/translator.module';
import { UpstreamModule } from '../upstream/upstream.module';
import {
  DeviceProvisioningController,
  MetadataVariablesController,
  OnboardingController,
  PackageTargetsController,
} from './provisioning.controller';
import { ProvisioningService } from './provisioning.service';
import { TargetsService } from './targets.service';
import { ResourceController } from '../resources/resource-controller';
import { TemplateTargetsController } from './templates.controller';
import { TEMPLATE_KINDS, templateResource } from './template-kinds';

@Module({
  imports: [UpstreamModule, TranslatorModule],
  controllers: [
    ...TEMPLATE_KINDS.map((kind) => ResourceController(templateResource(kind))),
    ...TEMPLATE_KINDS.map(TemplateTargetsController),
    PackageTargetsController,
    DeviceProvisioningController,
    OnboardingController,
    MetadataVariablesController,
  ],
  providers: [ProvisioningService, TargetsService],
})
export class ProvisioningModule {}
