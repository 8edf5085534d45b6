import { Module } from '@nestjs/common';
import { ObjectCrudController } from './object-crud.controller';
import { OBJECT_TYPES } from './object-types';
import { ObjectsService } from './objects.service';
import { UpstreamModule } from '../upstream/upstream.module';
import { TranslatorModule } from '../translator/translator.module';

@Module({
  imports: [UpstreamModule, TranslatorModule],
  controllers: OBJECT_TYPES.map((spec) => ObjectCrudController(spec)),
  providers: [ObjectsService],
})
export class ObjectsModule {}
