import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { AdomsModule } from './adoms/adoms.module';
import { AnalyzerModule } from './analyzer/analyzer.module';
import { DevicesModule } from './devices/devices.module';
import { FortiGatesModule } from './fortigates/fortigates.module';
import { FirmwareModule } from './firmware/firmware.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { JwtAuthGuard } from './auth/auth.guard';
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
import { IdempotencyGuard, IdempotentReplayFilter } from './idempotency/idempotency.guard';
import { ObservabilityModule } from './observability/observability.module';
import { PackagesModule } from './packages/packages.module';
import { PoliciesModule } from './policies/policies.module';
import { ProvisioningModule } from './provisioning/provisioning.module';
import { RateLimitModule } from './rate-limit/rate-limit.module';
import { RateLimitGuard } from './rate-limit/rate-limit.guard';
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
        // Nest tries global filters last-registered first: replays before the catch-all renderer.
        { provide: APP_FILTER, useClass: IdempotentReplayFilter },
        // In this order: who the client is, whether it is over its limit, whether a POST is a retry (a
        // replay still counts against the limit). Guards, and no global interceptor: with a single
        // interceptor on a route, Nest runs every request through an rxjs chain (a ReplaySubject, a
        // client-disconnect listener, operators per interceptor), ~14 % of the CPU of a small GET.
        { provide: APP_GUARD, useExisting: JwtAuthGuard },
        { provide: APP_GUARD, useExisting: RateLimitGuard },
        { provide: APP_GUARD, useExisting: IdempotencyGuard },
      ],
    };
  }
}
