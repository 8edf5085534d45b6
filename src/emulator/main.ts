/**
 * Standalone entry: `node dist/emulator/main.js`.
 * EMULATOR_PORT (9090), EMULATOR_HOST (127.0.0.1), EMULATOR_PRODUCT (fortimanager | fortianalyzer),
 * EMULATOR_VERSION (sys/status Version string, e.g. "v7.4.3-build2487 240403 (GA)"; FAZ before 7.4 keeps
 * log-search tids reusable, 7.4 and later reaps them after one fetch), EMULATOR_TZ (the appliance's IANA
 * time zone; default Europe/Brussels for a FortiAnalyzer).
 */
import { startEmulator } from './index';
import { PRODUCTS, type EmulatorProduct } from './core/product';

async function main(): Promise<void> {
  const port = Number(process.env.EMULATOR_PORT ?? 9090);
  const host = process.env.EMULATOR_HOST ?? '127.0.0.1';
  const product = (process.env.EMULATOR_PRODUCT || 'fortimanager') as EmulatorProduct;
  const version = process.env.EMULATOR_VERSION || undefined;
  const timeZone = process.env.EMULATOR_TZ || undefined;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`invalid EMULATOR_PORT ${port}`);
  if (!PRODUCTS.includes(product)) {
    throw new Error(`invalid EMULATOR_PRODUCT ${product}; expected ${PRODUCTS.join(' or ')}`);
  }
  // startEmulator rejects a malformed EMULATOR_VERSION with the expected format in the message.
  const emu = await startEmulator({ host, port, product, version, timeZone });
  const name = product === 'fortianalyzer' ? 'FortiAnalyzer' : 'FortiManager';
  console.log(`${name} emulator listening on ${emu.url}/jsonrpc`);
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
