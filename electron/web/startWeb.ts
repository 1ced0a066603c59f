/**
 * Browser mode: `npm run start:web` (and `npm start` where no Electron binary exists). Starts the training
 * workstation behind the loopback bridge and prints the one address to open.
 *
 *   --data DIR      where this workstation keeps settings and data (default ~/.qabyl, or $QABYL_DATA_DIR)
 *   --gateway URL   training: use a sandbox running elsewhere instead of the embedded one
 *   --port N        bridge port (default: any free port)
 *   --secret-file PATH  the administrator's data secret (else $QABYL_DATA_SECRET); production needs one,
 *                       training generates its own into its data folder
 */
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { startWorkstation } from '../compose/startWorkstation';
import { createHostLog } from '../host/logging/hostLog';
import { createSettingsStore } from '../host/settings/settingsStore';
import { PINNED_UPDATE_KEYS } from '../host/updates/feedSignature';
import { watchUpdateFeed } from './updateWatch';
import { startBridgeServer } from './bridgeServer';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

async function main() {
  const { values } = parseArgs({
    options: { data: { type: 'string' }, gateway: { type: 'string' }, port: { type: 'string' }, 'secret-file': { type: 'string' } },
  });
  const baseDir = resolve(values.data ?? process.env.QABYL_DATA_DIR ?? join(homedir(), '.qabyl'));
  const version = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;
  let appOrigin = '';
  // A secret file's trailing newline is how editors save it, not part of the secret.
  const secret = values['secret-file'] ? readFileSync(resolve(values['secret-file']), 'utf8').replace(/\r?\n$/, '') : process.env.QABYL_DATA_SECRET;
  const feedUrl = (await createSettingsStore(join(baseDir, 'settings.json')).load()).updates.feedUrl;
  const workstation = await startWorkstation({
    shell: 'web',
    version,
    baseDir,
    appOrigin: () => appOrigin,
    log: createHostLog({ dir: join(baseDir, 'logs') }),
    dataProtection: { kind: 'secret', ...(secret ? { secret } : {}) },
    ...(feedUrl ? { updates: watchUpdateFeed({ baseUrl: feedUrl, publicKeysPem: PINNED_UPDATE_KEYS, platform: process.platform, currentVersion: version, downloadDir: join(baseDir, 'updates') }) } : {}),
    ...(values.gateway ? { externalGatewayUrl: values.gateway } : {}),
  });
  const bridge = await startBridgeServer({
    handlers: workstation.host.handlers,
    staticDir: join(repoRoot, 'dist', 'renderer'),
    promptOrigin: workstation.host.promptOrigin,
    ...(values.port ? { port: Number(values.port) } : {}),
  });
  appOrigin = bridge.origin;
  const mode = workstation.training ? 'training' : 'production';
  console.log(`Qabyl is running in browser mode (${mode}, gateway ${workstation.gatewayUrl}, data ${workstation.dataDir}).`);
  console.log(`Open: ${bridge.launchUrl}`);

  const stop = async () => {
    await bridge.close();
    await workstation.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  console.error('Qabyl could not start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
