import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as pkijs from 'pkijs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withCheckDigit } from '../../shared/identity/iin';
import { certificateSignedBy } from '../../shared/pki/signatureAlgorithms';
import { TRAINING_KEY_PASSWORD } from '../../shared/training/trainingKeys';
import { openKeyFile } from '../host/keys/pkcs12Container';
import { createCrlCache } from '../host/revocation/crlCache';
import { fetchPublished } from '../host/revocation/fetchPublished';
import { createOcspChecker } from '../host/revocation/ocspClient';
import { startTrainingWorld, type TrainingWorld } from './trainingWorld';

const derOfPem = (pem: string) => new Uint8Array(Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ''), 'base64'));

let dataDir: string;
let world: TrainingWorld;
const operator = { id: 'op-1', login: 'aigerim', fullName: 'Сейтқали Айгерім', iin: withCheckDigit('90010140001')!, role: 'administrator' as const };

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'qabyl-training-'));
  world = await startTrainingWorld({ dataDir, keysDir: join(dataDir, 'keys') });
  await world.issueOperatorKeys(operator);
});

afterAll(async () => {
  await world.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('training world', () => {
  it('issues a GOST 2015 signing key and an RSA authentication key that the host opens with the training password', async () => {
    const files = (await readdir(join(dataDir, 'keys'))).sort();
    expect(files.map((file) => file.replace(/[0-9a-f]{40}/, '<ski>'))).toEqual(['AUTH_RSA256_<ski>.p12', 'GOST512_<ski>.p12']);
    const sign = openKeyFile(await readFile(join(dataDir, 'keys', files[1]!)), TRAINING_KEY_PASSWORD);
    const auth = openKeyFile(await readFile(join(dataDir, 'keys', files[0]!)), TRAINING_KEY_PASSWORD);
    expect([sign.key.algorithm, auth.key.algorithm]).toEqual(['gost2015', 'rsa']);
    const intermediate = pkijs.Certificate.fromBER(derOfPem(world.trustedRootsPem[1]!));
    expect(await certificateSignedBy(sign.certificate, intermediate, crypto)).toBe(true);
    expect(await certificateSignedBy(auth.certificate, intermediate, crypto)).toBe(true);
  });

  it('keeps its CA across restarts', async () => {
    const again = await startTrainingWorld({ dataDir, keysDir: join(dataDir, 'keys'), externalGatewayUrl: world.gatewayUrl });
    expect(again.trustedRootsPem).toEqual(world.trustedRootsPem);
  });

  it("answers OCSP and serves full and delta CRLs at the URLs its certificates name, through resolvePkiUrl", async () => {
    const signFile = (await readdir(join(dataDir, 'keys'))).find((file) => file.startsWith('GOST512_'))!;
    const certificatePem = `-----BEGIN CERTIFICATE-----\n${Buffer.from(openKeyFile(await readFile(join(dataDir, 'keys', signFile)), TRAINING_KEY_PASSWORD).certificateDer).toString('base64')}\n-----END CERTIFICATE-----\n`;
    const ocsp = createOcspChecker({ trustedIssuersPem: world.trustedRootsPem, resolveUrl: (url) => world.resolvePkiUrl(url) });
    expect(await ocsp.check(certificatePem)).toMatchObject({ status: 'good' });
    const cache = createCrlCache({
      folder: join(dataDir, 'revocation'),
      fetchUrl: (url) => fetchPublished(world.resolvePkiUrl(url)),
      trustedIssuersPem: world.trustedRootsPem,
      maxAgeMs: 86_400_000,
    });
    await cache.checkCertificate(certificatePem);
    expect((await cache.refresh()).ok).toBe(true);
    expect(await cache.checkCertificate(certificatePem)).toEqual({ ok: true });
    expect(world.resolvePkiUrl('https://example.org/crl.crl')).toBe('https://example.org/crl.crl');
  });
});
