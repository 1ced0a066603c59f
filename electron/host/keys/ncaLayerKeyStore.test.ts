import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import * as pkijs from 'pkijs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestPki } from '../../../sandbox/pki/testPki';
import { verifyXmlSignature } from '../../../sandbox/pki/verifyRequestSignature';
import { HostError } from '../../../shared/host/hostError';
import { withCheckDigit } from '../../../shared/identity/iin';
import { ALGORITHM_OID } from '../../../shared/pki/signatureAlgorithms';
import { SIGNING_IDENTIFIERS } from '../../../shared/pki/signingKey';
import { streebog512 } from '../../../shared/pki/gost/streebog';
import { startNcaLayerStandIn, type NcaLayerStandIn } from '../../../test/ncalayer/ncaLayerStandIn';
import { loadWorkstationTrust, withExtraAnchors, type WorkstationTrust } from '../trust/trustStore';
import type { AttachmentToSign, KeyStore, SigningPolicy } from './keyStore';
import { signXmlWithNcaLayer } from './ncaLayerClient';
import { createNcaLayerKeyStore, NCALAYER_KEY_ID } from './ncaLayerKeyStore';

const iin = withCheckDigit('85010130012')!;
const otherIin = withCheckDigit('90020240013')!;
const password = 'Qwerty12';
const request = '<request xmlns="urn:qabyl:request"><!-- draft --><applicant>ТЕСТОВ Тест</applicant><service code="L-1"/></request>';
const operator = (forIin: string) => ({ iin: forIin, surname: 'ТЕСТОВ', givenName: 'ТЕСТ' });
const noFolder = join(import.meta.dirname, 'no-trust-folder');

const testPki = createTestPki({ algorithm: 'rsa' });
const anchors = [testPki.rootCertPem, testPki.intermediateCertPem];
let trainingTrust: WorkstationTrust;
const policy = (overrides: Partial<SigningPolicy> = {}): SigningPolicy => ({ expectedIin: iin, trust: trainingTrust, at: new Date(), checkRevocation: async () => undefined, ...overrides });

const attachment = (text: string): AttachmentToSign => ({ sha256: createHash('sha256').update(text).digest('hex'), read: async () => new Uint8Array(Buffer.from(text)) });
const scans = [attachment('first scan'), attachment('second scan')];

let ncaLayer: NcaLayerStandIn;
let store: KeyStore;
const extraServers: { close(): unknown }[] = [];

beforeAll(async () => {
  trainingTrust = withExtraAnchors(await loadWorkstationTrust({ profile: null, trustDir: noFolder }), anchors);
  const leaf = testPki.issueLeaf({ operator: operator(iin), usage: 'sign', password });
  ncaLayer = await startNcaLayerStandIn({ p12Der: leaf.p12Der, password });
  store = createNcaLayerKeyStore({ url: ncaLayer.url, tlsCa: ncaLayer.tlsCertPem, locale: () => 'kk' });
});

afterEach(() => {
  ncaLayer.setMode('sign');
  ncaLayer.setReplyShape('plain');
});

afterAll(async () => {
  await ncaLayer.close();
  extraServers.forEach((server) => server.close());
});

