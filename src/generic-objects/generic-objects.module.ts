import { Module } from '@nestjs/common';
import { GENERIC_CONTROLLERS } from './generic-objects.controller';
import { GenericObjectsService } from './generic-objects.service';
import { TranslatorModule } from '../translator/translator.module';
import { SchemaModule } from '../schema/schema.module';
import { SCHEMA_CONTROLLERS } from './schema.controller';

/**
 * The long tail of FMG object types: any table by its cli path, FMG attribute names as they are, in
 * ADOMs, the Global ADOM and the device DB. Typed resources stay the better choice where they exist.
 */
@Module({
  imports: [TranslatorModule, SchemaModule],
  controllers: [...GENERIC_CONTROLLERS, ...SCHEMA_CONTROLLERS],
  providers: [GenericObjectsService],
})
export class GenericObjectsModule {}
