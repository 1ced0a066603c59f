/**
 * Composition of a training-mode workstation, shared by both shells: the training world, then the host
 * services wired to it. The shells only differ in how the renderer reaches the handlers.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { createHost, type Host } from '../host/createHost';
import type { HostConfig } from '../host/hostConfig';
import type { TrustProfileId } from '../../shared/pki/trustProfiles';
import { TRAINING_GATEWAY_CLIENT } from '../../shared/training/trainingGatewayClient';
import { loadWorkstationTrust, withExtraAnchors } from '../host/trust/trustStore';
import { startTrainingWorld } from './trainingWorld';
import { virtualScannerEnv } from './virtualScanner';

export interface TrainingHost {
  host: Host;
  gatewayUrl: string;
  close(): Promise<void>;
}

export async function startTrainingHost(options: {
  shell: HostConfig['shell'];
  version: string;
  dataDir: string;
  vault: HostConfig['vault'];
  appOrigin: () => string;
  settings: HostConfig['settings'];
  log: HostConfig['log'];
  updates?: HostConfig['updates'];
  /** A sandbox run elsewhere (tests stop and start it); otherwise one is embedded. */
  externalGatewayUrl?: string;
  /** The administrator's choice: with "NCA test", real NCA test keys sign here too, besides the training CA's. */
  trustProfile?: TrustProfileId;
  trustDir?: string;
}): Promise<TrainingHost> {
  const keysDir = join(options.dataDir, 'keys');
  await mkdir(keysDir, { recursive: true });
  // Training never trusts production NCA certificates: its requests go to the sandbox, not to the state systems.
  const profileTrust = await loadWorkstationTrust({ profile: options.trustProfile === 'ncaTest' ? 'ncaTest' : null, trustDir: options.trustDir ?? join(options.dataDir, 'trust') });
  const world = await startTrainingWorld({
    dataDir: options.dataDir,
    keysDir,
    extraAnchorsPem: profileTrust.anchorsPem,
    ...(options.externalGatewayUrl ? { externalGatewayUrl: options.externalGatewayUrl } : {}),
  });
  const host = await createHost({
    version: options.version,
    shell: options.shell,
    training: true,
    settings: options.settings,
    log: options.log,
    ...(options.updates ? { updates: options.updates } : {}),
    dataDir: options.dataDir,
    vault: options.vault,
    keysDir,
    gatewayUrl: world.gatewayUrl,
    // The sandbox knows this client; training never needs the administrator to enter credentials.
    gatewayCredentials: async () => TRAINING_GATEWAY_CLIENT,
    trust: withExtraAnchors(profileTrust, world.trustedRootsPem),
    resolvePkiUrl: (url) => world.resolvePkiUrl(url),
    appOrigin: options.appOrigin,
    onOperatorCreated: (operator) => world.issueOperatorKeys(operator),
    saneEnv: await virtualScannerEnv(options.dataDir),
  });
  return {
    host,
    gatewayUrl: world.gatewayUrl,
    close: async () => {
      await host.close();
      await world.close();
    },
  };
}
