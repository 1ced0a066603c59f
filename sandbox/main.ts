/**
 * CLI: `tsx sandbox/main.ts --port 4010 --data ./dir [--host 127.0.0.1] [--trust certs.pem] [--training-ca ca.json] [--updates DIR]`.
 * With --trust, request signatures must chain to the certificates in that PEM file; with --training-ca the
 * sandbox publishes that test CA's CRL at /v0/crl and runs its TSA at /v0/tsa; with --updates it serves an update feed at /updates/. Stops on SIGINT/SIGTERM.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { createCrlPublisher } from './crl/crlPublisher';
import { createAttachmentVerifier } from './pki/attachmentVerifier';
import { createTestPki, type TestPkiState } from './pki/testPki';
import { createTimestampAuthority } from './tsa/timestampAuthority';
import { verifyRequestSignature } from './pki/verifyRequestSignature';
import { startSandbox } from './server';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '4010' },
    host: { type: 'string', default: '127.0.0.1' },
    data: { type: 'string' },
    trust: { type: 'string' },
    'training-ca': { type: 'string' },
    updates: { type: 'string' },
  },
});

const port = Number(values.port);
if (!values.data || !Number.isInteger(port) || port < 0 || port > 65535) {
  console.error('usage: tsx sandbox/main.ts --port <0-65535> --data <dir> [--host <address>] [--trust <certs.pem>]');
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
  ...(trusted ? { verifySignature: (signedXml: string) => verifyRequestSignature(signedXml, trusted), verifyAttachmentSignature: createAttachmentVerifier(trusted) } : {}),
  ...(crlPublisher ? { crl: () => crlPublisher.crl() } : {}),
  ...(trainingCa ? { tsa: await createTimestampAuthority(trainingCa.issueTsaCertificate()) } : {}),
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