async function refusalOf(promise: Promise<unknown>): Promise<string | undefined> {
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

const cmsOf = (base64: string) => {
  const contentInfo = pkijs.ContentInfo.fromBER(new Uint8Array(Buffer.from(base64, 'base64')));
  return new pkijs.SignedData({ schema: contentInfo.content });
};
const messageDigestOf = (signedData: pkijs.SignedData) => {
  const value = signedData.signerInfos[0]!.signedAttrs!.attributes.find((attribute) => attribute.type === '1.2.840.113549.1.9.4')!.values[0] as { valueBlock: { valueHexView: Uint8Array } };
  return Buffer.from(value.valueBlock.valueHexView).toString('hex');
};

describe('NCALayer key store', () => {
  it('lists NCALayer as one signing key', async () => {
    expect(await store.list()).toEqual([{ id: NCALAYER_KEY_ID, fileName: 'NCALayer', kind: 'sign', algorithm: null }]);
  });

  it("signs through NCALayer with the profile's CA certificates as the chain, and the signature verifies as a receiver checks it", async () => {
    const { signedXml, signer } = await store.signPackage(NCALAYER_KEY_ID, 'ignored', request, policy());
    expect(await verifyXmlSignature(signedXml, { trusted: anchors })).toMatchObject({ ok: true, signer: { iin } });
    expect(signer).toMatchObject({ iin, commonName: 'ТЕСТОВ ТЕСТ' });
    expect(ncaLayer.requests.at(-1)).toMatchObject({
      module: 'kz.gov.pki.knca.basics',
      method: 'sign',
      args: {
        format: 'xml',
        data: request,
        locale: 'kk',
        signerParams: { iin, extKeyUsageOids: ['1.3.6.1.5.5.7.3.4'], chain: trainingTrust.anchorsPem },
        signingParams: { decode: false, encapsulate: false, digested: false },
      },
    });
    expect(ncaLayer.requests.at(-1)?.args.allowedStorages).toEqual(expect.arrayContaining(['PKCS12', 'AKKaztokenStore', 'AKKZIDCardStore']));
  });

  it("signs every attachment in one NCALayer call over the digest of the key's own hash (SHA-256 for RSA)", async () => {
    const before = ncaLayer.requests.length;
    const { attachmentSignatures } = await store.signPackage(NCALAYER_KEY_ID, '', request, policy(), scans);
    const cmsCalls = ncaLayer.requests.slice(before).filter((call) => call.args.format === 'cms');
    expect(cmsCalls).toHaveLength(1);
    expect(cmsCalls[0]!.args).toMatchObject({ data: scans.map((scan) => Buffer.from(scan.sha256, 'hex').toString('base64')), signingParams: { decode: true, encapsulate: false, digested: true } });
    expect(attachmentSignatures.map((signature) => signature.sha256)).toEqual(scans.map((scan) => scan.sha256));
    expect(attachmentSignatures.map((signature) => messageDigestOf(cmsOf(signature.cmsBase64)))).toEqual(scans.map((scan) => scan.sha256));
  });

  it('takes body.result as an array, one signature per data item, for the XML and for the attachments', async () => {
    ncaLayer.setReplyShape('array');
    const { signedXml, attachmentSignatures } = await store.signPackage(NCALAYER_KEY_ID, '', request, policy(), scans);
    expect(signedXml).toContain('<ds:Signature');
    expect(attachmentSignatures).toHaveLength(2);
  });

  it('takes the outputCert shape {signatures, certificate}', async () => {
    ncaLayer.setReplyShape('outputCert');
    const { signedXml, attachmentSignatures, signer } = await store.signPackage(NCALAYER_KEY_ID, '', request, policy(), scans);
    expect(signedXml).toContain('<ds:Signature');
    expect(attachmentSignatures).toHaveLength(2);
    expect(signer.iin).toBe(iin);
  });

  it('reports the operator closing the dialog ({status: true, body: {}}) as cancelled, at the XML and at the attachments', async () => {
    ncaLayer.setMode('cancel');
    expect(await refusalOf(store.signPackage(NCALAYER_KEY_ID, '', request, policy()))).toBe('keys.ncaLayerCancelled');
    ncaLayer.setMode('cancel', 'cms');
    expect(await refusalOf(store.signPackage(NCALAYER_KEY_ID, '', request, policy(), scans))).toBe('keys.ncaLayerCancelled');
  });

  it("reports older NCALayer's action.canceled as cancelled too", async () => {
    ncaLayer.setMode('cancelError');
    expect(await refusalOf(store.signPackage(NCALAYER_KEY_ID, '', request, policy()))).toBe('keys.ncaLayerCancelled');
  });

  it('reports NCALayer rejecting the request arguments', async () => {
    ncaLayer.setMode('wrongType');
    expect(await refusalOf(store.signPackage(NCALAYER_KEY_ID, '', request, policy()))).toBe('keys.ncaLayerWrongType');
  });

  it('refuses a valid signature over a document or a file other than the ones sent', async () => {
    ncaLayer.setMode('otherDocument', 'xml');
    expect(await refusalOf(store.signPackage(NCALAYER_KEY_ID, '', request, policy()))).toBe('keys.ncaLayerFailed');
    ncaLayer.setMode('otherDocument', 'cms');
    expect(await refusalOf(store.signPackage(NCALAYER_KEY_ID, '', request, policy(), scans))).toBe('keys.ncaLayerFailed');
  });

  it('refuses a signature value with one byte changed, in the XML and in an attachment signature', async () => {
    ncaLayer.setMode('badSignature', 'xml');
    expect(await refusalOf(store.signPackage(NCALAYER_KEY_ID, '', request, policy()))).toBe('keys.ncaLayerFailed');
    ncaLayer.setMode('badSignature', 'cms');
    expect(await refusalOf(store.signPackage(NCALAYER_KEY_ID, '', request, policy(), scans))).toBe('keys.ncaLayerFailed');
  });

  it("catches another person's key, an AUTH key and a key of an untrusted CA with its own checks, although NCALayer signed", async () => {
    const cases = [
      { leaf: testPki.issueLeaf({ operator: operator(otherIin), usage: 'sign', password }), code: 'keys.iinMismatch' },
      { leaf: testPki.issueLeaf({ operator: operator(iin), usage: 'auth', password }), code: 'keys.notSigningKey' },
      // A CA of its own, as an FCALayer-style impostor answering on NCALayer's port would use.
      { leaf: createTestPki({ algorithm: 'rsa' }).issueLeaf({ operator: operator(iin), usage: 'sign', password }), code: 'keys.untrustedChain' },
    ];
    for (const { leaf, code } of cases) {
      const impostor = await startNcaLayerStandIn({ p12Der: leaf.p12Der, password, ignoresChain: true });
      extraServers.push(impostor);
      const impostorStore = createNcaLayerKeyStore({ url: impostor.url, tlsCa: impostor.tlsCertPem, locale: () => 'ru' });
      const outcome = await refusalOf(impostorStore.signPackage(NCALAYER_KEY_ID, '', request, policy()));
      expect(outcome, code).toBe(code);
    }
  });

  it('reports NCALayer missing at once when nothing listens on its port', async () => {
    const stopped = await startNcaLayerStandIn({ p12Der: testPki.issueLeaf({ operator: operator(iin), usage: 'sign', password }).p12Der, password });
    await stopped.close();
    const started = Date.now();
    const missing = createNcaLayerKeyStore({ url: stopped.url, tlsCa: stopped.tlsCertPem, locale: () => 'ru', connectTimeoutMs: 5_000 });
    expect(await refusalOf(missing.signPackage(NCALAYER_KEY_ID, '', request, policy()))).toBe('keys.ncaLayerMissing');
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('does not hand a signing request to any other key id', async () => {
    await expect(store.signPackage('RSA256_abc.p12', '', request, policy())).rejects.toMatchObject({ code: 'keys.notFound' });
  });
});

describe('NCALayer with a real NCA GOST 2015 test key', () => {
  const material = (path: string) => readFileSync(join(import.meta.dirname, '../../../test/fixtures/nca-test', path));
  // Inside the key's validity (2022-07-28 … 2023-07-28) and the GOST 2022 test CRL's (to 2023-01-23), which clears it.
  const at = new Date('2022-10-03T09:00:00Z');
  const testIin = '123456789012';
  let gostLayer: NcaLayerStandIn;
  let gostStore: KeyStore;
  let ncaTest: WorkstationTrust;
  let production: WorkstationTrust;
  const gostPolicy = (overrides: Partial<SigningPolicy> = {}): SigningPolicy => ({
    expectedIin: testIin,
    trust: ncaTest,
    at,
    checkRevocation: async () => {
      throw new HostError('keys.crlMissing');
    },
    ...overrides,
  });

  beforeAll(async () => {
    ncaTest = await loadWorkstationTrust({ profile: 'ncaTest', trustDir: noFolder });
    production = await loadWorkstationTrust({ profile: 'ncaProduction', trustDir: noFolder });
    gostLayer = await startNcaLayerStandIn({ p12Der: material('keys/key_individual_valid_2015.p12'), password: 'Aa123456', signingTime: at });
    gostStore = createNcaLayerKeyStore({ url: gostLayer.url, tlsCa: gostLayer.tlsCertPem, locale: () => 'ru' });
  });

  afterAll(async () => {
    await gostLayer.close();
  });

  it('signs the request and each attachment end to end: pkigovkz XMLDSig, CMS over Streebog-512 of the content', async () => {
    const before = gostLayer.requests.length;
    const { signedXml, attachmentSignatures, signer } = await gostStore.signPackage(NCALAYER_KEY_ID, '', request, gostPolicy(), scans);
    expect(signer).toMatchObject({ iin: testIin, commonName: 'ТЕСТТОВ ТЕСТТ', serialNumber: '0ff06211dc82beb00253ffa000f1de84abef454f' });

    // NCALayer was given the NCA test certificates as the chain, and Streebog-512 digests to sign.
    const [xmlCall, cmsCall] = gostLayer.requests.slice(before);
    expect(xmlCall!.args.signerParams.chain).toEqual(ncaTest.anchorsPem);
    expect(cmsCall!.args.data).toEqual(await Promise.all(scans.map(async (scan) => Buffer.from(streebog512(await scan.read())).toString('base64'))));

    expect(signedXml).toContain(`Algorithm="${SIGNING_IDENTIFIERS.gost2015.xmlSignatureMethod}"`);
    expect(signedXml).toContain(`Algorithm="${SIGNING_IDENTIFIERS.gost2015.xmlDigestMethod}"`);
    expect(await verifyXmlSignature(signedXml, { trusted: ncaTest.anchorsPem, at })).toMatchObject({ ok: true, signer: { iin: testIin, keyAlgorithm: 'gost2015' } });

    for (const [index, scan] of scans.entries()) {
      const signedData = cmsOf(attachmentSignatures[index]!.cmsBase64);
      expect(signedData.signerInfos[0]!.digestAlgorithm.algorithmId).toBe(ALGORITHM_OID.streebog512);
      // Debian's gost engine, an independent Streebog, agrees on the digest the CMS carries.
      const theirs = execFileSync('openssl', ['dgst', '-engine', 'gost', '-streebog512', '-r'], { input: await scan.read(), stdio: ['pipe', 'pipe', 'pipe'] }).toString('latin1').split(' ')[0];
      expect(messageDigestOf(signedData)).toBe(theirs);
    }
  });

  it('refuses the GOST signature with one byte of the signature value changed', async () => {
    gostLayer.setMode('badSignature', 'xml');
    try {
      expect(await refusalOf(gostStore.signPackage(NCALAYER_KEY_ID, '', request, gostPolicy()))).toBe('keys.ncaLayerFailed');
      gostLayer.setMode('badSignature', 'cms');
      expect(await refusalOf(gostStore.signPackage(NCALAYER_KEY_ID, '', request, gostPolicy(), scans))).toBe('keys.ncaLayerFailed');
    } finally {
      gostLayer.setMode('sign');
    }
  });

  it('refuses the test key after its validity, for another IIN, and as a personal key outside the NCA test profile', async () => {
    expect(await refusalOf(gostStore.signPackage(NCALAYER_KEY_ID, '', request, gostPolicy({ at: new Date('2023-09-01T09:00:00Z') })))).toBe('keys.expired');
    expect(await refusalOf(gostStore.signPackage(NCALAYER_KEY_ID, '', request, gostPolicy({ expectedIin: iin })))).toBe('keys.iinMismatch');
    // The same anchors under the production profile: a personal key is not an operator's employee key there.
    expect(await refusalOf(gostStore.signPackage(NCALAYER_KEY_ID, '', request, gostPolicy({ trust: { ...ncaTest, profile: 'ncaProduction' } })))).toBe('keys.wrongRole');
  });

  it('without the test CA certificates in the chain NCALayer enables no test key, and the operator can only close its dialog', async () => {
    const before = gostLayer.requests.length;
    expect(await refusalOf(gostStore.signPackage(NCALAYER_KEY_ID, '', request, gostPolicy({ trust: production })))).toBe('keys.ncaLayerCancelled');
    expect(gostLayer.requests.slice(before)[0]!.args.signerParams.chain).toEqual(production.anchorsPem.length > 0 ? production.anchorsPem : null);
  });
});

describe('NCALayer client', () => {
  const sign = (overrides: Partial<Parameters<typeof signXmlWithNcaLayer>[0]>) =>
    signXmlWithNcaLayer({ url: ncaLayer.url, xml: request, expectedIin: iin, chainPem: anchors, locale: 'ru', timeoutMs: 2_000, ...overrides });

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
