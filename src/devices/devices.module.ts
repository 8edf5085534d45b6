import { Module } from '@nestjs/common';
import { ResourceController } from '../resources/resource-controller';
import { DEVICE_GROUPS } from './device-group.resource';
import { DeviceGroupsController } from './device-groups.controller';
import { DeviceGroupsService } from './device-groups.service';
import { DevicesController } from './devices.controller';
import { DevicesService } from './devices.service';
import { UpstreamModule } from '../upstream/upstream.module';
import { TranslatorModule } from '../translator/translator.module';

@Module({
  imports: [UpstreamModule, TranslatorModule],
  controllers: [DevicesController, ResourceController(DEVICE_GROUPS), DeviceGroupsController],
  providers: [DevicesService, DeviceGroupsService],
})
export class DevicesModule {}
