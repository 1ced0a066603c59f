/**
 * A training workstation built the way the shells build one (the composition root: the real host services in a temp
 * folder, its data vault opened with a secret), reached the way the Electron renderer reaches it (the preload client over dispatchHostCall), with
 * its gateway behind the hostile proxy. The proxy forwards to the embedded sandbox of a second training
 * workstation, so the gateway, its signature checks and the CA are the real ones; both trust one test CA.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundledCatalog } from '../../shared/catalog/catalog';
import type { HostClient, OperatorProfile } from '../../shared/host/hostApi';
import { isHostErrorCode } from '../../shared/host/hostError';
import { withCheckDigit } from '../../shared/identity/iin';
import type { RequestDocument } from '../../shared/request/requestDocument';
import { TRAINING_KEY_PASSWORD } from '../../shared/training/trainingKeys';
import { createTestPki, type TestPki } from '../../sandbox/pki/testPki';
import { dispatchHostCall } from '../../electron/host/dispatchHostCall';
import { createHostLog } from '../../electron/host/logging/hostLog';
import { startWorkstation as startComposedWorkstation, type Workstation as RunningWorkstation } from '../../electron/compose/startWorkstation';
import { createPreloadHostClient, HostCallError } from '../../renderer/src/host/hostClient';
import { startHostileGateway, type CrlMode, type HostileGateway } from './hostileGateway';

export const OPERATOR_IIN = withCheckDigit('85010130012')!;
export const OPERATOR_PASSWORD = 'Tuz-Kolik-2026';
export { TRAINING_KEY_PASSWORD };

export interface Station {
  client: HostClient;
  dataDir: string;
  keysDir: string;
  operator: OperatorProfile;
  /** The operator's own signing key, issued by the training CA when the account was made. */
  signKeyId: string;
  authKeyId: string;
}

export interface Workstation extends Station {
  pki: TestPki;
  gateway: HostileGateway;
  /** Another workstation on the same CA and gateway, for revocation-list states one host never returns to. */
  another(crl: CrlMode): Promise<Station>;
  close(): Promise<void>;
}

async function startStation(baseDir: string, pki: TestPki, externalGatewayUrl?: string): Promise<{ running: RunningWorkstation; station: () => Promise<Station> }> {
  const dataDir = join(baseDir, 'training');
  await mkdir(dataDir, { recursive: true });
  // The training CA is the test's, so the corpus can issue certificates that chain to the pinned root.
  await writeFile(join(dataDir, 'training-ca.json'), JSON.stringify(pki.exportState()));
  const running = await startComposedWorkstation({
    shell: 'web',
    version: '0.0.0-bad-input',
    baseDir,
    appOrigin: () => 'http://127.0.0.1:1',
    log: createHostLog({ dir: join(baseDir, 'logs') }),
    dataProtection: { kind: 'secret' },
    ...(externalGatewayUrl ? { externalGatewayUrl } : {}),
  });
  const client = createPreloadHostClient({ call: (method, args) => dispatchHostCall(running.host.handlers, method, args) });
  return {
    running,
    station: async () => {
      const operator = await client.call('operators.create', { login: 'aigerim', fullName: 'Сейтқали Айгерім', iin: OPERATOR_IIN, password: OPERATOR_PASSWORD });
      const keys = await client.call('keys.list', {});
      const idOf = (kind: 'sign' | 'auth') => keys.find((key) => key.kind === kind)?.id ?? '';
      return { client, dataDir, keysDir: join(dataDir, 'keys'), operator, signKeyId: idOf('sign'), authKeyId: idOf('auth') };
    },
  };
}

export async function startWorkstation(options: { revokedSerials?: string[]; pki?: TestPki } = {}): Promise<Workstation> {
  const base = await mkdtemp(join(tmpdir(), 'qabyl-bad-input-'));
  const pki = options.pki ?? createTestPki();
  const world = await startStation(join(base, 'world'), pki);
  const gateway = await startHostileGateway({ target: world.running.gatewayUrl, pki, crl: 'fresh' });
  for (const serial of options.revokedSerials ?? []) gateway.revoke(serial);
  const started: RunningWorkstation[] = [world.running];
  const main = await startStation(join(base, 'station'), pki, gateway.url);
  started.push(main.running);
  const station = await main.station();
  return {
    ...station,
    pki,
    gateway,
    async another(crl) {
      gateway.setCrl(crl);
      const other = await startStation(join(base, `station-${started.length}`), pki, gateway.url);
      started.push(other.running);
      return other.station();
    },
    async close() {
      for (const running of started.reverse()) await running.close();
      await gateway.close();
      await rm(base, { recursive: true, force: true });
    },
  };
}

/** A request as the renderer builds it for signing, by the station's operator. */
export function requestFor(station: Station, submissionId: string = randomUUID()): RequestDocument {
  const service = bundledCatalog.services[0]!;
  return {
    submissionId,
    localNumber: 'TRN-0001',
    catalogVersion: bundledCatalog.version,
    serviceId: service.id,
    requestKind: service.kinds[0]!.id,
    office: { code: 'TRN', name: 'Оқу орталығы' },
    operator: { iin: station.operator.iin, fullName: station.operator.fullName },
    applicant: { kind: 'individual', iin: withCheckDigit('90010130001')!, surname: 'Ахметова', givenName: 'Сәуле', patronymic: '' },
    form: {},
    attachments: [],
    createdAt: new Date().toISOString(),
  };
}

/**
 * One signing act as the operator goes through it: the desk opens it, each password is typed into the host's own
 * prompt (posted from the prompt's origin, as its page does), and the desk collects the result. A refusal is
 * thrown as the HostCallError whose code the prompt page shows (its texts are messages.errors).
 */
export async function sign(station: Station, keyId: string, passwords: string[] = [TRAINING_KEY_PASSWORD], document = requestFor(station)) {
  const { ticket, promptUrl } = await station.client.call('signing.start', { keyId, language: 'kk', document });
  const origin = new URL(promptUrl).origin;
  let refusal: HostCallError | null = null;
  for (const password of passwords) {
    const answer = await fetch(`${origin}/sign/${ticket}`, { method: 'POST', headers: { origin, 'content-type': 'application/json' }, body: JSON.stringify({ password }) });
    if (answer.ok) {
      refusal = null;
      break;
    }
    const { error } = (await answer.json()) as { error: unknown };
    refusal = new HostCallError(isHostErrorCode(error) ? error : 'bridge.internal');
  }
  if (refusal) throw refusal;
  const result = await station.client.call('signing.result', { ticket });
  if (result.state !== 'signed') throw new Error(`the signing act ended ${result.state}`);
  return { ...result, document };
}
