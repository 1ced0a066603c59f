import type { OperatorProfile } from '../../shared/host/hostApi';
import type { GatewayCredentials } from './gateway/gatewayAuth';
import type { HostLog } from './logging/hostLog';
import type { SettingsStore } from './settings/settingsStore';
import type { WorkstationTrust } from './trust/trustStore';
import type { InstallDecision, UpdateState } from './updates/updatePolicy';
import type { Vault } from './vault/vault';

/** What the shell offers about application updates (Electron's updater; absent in browser mode). */
export interface UpdateControl {
  state(): UpdateState;
  reportActivity(activity: { operatorBusy: boolean; outboxPending: number }): InstallDecision;
  install(): InstallDecision;
}

/** What a running host needs to know about its workstation; built by the shell (Electron or web) at start. */
export interface HostConfig {
  version: string;
  shell: 'electron' | 'web';
  training: boolean;
  /** Read on every use: office and language changes apply without a restart. */
  settings: SettingsStore;
  /** Rotating log without personal data (only whitelisted fields reach it). */
  log: HostLog;
  updates?: UpdateControl;
  /** Root of everything this workstation keeps on disk. */
  dataDir: string;
  /** The opened data key: what the host seals citizens' files with, and what backup carries. */
  vault: Vault;
  /** Folder scanned for PKCS#12 key files (the operator's key store). */
  keysDir: string;
  gatewayUrl: string;
  /** The gateway client's credentials; by default the administrator's settings, read at every token request. */
  gatewayCredentials?: () => Promise<GatewayCredentials>;
  /**
   * What a signing certificate must chain to: the trust profile chosen in Settings (NCA production or NCA test) with
   * the trust folder's certificates, and in training the training CA (trust/trustStore.ts).
   */
  trust: WorkstationTrust;
  /**
   * Where a URL a certificate names (CRL distribution point, OCSP responder) is fetched; by default the URL itself.
   * Training maps its CA's publication host to the embedded sandbox.
   */
  resolvePkiUrl?: (url: string) => string;
  /** Origin of the application page, the only one allowed to frame the signing prompt. */
  appOrigin: () => string;
  /** Environment for SANE's scanimage (training points SANE_CONFIG_DIR at its virtual scanner as well). */
  saneEnv?: NodeJS.ProcessEnv;
  /** Training mode issues the new operator a test key here, as the NCA would in real life. */
  onOperatorCreated?: (operator: OperatorProfile) => Promise<void>;
}
