import { Module } from '@nestjs/common';
import { ResourceController } from '../resources/resource-controller';
import { objectResource, WhereUsedController } from './object-crud.controller';
import { OBJECT_TYPES } from './object-types';
import { ObjectsService } from './objects.service';
import { UpstreamModule } from '../upstream/upstream.module';
import { TranslatorModule } from '../translator/translator.module';

@Module({
  imports: [UpstreamModule, TranslatorModule],
  controllers: OBJECT_TYPES.flatMap((spec) => [
    ResourceController(objectResource(spec)),
    WhereUsedController(spec),
  ]),
  providers: [ObjectsService],
})
export class ObjectsModule {}
