import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from '../app.module';
import { createFastifyAdapter } from '../configure-app';
import { buildOpenApiDocument } from '../openapi/openapi.document';

/**
 * Writes the OpenAPI document without starting anything: `preview` builds the module graph but
 * instantiates no provider, so no upstream is contacted. Run from `dist/` (the Swagger plugin's
 * metadata exists only in the `nest build` output).
 */
async function main(): Promise<void> {
  const out = process.argv[2] ?? 'openapi/openapi.json';
  const config = {
    port: 0,
    host: '127.0.0.1',
    logLevel: 'error',
    emulatorPort: 0,
    upstreams: {},
    auth: { mode: 'disabled' as const },
    rpc: { allow: [], deny: [] },
  };
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config),
    createFastifyAdapter(),
    {
      preview: true,
      logger: false,
    },
  );
  const document = buildOpenApiDocument(app);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(document, null, 2)}\n`);
  await app.close();
  console.log(`OpenAPI document written to ${out} (${Object.keys(document.paths).length} paths)`);
}

void main();
