/** Standalone entry: `node dist/emulator/main.js` (EMULATOR_PORT, EMULATOR_HOST). */
import { startEmulator } from './index';

async function main(): Promise<void> {
  const port = Number(process.env.EMULATOR_PORT ?? 9090);
  const host = process.env.EMULATOR_HOST ?? '127.0.0.1';
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`invalid EMULATOR_PORT ${port}`);
  const emu = await startEmulator({ host, port });
  console.log(`FortiManager emulator listening on ${emu.url}/jsonrpc`);
  const stop = () => {
    emu.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
