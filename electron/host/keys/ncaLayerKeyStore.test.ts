import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { createHash, webcrypto } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { verifyDetachedCms } from '../../../shared/pki/detachedCms';
import { derOfPem } from '../../../sandbox/pki/webCryptoSigner';
import { createTestPki } from '../../../sandbox/pki/testPki';
import { verifyRequestSignature } from '../../../sandbox/pki/verifyRequestSignature';
import { HostError } from '../../../shared/host/hostError';
import { withCheckDigit } from '../../../shared/identity/iin';
import { startNcaLayerStandIn, type NcaLayerStandIn } from '../../../test/ncalayer/ncaLayerStandIn';
import type { KeyStore, SigningPolicy } from './keyStore';
import { signXmlWithNcaLayer } from './ncaLayerClient';
import { createNcaLayerKeyStore, NCALAYER_KEY_ID } from './ncaLayerKeyStore';

const iin = withCheckDigit('85010130012')!;
const otherIin = withCheckDigit('90020240013')!;
const password = 'Qwerty12';
const request = '<request xmlns="urn:qabyl:request"><!-- draft --><applicant>ТЕСТОВ Тест</applicant><service code="L-1"/></request>';
const operator = (forIin: string) => ({ iin: forIin, surname: 'ТЕСТОВ', givenName: 'ТЕСТ' });

const testPki = createTestPki();
const anchors = [testPki.rootCertPem, testPki.intermediateCertPem];
const policy = (): SigningPolicy => ({ expectedIin: iin, trustedRootsPem: anchors, at: new Date(), checkRevocation: async () => undefined });

let ncaLayer: NcaLayerStandIn;
let store: KeyStore;
const extraServers: { close(): unknown }[] = [];

beforeAll(async () => {
  const leaf = testPki.issueLeaf({ operator: operator(iin), usage: 'sign', password });
  ncaLayer = await startNcaLayerStandIn({ p12Der: leaf.p12Der, password });
  store = createNcaLayerKeyStore({ url: ncaLayer.url, tlsCa: ncaLayer.tlsCertPem, locale: () => 'kk' });
});

afterEach(() => {
  ncaLayer.setMode('sign');
});

afterAll(async () => {
  await ncaLayer.close();
  extraServers.forEach((server) => server.close());
});

async function ncaLayerCodeOf(promise: Promise<unknown>): Promise<string | undefined> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(HostError);
  return (error as HostError).code;
}

