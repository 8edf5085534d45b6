import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('should default to the embedded emulator when FMG_URL is unset', () => {
    const config = loadConfig({});
    expect(config.fmg).toBeUndefined();
    expect(config.port).toBe(3000);
  });

  it('should read the FortiManager connection and strip a trailing slash', () => {
    const config = loadConfig({
      FMG_URL: 'https://fmg.example.net/',
      FMG_USERNAME: 'api',
      FMG_PASSWORD: 's3cret',
    });
    expect(config.fmg).toMatchObject({
      url: 'https://fmg.example.net',
      username: 'api',
      password: 's3cret',
      timeoutMs: 30000,
    });
  });

  it('should read the password from a file', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'cfg-')), 'pw');
    writeFileSync(file, 'from-file\n');
    expect(
      loadConfig({ FMG_URL: 'http://fmg', FMG_USERNAME: 'a', FMG_PASSWORD_FILE: file }).fmg?.password,
    ).toBe('from-file');
  });

  it('should fail fast, naming variables but never their values', () => {
    const attempt = () => loadConfig({ PORT: 'not-a-port', FMG_URL: 'ftp://x', FMG_PASSWORD: 'hunter2' });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/PORT/);
    expect(attempt).toThrow(/FMG_URL/);
    expect(attempt).not.toThrow(/hunter2|not-a-port/);
  });

  it('should require credentials when FMG_URL is set', () => {
    expect(() => loadConfig({ FMG_URL: 'https://fmg' })).toThrow(/FMG_USERNAME and FMG_PASSWORD/);
  });
});
