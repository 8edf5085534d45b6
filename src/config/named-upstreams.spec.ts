import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './app-config';

const AUTH = {
  AUTH_JWT_SECRET: 'a-test-secret-that-is-long-enough-for-hs256',
  AUTH_JWT_ISSUER: 'https://idp.example',
  AUTH_JWT_AUDIENCE: 'fortirest',
};
const load = (env: NodeJS.ProcessEnv) => loadConfig({ ...AUTH, ...env });
const file = (name: string, content: string) => {
  const path = join(mkdtempSync(join(tmpdir(), 'upstreams-')), name);
  writeFileSync(path, content);
  return path;
};
/** The message, which must name the setting and never its value. */
const failure = (env: NodeJS.ProcessEnv): string => {
  try {
    load(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error('expected a configuration error');
};

describe('named upstreams', () => {
  it('should read FMG_<NAME>_* next to the plain FMG_* (the upstream named default)', () => {
    const config = load({
      FMG_URL: 'https://fmg.example.net',
      FMG_API_KEY: 'k0',
      FMG_EAST_URL: 'https://east.example.net/',
      FMG_EAST_USERNAME: 'api',
      FMG_EAST_PASSWORD: 'pw',
      FMG_EAST_MAX_SESSIONS: '3',
      FMG_US_WEST_URL: 'https://west.example.net',
      FMG_US_WEST_API_KEY_FILE: file('key', 'k1\n'),
      FAZ_LAB_URL: 'https://faz.example.net',
      FAZ_LAB_API_KEY: 'k2',
    });
    expect(config.upstreams.fmg).toMatchObject({ name: 'fmg', auth: { mode: 'api-key', apiKey: 'k0' } });
    expect(config.upstreams.fmg?.label).toBeUndefined();
    expect(config.upstreams['fmg:east']).toMatchObject({
      name: 'fmg:east',
      product: 'fmg',
      label: 'east',
      url: 'https://east.example.net',
      auth: { mode: 'password', username: 'api', password: 'pw' },
      maxSessions: 3,
    });
    expect(config.upstreams['fmg:us-west']).toMatchObject({ label: 'us-west', auth: { apiKey: 'k1' } });
    expect(config.upstreams['faz:lab']).toMatchObject({ product: 'faz', label: 'lab' });
  });

  it('should read UPSTREAMS_FILE as JSON and as YAML, with the same keys as the variables', () => {
    const json = load({
      UPSTREAMS_FILE: file(
        'upstreams.json',
        JSON.stringify({ managers: { north: { URL: 'https://n.example', API_KEY: 'k', MAX_SESSIONS: 2 } } }),
      ),
    });
    expect(json.upstreams['fmg:north']).toMatchObject({ label: 'north', maxSessions: 2 });
    const yaml = load({
      UPSTREAMS_FILE: file(
        'upstreams.yaml',
        'managers:\n  south:\n    URL: https://s.example\n    API_KEY: k\n    INSECURE_TLS: true\n' +
          'analyzers:\n  lab:\n    URL: https://faz.example\n    USERNAME: u\n    PASSWORD: p\n',
      ),
    });
    expect(yaml.upstreams['fmg:south']).toMatchObject({ insecureTls: true });
    expect(yaml.upstreams['faz:lab']).toMatchObject({ product: 'faz', auth: { mode: 'password' } });
  });

  it('should stop with the setting named, never its value', () => {
    const missing = failure({ FMG_EAST_URL: 'https://east.example', FMG_EAST_PASSWORD: 'hunter2-secret' });
    expect(missing).toMatch(/FMG_EAST_USERNAME/);
    expect(missing).not.toMatch(/hunter2/);
    expect(failure({ FMG_EAST_URL: 'not a url hunter2' })).toMatch(/FMG_EAST_URL/);
    expect(failure({ FMG_EAST_URL: 'not a url hunter2' })).not.toMatch(/hunter2/);
    expect(failure({ FMG_EAST_USERNAME: 'u' })).toMatch(/FMG_EAST_URL is required/);
    expect(failure({ FMG_DEFAULT_URL: 'https://x.example' })).toMatch(/FMG_DEFAULT_URL: "default"/);
    expect(failure({ FMG_9X_URL: 'https://x.example' })).toMatch(/FMG_9X_URL: upstream names/);
  });

  it('should refuse a name given twice, a bad file and unknown keys', () => {
    const twice = file(
      'dup.json',
      JSON.stringify({ managers: { east: { URL: 'https://e.example', API_KEY: 'k' } } }),
    );
    expect(
      failure({ UPSTREAMS_FILE: twice, FMG_EAST_URL: 'https://e.example', FMG_EAST_API_KEY: 'k' }),
    ).toMatch(/"east" is configured twice/);
    expect(failure({ UPSTREAMS_FILE: '/nonexistent/upstreams.json' })).toMatch(
      /UPSTREAMS_FILE: file cannot be read/,
    );
    expect(failure({ UPSTREAMS_FILE: file('bad.json', '{"managers":') })).toMatch(/not valid JSON or YAML/);
    expect(failure({ UPSTREAMS_FILE: file('x.json', '{"gates": {}}') })).toMatch(/unknown key "gates"/);
    expect(
      failure({
        UPSTREAMS_FILE: file(
          'y.json',
          JSON.stringify({ managers: { a: { URL: 'https://a.example', PASWORD: 'p' } } }),
        ),
      }),
    ).toMatch(/managers\.a\.PASWORD: not an upstream setting/);
    expect(
      failure({
        UPSTREAMS_FILE: file(
          'z.json',
          JSON.stringify({ managers: { a: { URL: 'https://a.example', MAX_SESSIONS: 0 } } }),
        ),
      }),
    ).toMatch(/managers\.a\.MAX_SESSIONS/);
  });

  it('should leave variables that are no upstream setting alone, as before', () => {
    expect(
      load({ FMG_URL: 'https://f.example', FMG_API_KEY: 'k', FMG_SOMETHING_ELSE: 'x' }).upstreams,
    ).toEqual({
      fmg: expect.objectContaining({ name: 'fmg' }),
    });
  });
});
