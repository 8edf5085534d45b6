import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { EtagInterceptor } from './common/http/etag.interceptor';
import { AdomsModule } from './adoms/adoms.module';
import { AnalyzerModule } from './analyzer/analyzer.module';
import { DevicesModule } from './devices/devices.module';
import { FortiGatesModule } from './fortigates/fortigates.module';
import { FirmwareModule } from './firmware/firmware.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { ProblemDetailsFilter } from './common/errors/problem-details.filter';
import { createValidationPipe } from './common/validation/validation';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { UpstreamModule } from './upstream/upstream.module';
import { UpstreamsModule } from './upstreams/upstreams.module';
import { ObjectsModule } from './objects/objects.module';
import { GenericObjectsModule } from './generic-objects/generic-objects.module';
import { HealthModule } from './health/health.module';
import { IdempotencyModule } from './idempotency/idempotency.module';
import { ObservabilityModule } from './observability/observability.module';
import { PackagesModule } from './packages/packages.module';
import { PoliciesModule } from './policies/policies.module';
import { ProvisioningModule } from './provisioning/provisioning.module';
import { RateLimitModule } from './rate-limit/rate-limit.module';
import { RevisionsModule } from './revisions/revisions.module';
import { RpcModule } from './rpc/rpc.module';
import { ScriptsModule } from './scripts/scripts.module';
import { SharedStateModule } from './shared-state/shared-state.module';
import { SystemModule } from './system/system.module';
import { TasksModule } from './tasks/tasks.module';
import { TranslatorModule } from './translator/translator.module';
import { WorkspaceModule } from './workspace/workspace.module';

/**
 * Global behaviour is registered through DI (not in main.ts) so every test app gets exactly the
 * production pipeline: validation, the problem+json renderer.
 */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        // Nest shuts a module down after every module importing it: shared state closes after the pools.
        SharedStateModule,
        AuthModule.forRoot(config.auth),
        // Before idempotency: a replayed answer still counts against the client's limit.
        RateLimitModule,
        IdempotencyModule,
        AuditModule,
        UpstreamModule,
        TranslatorModule,
        HealthModule,
        ObservabilityModule.forRoot(config),
        SystemModule,
        AdomsModule,
        PackagesModule,
        ObjectsModule,
        GenericObjectsModule,
        PoliciesModule,
        TasksModule,
        DevicesModule,
        FortiGatesModule,
        ProvisioningModule,
        FirmwareModule,
        ScriptsModule,
        WorkspaceModule,
        RevisionsModule,
        RpcModule,
        AnalyzerModule,
        UpstreamsModule,
      ],
      providers: [
        { provide: APP_PIPE, useFactory: () => createValidationPipe() },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        { provide: APP_INTERCEPTOR, useClass: EtagInterceptor },
      ],
    };
  }
}
