/**
 * CLI: `tsx sandbox/main.ts --port 4010 --data ./dir [--host 127.0.0.1] [--trust certs.pem] [--training-ca ca.json]
 *       [--updates DIR] [--working-day-seconds 20] [--client id:secret …] [--token-ttl 900]`.
 * With --trust, request signatures must chain to the certificates in that PEM file; with --training-ca the
 * sandbox publishes that test CA's CRL at /v1/crl, runs its TSA at /v1/tsa and signs results with a provider key
 * from it; with --updates it serves an update feed at /updates/. Without --client only the training client may log
 * in. Stops on SIGINT/SIGTERM.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { TRAINING_GATEWAY_CLIENT } from '../shared/training/trainingGatewayClient';
import { createCrlPublisher } from './crl/crlPublisher';
import { createPkiPublication } from './crl/pkiPublication';
import { createAttachmentVerifier } from './pki/attachmentVerifier';
import { createTestPki, type TestPkiState } from './pki/testPki';
import { verifyRequestSignature } from './pki/verifyRequestSignature';
import { createResultSigner } from './processing/resultDocument';
import { DEFAULT_WORKING_DAY_SECONDS, startSandbox } from './server';
import { createTimestampAuthority } from './tsa/timestampAuthority';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '4010' },
    host: { type: 'string', default: '127.0.0.1' },
    data: { type: 'string' },
    trust: { type: 'string' },
    'training-ca': { type: 'string' },
    updates: { type: 'string' },
    'working-day-seconds': { type: 'string', default: String(DEFAULT_WORKING_DAY_SECONDS) },
    client: { type: 'string', multiple: true },
    'token-ttl': { type: 'string' },
  },
});

const port = Number(values.port);
const workingDaySeconds = Number(values['working-day-seconds']);
const tokenTtlSeconds = values['token-ttl'] === undefined ? undefined : Number(values['token-ttl']);
const clientPairs = (values.client ?? []).map((pair) => [pair.slice(0, pair.indexOf(':')), pair.slice(pair.indexOf(':') + 1)] as const);
if (
  !values.data ||
  !Number.isInteger(port) || port < 0 || port > 65535 ||
  !(workingDaySeconds > 0) ||
  (tokenTtlSeconds !== undefined && !(Number.isInteger(tokenTtlSeconds) && tokenTtlSeconds > 0)) ||
  clientPairs.some(([id, secret]) => !id || !secret)
) {
  console.error('usage: tsx sandbox/main.ts --port <0-65535> --data <dir> [--host <address>] [--trust <certs.pem>] [--training-ca <ca.json>] [--updates <dir>] [--working-day-seconds <n>] [--client <id:secret>]… [--token-ttl <seconds>]');
  process.exit(2);
}

const trusted = values.trust ? (await readFile(values.trust, 'utf8')).match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [] : null;
// With the training CA's saved state the sandbox also publishes that CA's revocation list, as NCA does.
const trainingCa = values['training-ca'] ? createTestPki(JSON.parse(await readFile(values['training-ca'], 'utf8')) as TestPkiState) : null;
const crlPublisher = trainingCa ? createCrlPublisher({ testPki: trainingCa }) : null;
const sandbox = await startSandbox({
  dataDir: values.data,
  port,
  host: values.host,
  workingDaySeconds,
  clients: clientPairs.length > 0 ? Object.fromEntries(clientPairs) : { [TRAINING_GATEWAY_CLIENT.clientId]: TRAINING_GATEWAY_CLIENT.clientSecret },
  ...(tokenTtlSeconds !== undefined ? { tokenTtlSeconds } : {}),
  ...(trusted ? { verifySignature: (signedXml: string) => verifyRequestSignature(signedXml, trusted), verifyAttachmentSignature: createAttachmentVerifier(trusted) } : {}),
  ...(crlPublisher ? { crl: () => crlPublisher.crl(), pki: createPkiPublication({ testPki: trainingCa!, crlPublisher }) } : {}),
  ...(trainingCa ? { tsa: await createTimestampAuthority(trainingCa.issueTsaCertificate()), resultSigner: await createResultSigner(trainingCa) } : {}),
  ...(values.updates ? { updatesDir: values.updates } : {}),
});
console.log(`Qabyl sandbox listening on ${sandbox.url}`);

const stop = () => {
  sandbox.close().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error('qabyl-sandbox: error while stopping', error);
      process.exit(1);
    },
  );
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
