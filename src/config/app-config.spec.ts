import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './app-config';

const tmpFile = (content: string) => {
  const file = join(mkdtempSync(join(tmpdir(), 'cfg-')), 'secret');
  writeFileSync(file, content);
  return file;
};

describe('loadConfig', () => {
  it('should configure no upstream (embedded emulators) when no URL is set', () => {
    const config = loadConfig({});
    expect(config.upstreams).toEqual({});
    expect(config.port).toBe(3000);
  });

  it('should read the FortiManager connection and strip a trailing slash', () => {
    const config = loadConfig({
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
    const config = loadConfig({
      FMG_URL: 'http://fmg',
      FMG_USERNAME: 'a',
      FMG_PASSWORD_FILE: tmpFile('from-file\n'),
    });
    expect(config.upstreams.fmg?.auth).toEqual({ mode: 'password', username: 'a', password: 'from-file' });
  });

  it('should fail fast, naming variables but never their values', () => {
    const attempt = () => loadConfig({ PORT: 'not-a-port', FMG_URL: 'ftp://x', FMG_PASSWORD: 'hunter2' });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/PORT/);
    expect(() => loadConfig({ FMG_URL: 'ftp://x', FMG_PASSWORD: 'hunter2' })).toThrow(/FMG_URL/);
    expect(attempt).not.toThrow(/hunter2|not-a-port/);
  });

  it('should require credentials when a URL is set', () => {
    expect(() => loadConfig({ FMG_URL: 'https://fmg' })).toThrow(/FMG_USERNAME and FMG_PASSWORD/);
    expect(() => loadConfig({ FAZ_URL: 'https://faz', FAZ_AUTH: 'api-key' })).toThrow(/FAZ_API_KEY/);
  });

  it('should pick API-key auth when a key is given, and read it from a file', () => {
    const config = loadConfig({ FMG_URL: 'https://fmg', FMG_API_KEY_FILE: tmpFile('k3y\n') });
    expect(config.upstreams.fmg?.auth).toEqual({ mode: 'api-key', apiKey: 'k3y' });
  });

  it('should configure FortiCloud with the product client id and the default token URL', () => {
    const config = loadConfig({
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
    const config = loadConfig({
      FMG_URL: 'http://f',
      FMG_USERNAME: 'u',
      FMG_PASSWORD: 'p',
      FMG_MAX_SESSIONS: '3',
      FMG_QUEUE_TIMEOUT_MS: '250',
    });
    expect(config.upstreams.fmg).toMatchObject({ maxSessions: 3, queueTimeoutMs: 250 });
    expect(() => loadConfig({ FAZ_URL: 'http://f', FAZ_API_KEY: 'k', FAZ_MAX_SESSIONS: '0' })).toThrow(
      /FAZ_MAX_SESSIONS/,
    );
  });
});
