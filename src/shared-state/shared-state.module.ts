import { Inject, Injectable, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG } from '../config/app-config';
import type { AppConfig } from '../config/app-config';
import { MemorySharedState } from './memory-shared-state';
import { RedisSharedState } from './redis-shared-state';
import { SharedState } from './shared-state';

/** Chooses the implementation: Redis when REDIS_URL is set, memory otherwise. */
export function createSharedState(config: Pick<AppConfig, 'redis'>): SharedState {
  if (!config.redis) return new MemorySharedState();
  return new RedisSharedState({ url: config.redis.url, keyPrefix: config.redis.keyPrefix });
}

/** Closes the connection last: the session pools give their budget slots back during shutdown. */
@Injectable()
class SharedStateLifecycle implements OnApplicationShutdown {
  constructor(private readonly state: SharedState) {}
  async onApplicationShutdown(): Promise<void> {
    await this.state.close();
  }
}

@Injectable()
class SharedStateAnnouncer {
  constructor(state: SharedState, @Inject(APP_CONFIG) config: AppConfig) {
    if (config.redis) {
      new Logger('SharedState').log(
        `Replica ${state.replicaId}: sharing state through Redis (prefix "${config.redis.keyPrefix}")`,
      );
    }
  }
}

/**
 * Imported by every module that must agree across replicas. Nest shuts a module down after the modules that
 * import it, so the connection closes after the session pools have given their budget slots back.
 */
@Module({
  providers: [
    { provide: SharedState, useFactory: createSharedState, inject: [APP_CONFIG] },
    SharedStateLifecycle,
    SharedStateAnnouncer,
  ],
  exports: [SharedState],
})
export class SharedStateModule {}
