/**
 * The composition root both shells share: read the settings, then start the training world (embedded
 * sandbox, test CA) or the production host (the configured gateway, the administrator's trusted roots).
 * Training and production keep their data in separate folders, so practice never mixes with real requests.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { createHost, type Host } from '../host/createHost';
import type { HostConfig } from '../host/hostConfig';
import { createSettingsStore } from '../host/settings/settingsStore';
import { loadWorkstationTrust } from '../host/trust/trustStore';
import { startTrainingHost } from '../training/startTrainingHost';
import { keyProtectorFor, type DataProtection } from '../host/vault/keyProtection';
import { openVault, type Vault } from '../host/vault/vault';

export interface Workstation {
  host: Host;
  training: boolean;
  gatewayUrl: string;
  dataDir: string;
  close(): Promise<void>;
}

export interface WorkstationOptions {
  shell: HostConfig['shell'];
  version: string;
  /** Holds settings.json, training/, production/ and trust/. */
  baseDir: string;
  appOrigin: () => string;
  /** Training only: a sandbox run elsewhere (tests stop and start it); otherwise one is embedded. */
  externalGatewayUrl?: string;
  log: HostConfig['log'];
  updates?: HostConfig['updates'];
  /** How the data key is protected: Electron's safeStorage, or browser mode's administrator secret. */
  dataProtection: DataProtection;
}

/** Before anything else touches the data folder: a wrong secret must stop the start with nothing changed. */
async function openDataVault(options: WorkstationOptions, training: boolean, dataDir: string): Promise<Vault> {
  const folder = join(dataDir, 'vault');
  return openVault({ folder, protector: await keyProtectorFor(options.dataProtection, { training, vaultFolder: folder, log: options.log }) });
}

export async function startWorkstation(options: WorkstationOptions): Promise<Workstation> {
  const settings = createSettingsStore(join(options.baseDir, 'settings.json'));
  const current = await settings.load();
  const common = { shell: options.shell, version: options.version, appOrigin: options.appOrigin, settings, log: options.log, ...(options.updates ? { updates: options.updates } : {}) };
  options.log.info('app.started', { version: options.version, shell: options.shell, state: current.trainingMode ? 'training' : 'production' });
  if (current.trainingMode) {
    const dataDir = join(options.baseDir, 'training');
    const vault = await openDataVault(options, true, dataDir);
    const training = await startTrainingHost({ ...common, dataDir, vault, trustProfile: current.trustProfile, trustDir: join(options.baseDir, 'trust'), ...(options.externalGatewayUrl ? { externalGatewayUrl: options.externalGatewayUrl } : {}) });
    return { host: training.host, training: true, gatewayUrl: training.gatewayUrl, dataDir, close: training.close };
  }
  const dataDir = join(options.baseDir, 'production');
  const vault = await openDataVault(options, false, dataDir);
  const keysDir = current.keysFolder || join(dataDir, 'keys');
  await mkdir(keysDir, { recursive: true });
  const host = await createHost({
    ...common,
    training: false,
    dataDir,
    vault,
    keysDir,
    gatewayUrl: current.gateway.url,
    trust: await loadWorkstationTrust({ profile: current.trustProfile, trustDir: join(options.baseDir, 'trust') }),
  });
  return { host, training: false, gatewayUrl: current.gateway.url, dataDir, close: () => host.close() };
}
