import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { expectProblem } from '../support/problem';
import { Stack, startStack } from '../support/stack';

const ALLOWED = 'https://console.example.com';
const CHROMIUM = '/usr/bin/chromium';

describe('security headers', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());

  it.each([
    ['a JSON answer', '/adoms/root', 200],
    ['a problem', '/adoms/root/firewall/addresses/nope', 404],
    ['a public probe', '/health/live', 200],
  ])('are sent on %s', async (_label, path, status) => {
    const res = await stack.http().get(path).expect(status);
    expect(res.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'SAMEORIGIN',
      'referrer-policy': 'no-referrer',
      'strict-transport-security': expect.stringContaining('max-age='),
      'cross-origin-opener-policy': 'same-origin',
      'x-request-id': expect.any(String),
    });
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'self'");
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('keep Swagger UI working: its scripts are our own files, allowed by the CSP', async () => {
    const page = await stack.anonymous().get('/docs').redirects(1).expect(200);
    expect(String(page.headers['content-security-policy'])).toContain("script-src 'self'");
    const scripts = [...page.text.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map((m) => m[1]);
    expect(scripts.length).toBeGreaterThan(0);
    // No inline script would run under script-src 'self'; every script is a same-origin file.
    expect(page.text.replace(/<script[^>]*\ssrc="[^"]+"[^>]*>\s*<\/script>/g, '')).not.toMatch(/<script/);
    for (const src of scripts) {
      expect(src).not.toMatch(/^(https?:)?\/\//);
      await stack
        .anonymous()
        .get(new URL(src, `${stack.url}/docs`).pathname)
        .expect(200);
    }
  });

  (existsSync(CHROMIUM) ? it : it.skip)(
    'keep Swagger UI working in a real browser (no CSP violation, operations rendered)',
    async () => {
      const profile = mkdtempSync(join(tmpdir(), 'pw-'));
      const browser = await chromium.launchPersistentContext(profile, {
        executablePath: CHROMIUM,
        headless: true,
        args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
      });
      try {
        const tab = await browser.newPage();
        const violations: string[] = [];
        tab.on('console', (m) => {
          if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
        });
        await tab.goto(`${stack.url}/docs`, { waitUntil: 'load' });
        await tab.waitForSelector('.opblock', { timeout: 20_000 });
        expect(await tab.locator('.opblock').count()).toBeGreaterThan(0);
        expect(await tab.title()).toBe('FortiREST API');
        expect(violations).toEqual([]);
      } finally {
        await browser.close();
        rmSync(profile, { recursive: true, force: true });
      }
    },
    40_000,
  );

  it('accept JSON only: text/plain and form bodies are 415', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded']) {
      const res = await stack
        .http()
        .post('/adoms/root/firewall/addresses')
        .set('Content-Type', type)
        .send('name=x&subnet=10.0.0.1/32');
      expectProblem(res, 415, 'UNSUPPORTED_MEDIA_TYPE');
    }
    await stack
      .http()
      .post('/adoms/root/firewall/addresses')
      .set('Content-Type', 'application/json; charset=utf-8')
      .send(JSON.stringify({ name: 'ct-ok', subnet: '192.0.2.90/32' }))
      .expect(201);
  });
});

describe('CORS', () => {
  const preflight = (stack: Stack, origin: string) =>
    stack
      .anonymous()
      .options('/adoms/root/firewall/addresses')
      .set('Origin', origin)
      .set('Access-Control-Request-Method', 'POST')
      .set('Access-Control-Request-Headers', 'authorization,content-type');

  it('is off by default: no CORS header for any origin', async () => {
    const stack = await startStack();
    try {
      const res = await preflight(stack, ALLOWED);
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
      const get = await stack.http().get('/adoms/root').set('Origin', ALLOWED).expect(200);
      expect(get.headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await stack.close();
    }
  });

  describe('with CORS_ORIGINS', () => {
    let stack: Stack;
    beforeAll(async () => {
      stack = await startStack({ gateway: { corsOrigins: [ALLOWED] } });
    });
    afterAll(() => stack.close());

    it('allows a preflight from a listed origin', async () => {
      const res = await preflight(stack, ALLOWED).expect(204);
      expect(res.headers).toMatchObject({
        'access-control-allow-origin': ALLOWED,
        'access-control-allow-methods': expect.stringContaining('POST'),
        'access-control-allow-headers': expect.stringMatching(/authorization/i),
        vary: expect.stringMatching(/origin/i),
      });
      expect(res.headers['access-control-allow-credentials']).toBeUndefined();
    });

    it('refuses a preflight from any other origin', async () => {
      for (const origin of ['https://evil.example', 'https://console.example.com.evil.example', 'null']) {
        const res = await preflight(stack, origin);
        expect(res.headers['access-control-allow-origin']).toBeUndefined();
      }
    });

    it('lets the listed origin read answers and the request id', async () => {
      const res = await stack.http().get('/adoms/root').set('Origin', ALLOWED).expect(200);
      expect(res.headers['access-control-allow-origin']).toBe(ALLOWED);
      expect(res.headers['access-control-expose-headers']).toMatch(/x-request-id/i);
      const other = await stack.http().get('/adoms/root').set('Origin', 'https://evil.example').expect(200);
      expect(other.headers['access-control-allow-origin']).toBeUndefined();
    });
  });
});
