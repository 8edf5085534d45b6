import { ConfigError, loadConfig, RATE_LIMIT_DEFAULT_PER_MIN } from '../config/app-config';

/** The scale-out settings: Redis is opt-in and a bad URL stops the start, never falls back silently. */
describe('scale-out configuration', () => {
  const base = { AUTH_DISABLED: 'true' };

  it('should keep state in memory and limit clients generously by default', () => {
    const config = loadConfig(base);
    expect(config.redis).toBeUndefined();
    expect(config.rateLimit).toEqual({ perMinute: RATE_LIMIT_DEFAULT_PER_MIN });
  });

  it('should read REDIS_URL with a default key prefix, or the given one', () => {
    expect(loadConfig({ ...base, REDIS_URL: 'redis://cache:6379/2' }).redis).toEqual({
      url: 'redis://cache:6379/2',
      keyPrefix: 'fortirest:',
    });
    expect(
      loadConfig({ ...base, REDIS_URL: 'rediss://:secret@cache:6380', REDIS_KEY_PREFIX: 'prod:' }).redis,
    ).toEqual({ url: 'rediss://:secret@cache:6380', keyPrefix: 'prod:' });
  });

  it.each(['localhost:6379', 'http://cache:6379', 'redis://'])('should refuse REDIS_URL=%s', (url) => {
    const attempt = () => loadConfig({ ...base, REDIS_URL: url });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/REDIS_URL/);
  });

  it('should never print the Redis password in an error', () => {
    expect(() => loadConfig({ ...base, REDIS_URL: 'http://:hunter2@cache' })).toThrow(/^((?!hunter2).)*$/s);
  });

  it('should turn rate limiting off with 0 and refuse negative limits', () => {
    expect(loadConfig({ ...base, RATE_LIMIT_PER_MIN: '0' }).rateLimit).toEqual({ perMinute: 0 });
    expect(() => loadConfig({ ...base, RATE_LIMIT_PER_MIN: '-1' })).toThrow(/RATE_LIMIT_PER_MIN/);
  });
});
