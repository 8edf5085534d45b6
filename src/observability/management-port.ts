import { createServer, type RequestListener, type Server } from 'node:http';
import type { Socket } from 'node:net';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { GatewayError } from '../common/errors/gateway-error';

/** The operations routes: Prometheus metrics and the probes. */
const MANAGEMENT_PATH = /^\/(metrics|health)(\/|$)/;

const managementSockets = new WeakSet<Socket>();
/** Management listeners per app, closed with it (hooks cannot be added once the app listens). */
const listeners = new WeakMap<object, Server[]>();

function notHere(): GatewayError {
  return new GatewayError('NOT_FOUND', 'No such route on this port.');
}

/**
 * MANAGEMENT_PORT: `/metrics` and `/health/*` are answered on that port only (404 on the API port),
 * and the management port answers nothing else. Installed by configureApp when the port is set; the
 * listener itself is started by startManagementServer. Without MANAGEMENT_PORT nothing changes: one
 * port serves everything.
 */
export function installManagementSplit(app: NestFastifyApplication): void {
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', (request, _reply, done) => {
    const onManagement = managementSockets.has(request.raw.socket);
    const managementRoute = MANAGEMENT_PATH.test(request.url.split('?')[0]);
    done(onManagement === managementRoute ? undefined : notHere());
  });
  fastify.addHook('onClose', async (instance) => {
    const servers = listeners.get(instance) ?? [];
    await Promise.all(
      servers.map(
        (server) =>
          new Promise<void>((resolve) => {
            server.close(() => resolve());
            server.closeAllConnections();
          }),
      ),
    );
  });
}

/**
 * A second HTTP listener on the same Fastify instance (same routes, hooks, metrics), told apart by
 * its sockets. Closed with the app (installManagementSplit must have run: configureApp does it).
 */
export async function startManagementServer(
  app: NestFastifyApplication,
  port: number,
  host: string,
): Promise<Server> {
  const fastify = app.getHttpAdapter().getInstance();
  const handler = fastify.server.listeners('request')[0] as RequestListener;
  const server = createServer(handler);
  server.on('connection', (socket: Socket) => managementSockets.add(socket));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  listeners.set(fastify, [...(listeners.get(fastify) ?? []), server]);
  return server;
}