function listen(server: Server): Promise<number> {
  extraServers.push(server);
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

describe('NCALayer key store', () => {
  it('lists NCALayer as one signing key', async () => {
    expect(await store.list()).toEqual([{ id: NCALAYER_KEY_ID, fileName: 'NCALayer', kind: 'sign' }]);
  });

  it('signs through NCALayer, and the signature verifies as the e-licensing side checks it', async () => {
    const { signedXml, signer } = await store.signPackage(NCALAYER_KEY_ID, 'ignored', request, policy());
    expect(verifyRequestSignature(signedXml, anchors)).toEqual({ ok: true, signerIin: iin });
    expect(signer).toMatchObject({ iin, commonName: 'ТЕСТОВ ТЕСТ' });
    expect(ncaLayer.requests.at(-1)).toMatchObject({
      module: 'kz.gov.pki.knca.basics',
      method: 'sign',
      args: {
        format: 'xml',
        data: request,
        locale: 'kk',
        signerParams: { iin, extKeyUsageOids: ['1.3.6.1.5.5.7.3.4'] },
        signingParams: { decode: false, encapsulate: false, digested: false },
      },
    });
    expect(ncaLayer.requests.at(-1)?.args.allowedStorages).toEqual(expect.arrayContaining(['PKCS12', 'AKKaztokenStore', 'AKKZIDCardStore']));
  });

  it('signs each attachment digest as a detached CMS, one NCALayer call per file', async () => {
    const digests = ['first scan', 'second scan'].map((text) => createHash('sha256').update(text).digest('hex'));
    const before = ncaLayer.requests.length;
    const { attachmentSignatures } = await store.signPackage(NCALAYER_KEY_ID, '', request, policy(), digests);
    expect(attachmentSignatures.map((signature) => signature.sha256)).toEqual(digests);
    const cmsCalls = ncaLayer.requests.slice(before).filter((call) => call.args.format === 'cms');
    expect(cmsCalls.map((call) => call.args.signingParams)).toEqual(digests.map(() => expect.objectContaining({ decode: true, encapsulate: false, digested: true })));
    const verdict = await verifyDetachedCms(new Uint8Array(Buffer.from(attachmentSignatures[1]!.cmsBase64, 'base64')), {
      contentDigest: Buffer.from(digests[1]!, 'hex'),
      trustedCertificatesDer: anchors.map(derOfPem),
      crypto: webcrypto as unknown as Parameters<typeof verifyDetachedCms>[1]['crypto'],
    });
    expect(verdict).toMatchObject({ ok: true, signer: { iin } });
  });

  it('reports the operator closing the NCALayer dialog', async () => {
    ncaLayer.setMode('cancel');
    expect(await ncaLayerCodeOf(store.signPackage(NCALAYER_KEY_ID, '', request, policy()))).toBe('keys.ncaLayerCancelled');
  });

  it('reports NCALayer rejecting the request arguments', async () => {
    ncaLayer.setMode('wrongType');
    expect(await ncaLayerCodeOf(store.signPackage(NCALAYER_KEY_ID, '', request, policy()))).toBe('keys.ncaLayerWrongType');
  });

  it('refuses a valid signature over a document other than the one sent', async () => {
    ncaLayer.setMode('otherDocument');
    expect(await ncaLayerCodeOf(store.signPackage(NCALAYER_KEY_ID, '', request, policy()))).toBe('keys.ncaLayerFailed');
  });

  it("catches another person's key with its own checks, although NCALayer signed", async () => {
    const foreign = testPki.issueLeaf({ operator: operator(otherIin), usage: 'sign', password });
    const impostor = await startNcaLayerStandIn({ p12Der: foreign.p12Der, password });
    extraServers.push(impostor);
    const impostorStore = createNcaLayerKeyStore({ url: impostor.url, tlsCa: impostor.tlsCertPem, locale: () => 'ru' });
    await expect(impostorStore.signPackage(NCALAYER_KEY_ID, '', request, policy())).rejects.toMatchObject({ code: 'keys.iinMismatch' });
  });

  it('reports NCALayer missing at once when nothing listens on its port', async () => {
    const stopped = await startNcaLayerStandIn({ p12Der: testPki.issueLeaf({ operator: operator(iin), usage: 'sign', password }).p12Der, password });
    await stopped.close();
    const started = Date.now();
    const missing = createNcaLayerKeyStore({ url: stopped.url, tlsCa: stopped.tlsCertPem, locale: () => 'ru', connectTimeoutMs: 5_000 });
    expect(await ncaLayerCodeOf(missing.signPackage(NCALAYER_KEY_ID, '', request, policy()))).toBe('keys.ncaLayerMissing');
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('does not hand a signing request to any other key id', async () => {
    await expect(store.signPackage('RSA256_abc.p12', '', request, policy())).rejects.toMatchObject({ code: 'keys.notFound' });
  });
});

describe('NCALayer client', () => {
  const sign = (overrides: Partial<Parameters<typeof signXmlWithNcaLayer>[0]>) =>
    signXmlWithNcaLayer({ url: ncaLayer.url, xml: request, expectedIin: iin, locale: 'ru', timeoutMs: 2_000, ...overrides });

  it("accepts NCALayer's self-signed certificate on loopback without a pinned one", async () => {
    expect(await sign({})).toMatchObject({ ok: true });
  });

  it('calls a TLS failure missing, when a pinned certificate does not match', async () => {
    expect(await sign({ tlsCa: testPki.rootCertPem })).toMatchObject({ ok: false, code: 'keys.ncaLayerMissing' });
  });

  it('calls a port that accepts but never answers missing after timeoutMs', async () => {
    const port = await listen(createServer(() => undefined));
    const started = Date.now();
    expect(await sign({ url: `wss://127.0.0.1:${port}`, timeoutMs: 200 })).toMatchObject({ ok: false, code: 'keys.ncaLayerMissing' });
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('gives up when the dialog never answers', async () => {
    ncaLayer.setMode('silent');
    expect(await sign({ tlsCa: ncaLayer.tlsCertPem, dialogTimeoutMs: 200 })).toMatchObject({ ok: false, code: 'keys.ncaLayerFailed' });
  });
});
