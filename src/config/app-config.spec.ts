import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './app-config';

const tmpFile = (content: string) => {
  const file = join(mkdtempSync(join(tmpdir(), 'cfg-')), 'secret');
  writeFileSync(file, content);
  return file;
};

/** Client auth is mandatory once a real upstream is configured; most tests only care about upstreams. */
const AUTH = {
  AUTH_JWT_SECRET: 'a-test-secret-that-is-long-enough-for-hs256',
  AUTH_JWT_ISSUER: 'https://idp.example',
  AUTH_JWT_AUDIENCE: 'fortirest',
};
const load = (env: NodeJS.ProcessEnv) => loadConfig({ ...AUTH, ...env });

describe('loadConfig', () => {
  it('should configure no upstream (embedded emulators) when no URL is set', () => {
    const config = loadConfig({});
    expect(config.upstreams).toEqual({});
    expect(config.auth).toMatchObject({ mode: 'jwt', demo: true, algorithms: ['HS256'] });
    expect(config.port).toBe(3000);
  });

  it('should read the FortiManager connection and strip a trailing slash', () => {
    const config = load({
      FMG_URL: 'https://fmg.example.net/',
      FMG_USERNAME: 'api',
      FMG_PASSWORD: 's3cret',
    });
    expect(config.upstreams.fmg).toMatchObject({
      name: 'fmg',
      url: 'https://fmg.example.net',
      auth: { mode: 'password', username: 'api', password: 's3cret' },
      timeoutMs: 30000,
      maxSessions: 8,
    });
    expect(config.upstreams.faz).toBeUndefined();
  });

  it('should read the password from a file', () => {
    const config = load({
      FMG_URL: 'http://fmg',
      FMG_USERNAME: 'a',
      FMG_PASSWORD_FILE: tmpFile('from-file\n'),
    });
    expect(config.upstreams.fmg?.auth).toEqual({ mode: 'password', username: 'a', password: 'from-file' });
  });

  it('should fail fast, naming variables but never their values', () => {
    const attempt = () => load({ PORT: 'not-a-port', FMG_URL: 'ftp://x', FMG_PASSWORD: 'hunter2' });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/PORT/);
    expect(() => load({ FMG_URL: 'ftp://x', FMG_PASSWORD: 'hunter2' })).toThrow(/FMG_URL/);
    expect(attempt).not.toThrow(/hunter2|not-a-port/);
  });

  it('should require credentials when a URL is set', () => {
    expect(() => load({ FMG_URL: 'https://fmg' })).toThrow(/FMG_USERNAME and FMG_PASSWORD/);
    expect(() => load({ FAZ_URL: 'https://faz', FAZ_AUTH: 'api-key' })).toThrow(/FAZ_API_KEY/);
  });

  it('should pick API-key auth when a key is given, and read it from a file', () => {
    const config = load({ FMG_URL: 'https://fmg', FMG_API_KEY_FILE: tmpFile('k3y\n') });
    expect(config.upstreams.fmg?.auth).toEqual({ mode: 'api-key', apiKey: 'k3y' });
  });

  it('should configure FortiCloud with the product client id and the default token URL', () => {
    const config = load({
      FAZ_URL: 'https://x.fortianalyzer.forticloud.com',
      FAZ_AUTH: 'forticloud',
      FAZ_USERNAME: 'id',
      FAZ_PASSWORD: 'pw',
    });
    expect(config.upstreams.faz?.auth).toEqual({
      mode: 'forticloud',
      username: 'id',
      password: 'pw',
      clientId: 'FortiAnalyzer',
      tokenUrl: 'https://customerapiauth.fortinet.com/api/v1/oauth/token/',
    });
  });

  it('should read pool settings per upstream and prefix their errors', () => {
    const config = load({
      FMG_URL: 'http://f',
      FMG_USERNAME: 'u',
      FMG_PASSWORD: 'p',
      FMG_MAX_SESSIONS: '3',
      FMG_QUEUE_TIMEOUT_MS: '250',
    });
    expect(config.upstreams.fmg).toMatchObject({ maxSessions: 3, queueTimeoutMs: 250 });
    expect(() => load({ FAZ_URL: 'http://f', FAZ_API_KEY: 'k', FAZ_MAX_SESSIONS: '0' })).toThrow(
      /FAZ_MAX_SESSIONS/,
    );
  });

  describe('client authentication', () => {
    const upstream = { FMG_URL: 'https://fmg', FMG_USERNAME: 'u', FMG_PASSWORD: 'p' };

    it('should refuse to start without client authentication once an upstream is real', () => {
      expect(() => loadConfig(upstream)).toThrow(/AUTH_JWT_SECRET .* or AUTH_JWKS_URL is required/);
    });

    it('should require issuer and audience, and a long enough secret', () => {
      expect(() => loadConfig({ ...upstream, AUTH_JWT_SECRET: AUTH.AUTH_JWT_SECRET })).toThrow(
        /ISSUER and AUTH_JWT_AUDIENCE/,
      );
      expect(() => load({ ...upstream, AUTH_JWT_SECRET: 'short' })).toThrow(/at least 32/);
    });

    it('should configure HS256 from a secret and RS256/ES256 from a JWKS URL', () => {
      expect(load(upstream).auth).toMatchObject({
        mode: 'jwt',
        algorithms: ['HS256'],
        clockSkewS: 30,
        adomsClaim: 'adoms',
      });
      const jwks = loadConfig({
        ...upstream,
        ...AUTH,
        AUTH_JWT_SECRET: undefined,
        AUTH_JWKS_URL: 'https://idp/jwks',
      });
      expect(jwks.auth).toMatchObject({
        mode: 'jwt',
        jwksUrl: 'https://idp/jwks',
        algorithms: ['RS256', 'ES256'],
      });
    });

    it('should refuse algorithm confusion', () => {
      expect(() => load({ ...upstream, AUTH_JWT_ALGORITHMS: 'HS256,RS256' })).toThrow(
        /HS\* only with AUTH_JWT_SECRET/,
      );
      expect(() => load({ ...upstream, AUTH_JWT_ALGORITHMS: 'none' })).toThrow(/unsupported none/);
    });

    it('should allow disabling authentication explicitly', () => {
      expect(loadConfig({ ...upstream, AUTH_DISABLED: 'true' }).auth).toEqual({ mode: 'disabled' });
    });
  });
});

