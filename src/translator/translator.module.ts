import { Module } from '@nestjs/common';
import { UpstreamModule } from '../upstream/upstream.module';
import { TranslatorService } from './translator.service';

@Module({ imports: [UpstreamModule], providers: [TranslatorService], exports: [TranslatorService] })
export class TranslatorModule {}
