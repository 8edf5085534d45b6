import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from '../app.module';
import { loadConfig } from '../config/app-config';
import { createFastifyAdapter } from '../configure-app';
import { buildOpenApiDocument } from '../openapi/openapi.document';
import { buildUpstreamDocument } from '../openapi/upstream-document';
import { SchemaService } from '../schema/schema.service';

/**
 * `npm run openapi:upstream [-- out.json]`: the typed document of the FortiManager that FMG_URL (and
 * its credentials, as for the gateway) points at, from that box's own schema. Run from `dist/` (the
 * Swagger plugin's metadata exists only in the `nest build` output).
 */
async function main(): Promise<void> {
  const out = process.argv[2] ?? 'openapi/openapi.upstream.json';
  const config = loadConfig(process.env);
  if (!config.upstreams.fmg) {
    console.error(
      'Set FMG_URL and its credentials (as for the gateway): the document is typed from that box.',
    );
    process.exit(2);
  }
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config),
    createFastifyAdapter(),
    {
      logger: ['error', 'warn'],
    },
  );
  await app.init();
  const schema = app.get(SchemaService, { strict: false });
  const started = performance.now();
  const document = await buildUpstreamDocument(buildOpenApiDocument(app), schema);
  const ms = Math.round(performance.now() - started);
  const json = `${JSON.stringify(document, null, 2)}\n`;
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, json);
  const version = await schema.currentVersion();
  const adom = await schema.database({ scope: 'adom', adom: 'root' });
  await app.close();
  console.log(
    `Typed OpenAPI document for FortiManager ${version} written to ${out}: ` +
      `${Object.keys(document.paths).length} paths, ${Object.keys(document.components?.schemas ?? {}).length} schemas, ` +
      `${json.length} bytes; ADOM syntax ${adom.tables.size} tables, ${adom.bytes} bytes, fetched in ${adom.fetchMs} ms; built in ${ms} ms.`,
  );
}

void main();
