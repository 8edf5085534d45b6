import { Module } from '@nestjs/common';
import { DeviceGroupsController } from './device-groups.controller';
import { DeviceGroupsService } from './device-groups.service';
import { DevicesController } from './devices.controller';
import { DevicesService } from './devices.service';

@Module({
  controllers: [DevicesController, DeviceGroupsController],
  providers: [DevicesService, DeviceGroupsService],
})
export class DevicesModule {}
