import { Module } from '@nestjs/common';
import { ResourceController } from '../resources/resource-controller';
import { TranslatorModule } from '../translator/translator.module';
import { UpstreamModule } from '../upstream/upstream.module';
import { DeviceRevisionsController } from './device-revisions.controller';
import { DeviceRevisionsService } from './device-revisions.service';
import { FIRMWARE_TEMPLATES } from './firmware-template.resource';
import { FirmwareTemplatesController } from './firmware-templates.controller';
import { FirmwareTemplatesService } from './firmware-templates.service';
import { FirmwareController } from './firmware.controller';
import { FirmwareService } from './firmware.service';

/** Firmware and device lifecycle: images, upgrade paths and upgrades, firmware templates, device revisions. */
@Module({
  imports: [UpstreamModule, TranslatorModule],
  controllers: [
    FirmwareController,
    ResourceController(FIRMWARE_TEMPLATES),
    FirmwareTemplatesController,
    DeviceRevisionsController,
  ],
  providers: [FirmwareService, FirmwareTemplatesService, DeviceRevisionsService],
})
export class FirmwareModule {}
