import { Module } from '@nestjs/common';
import { AdomObjectsController } from './adom-objects.controller';
import { DeviceGlobalConfigController } from './device-global-config.controller';
import { DeviceVdomConfigController } from './device-vdom-config.controller';
import { GenericObjectsService } from './generic-objects.service';
import { GlobalObjectsController } from './global-objects.controller';

/**
 * The long tail of FMG object types: any table by its cli path, FMG attribute names as they are, in
 * ADOMs, the Global ADOM and the device DB. Typed resources stay the better choice where they exist.
 */
@Module({
  controllers: [
    AdomObjectsController,
    GlobalObjectsController,
    DeviceVdomConfigController,
    DeviceGlobalConfigController,
  ],
  providers: [GenericObjectsService],
})
export class GenericObjectsModule {}