describe('loadConfig: resilience, metrics and CORS', () => {
  const FMG = { FMG_URL: 'https://fmg.example.net', FMG_USERNAME: 'api', FMG_PASSWORD: 'x' };

  it('should default to 2 resends, a breaker after 5 failures for 10 s, metrics on and CORS off', () => {
    const config = load(FMG);
    expect(config.upstreams.fmg).toMatchObject({
      retries: 2,
      breakerThreshold: 5,
      breakerHalfOpenMs: 10_000,
    });
    expect(config.metricsEnabled).toBe(true);
    expect(config.corsOrigins).toEqual([]);
  });

  it('should read them from the environment', () => {
    const config = load({
      ...FMG,
      FMG_RETRIES: '0',
      FMG_BREAKER_THRESHOLD: '3',
      FMG_BREAKER_HALF_OPEN_MS: '2000',
      METRICS_ENABLED: 'false',
      CORS_ORIGINS: 'https://a.example, http://localhost:5173',
    });
    expect(config.upstreams.fmg).toMatchObject({ retries: 0, breakerThreshold: 3, breakerHalfOpenMs: 2000 });
    expect(config.metricsEnabled).toBe(false);
    expect(config.corsOrigins).toEqual(['https://a.example', 'http://localhost:5173']);
  });

  it.each([
    ['FMG_RETRIES', '9'],
    ['FMG_BREAKER_THRESHOLD', '0'],
    ['FMG_BREAKER_HALF_OPEN_MS', '10'],
    ['CORS_ORIGINS', '*'],
    ['CORS_ORIGINS', 'https://a.example/path'],
  ])('should refuse %s=%s, naming the variable', (variable, value) => {
    expect(() => load({ ...FMG, [variable]: value })).toThrow(ConfigError);
    expect(() => load({ ...FMG, [variable]: value })).toThrow(new RegExp(variable));
  });
});
