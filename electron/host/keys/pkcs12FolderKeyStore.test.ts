/**
 * The key files come from the sandbox's test-PKI command line and signed XML goes back through its
 * `verify` command: host code, tests included, may not import sandbox/ (eslint.config.js boundaries).
 */
import { execFile } from 'node:child_process';
import { createHash, randomBytes, webcrypto } from 'node:crypto';
import { copyFile, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { DOMParser, type Element } from '@xmldom/xmldom';
import forge from 'node-forge';
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyDetachedCms } from '../../../shared/pki/detachedCms';
import { derOfPem } from '../../../sandbox/pki/webCryptoSigner';
import { createTestPki } from '../../../sandbox/pki/testPki';
import { SIGNING_IDENTIFIERS } from '../../../shared/pki/signingKey';
import { signerFacts } from '../../../shared/pki/signerCertificate';
import * as pkijs from 'pkijs';
import { loadWorkstationTrust, trustInCertificates, withExtraAnchors, type WorkstationTrust } from '../trust/trustStore';
import { HostError, type HostErrorCode } from '../../../shared/host/hostError';
import { withCheckDigit } from '../../../shared/identity/iin';
import type { AttachmentToSign, KeyStore, SigningPolicy } from './keyStore';
import { keyChoices } from './keyChoices';
import { createPkcs12FolderKeyStore } from './pkcs12FolderKeyStore';
import { createCertificateMemory } from './rememberedCertificates';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const execFileAsync = promisify(execFile);

/** Runs sandbox/pki/main.ts; a failing `verify` exits 1 but its stdout is still the answer. */
async function pkiCli(args: string[]): Promise<string> {
  try {
    return (await execFileAsync(join(repoRoot, 'node_modules/.bin/tsx'), [join(repoRoot, 'sandbox/pki/main.ts'), ...args])).stdout;
  } catch (error) {
    const stdout = (error as { stdout?: string }).stdout;
    if (stdout) return stdout;
    throw error;
  }
}

const iin = withCheckDigit('85010130012')!;
const otherIin = withCheckDigit('90020240013')!;
const password = 'Qwerty12';
const request = '<request xmlns="urn:qabyl:request"><!-- draft --><applicant>ТЕСТОВ Тест</applicant><service code="L-1"/></request>';

let work: string;
let keysDir: string;
let store: KeyStore;
let foreignStore: KeyStore;
let rootPem: string;
let intermediatePem: string;
let signKeyId: string;
let authKeyId: string;
let policy: SigningPolicy;
let trainingOnly: WorkstationTrust;

const attachment = (content: string): AttachmentToSign => ({
  sha256: createHash('sha256').update(content).digest('hex'),
  read: async () => new TextEncoder().encode(content),
});

async function issue(dir: string, forIin: string): Promise<void> {
  await pkiCli(['--out', dir, '--iin', forIin, '--surname', 'ТЕСТОВ', '--given', 'ТЕСТ', '--patronymic', 'ТЕСТОВИЧ', '--password', password]);
}

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'qabyl-keys-'));
  keysDir = join(work, 'keys');
  // A second, independent hierarchy stands in for a foreign CA such as FCALayer's.
  await Promise.all([issue(keysDir, iin), issue(join(work, 'foreign'), iin)]);
  [rootPem, intermediatePem] = await Promise.all(['root.pem', 'intermediate.pem'].map((name) => readFile(join(keysDir, name), 'utf8'))) as [string, string];
  store = createPkcs12FolderKeyStore(keysDir);
  foreignStore = createPkcs12FolderKeyStore(join(work, 'foreign'));
  const entries = await store.list();
  signKeyId = entries.find((entry) => entry.kind === 'sign')!.id;
  authKeyId = entries.find((entry) => entry.kind === 'auth')!.id;
  // The key files carry the intermediate, so the host pins the root alone.
  trainingOnly = trustInCertificates([rootPem]);
  policy = { expectedIin: iin, trust: trainingOnly, at: new Date(), checkRevocation: async () => undefined };
}, 30_000);

async function refusal(promise: Promise<unknown>): Promise<HostErrorCode | 'resolved'> {
  try {
    await promise;
    return 'resolved';
  } catch (error) {
    if (error instanceof HostError) return error.code;
    throw error;
  }
}

/** Verifies each XML with the sandbox verifier, trusting `anchors`; returns its JSON answers in order. */
async function sandboxVerify(xmls: string[], anchors: string[]): Promise<{ ok: boolean; signerIin?: string; reason?: string }[]> {
  const dir = await mkdtemp(join(work, 'verify-'));
  const files = await Promise.all(
    [...xmls.map((xml, i) => [`${i}.xml`, xml]), ...anchors.map((pem, i) => [`anchor${i}.pem`, pem])].map(async ([name, text]) => {
      await writeFile(join(dir, name!), text!);
      return join(dir, name!);
    }),
  );
  const trustArgs = files.slice(xmls.length).flatMap((file) => ['--trust', file]);
  const stdout = await pkiCli(['verify', ...trustArgs, ...files.slice(0, xmls.length)]);
  return stdout.trim().split('\n').map((line) => JSON.parse(line));
}

describe('pkcs12 folder key store', () => {
  it('lists .p12/.pfx files with their kind from the NCA file-name prefix', async () => {
    const dir = join(work, 'listing');
    await mkdir(dir);
    const names = ['RSA256_aa.p12', 'AUTH_RSA256_bb.p12', 'GOSTKNCA_cc.p12', 'GOST512_dd.p12', 'mine.pfx', 'root.pem', 'notes.txt'];
    await Promise.all(names.map((name) => writeFile(join(dir, name), '')));
    expect(await createPkcs12FolderKeyStore(dir).list()).toEqual([
      { id: 'AUTH_RSA256_bb.p12', fileName: 'AUTH_RSA256_bb.p12', kind: 'auth', algorithm: 'rsa' },
      { id: 'GOST512_dd.p12', fileName: 'GOST512_dd.p12', kind: 'sign', algorithm: 'gost2015' },
      { id: 'GOSTKNCA_cc.p12', fileName: 'GOSTKNCA_cc.p12', kind: 'gost', algorithm: 'gost2004' },
      { id: 'RSA256_aa.p12', fileName: 'RSA256_aa.p12', kind: 'sign', algorithm: 'rsa' },
      { id: 'mine.pfx', fileName: 'mine.pfx', kind: 'unknown', algorithm: null },
    ]);
    expect(await createPkcs12FolderKeyStore(join(work, 'no-such-folder')).list()).toEqual([]);
  });

  it('signs with the SIGN key (GOST 2015, as training issues); the sandbox verifier accepts it and reads the signer IIN', async () => {
    const { signedXml, signer } = await store.signPackage(signKeyId, password, request, policy);
    const leaf = signerFacts(pkijs.Certificate.fromBER(Buffer.from(/<ds:X509Certificate>([^<]+)</.exec(signedXml)![1]!, 'base64')));
    expect(leaf.keyAlgorithm).toBe('gost2015');
    expect(signer).toEqual({ iin, commonName: 'ТЕСТОВ ТЕСТ', serialNumber: leaf.serialNumberHex, notAfter: leaf.notAfter.toISOString() });
    expect(await sandboxVerify([signedXml], [rootPem, intermediatePem])).toMatchObject([{ file: expect.any(String), ok: true, signerIin: iin }]);
  });

  it('signs each attachment as a detached CMS over its content that verifies against the pinned roots', async () => {
    const passport = attachment('a scanned passport');
    const { attachmentSignatures } = await store.signPackage(signKeyId, password, request, policy, [passport]);
    expect(attachmentSignatures.map((signature) => signature.sha256)).toEqual([passport.sha256]);
    const verdict = await verifyDetachedCms(new Uint8Array(Buffer.from(attachmentSignatures[0]!.cmsBase64, 'base64')), {
      content: await passport.read(),
      trustedCertificatesDer: [rootPem, intermediatePem].map(derOfPem),
      crypto: webcrypto as unknown as Parameters<typeof verifyDetachedCms>[1]['crypto'],
    });
    expect(verdict).toMatchObject({ ok: true, signer: { iin } });
  });

  it('produces the NCALayer shape: ds: prefix, URI="", enveloped + C14N#WithComments, appended to the root', async () => {
    const { signedXml } = await store.signPackage(signKeyId, password, request, policy);
    const root = new DOMParser().parseFromString(signedXml, 'text/xml').documentElement!;
    const signature = root.lastChild as Element;
    expect(signature.nodeName).toBe('ds:Signature');
    const algorithms = (tag: string) => Array.from(signature.getElementsByTagName(tag)).map((node) => node.getAttribute('Algorithm'));
    expect(algorithms('ds:CanonicalizationMethod')).toEqual(['http://www.w3.org/TR/2001/REC-xml-c14n-20010315']);
    expect(algorithms('ds:SignatureMethod')).toEqual([SIGNING_IDENTIFIERS.gost2015.xmlSignatureMethod]);
    expect(algorithms('ds:Transform')).toEqual([
      'http://www.w3.org/2000/09/xmldsig#enveloped-signature',
      'http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments',
    ]);
    expect(algorithms('ds:DigestMethod')).toEqual([SIGNING_IDENTIFIERS.gost2015.xmlDigestMethod]);
    expect(signature.getElementsByTagName('ds:Reference')[0]!.getAttribute('URI')).toBe('');
  });

  it('the sandbox verifier refuses tampered content, a stripped or re-nested signature and a signer outside its anchors', async () => {
    const { signedXml } = await store.signPackage(signKeyId, password, request, policy);
    const tampered = signedXml.replace('L-1', 'L-2');
    const stripped = signedXml.replace(/<ds:Signature[\s\S]*<\/ds:Signature>/, '');
    const wrapped = signedXml.replace(/<service code="L-1"\/>(<ds:Signature[\s\S]*<\/ds:Signature>)/, '<service code="L-1">$1</service>');
    expect(stripped).not.toBe(signedXml);
    expect(wrapped).not.toBe(signedXml);
    const [tamperedResult, strippedResult, wrappedResult] = await sandboxVerify([tampered, stripped, wrapped], [rootPem, intermediatePem]);
    expect(tamperedResult).toMatchObject({ ok: false, reason: expect.stringMatching(/not the one that was signed|does not verify/) });
    expect(strippedResult).toMatchObject({ ok: false, reason: expect.stringMatching(/exactly one ds:Signature/) });
    expect(wrappedResult).toMatchObject({ ok: false, reason: expect.stringMatching(/not a child of the root/) });
    const foreignAnchors = await Promise.all(['root.pem', 'intermediate.pem'].map((name) => readFile(join(work, 'foreign', name), 'utf8')));
    expect(await sandboxVerify([signedXml], foreignAnchors)).toMatchObject([{ ok: false, reason: expect.stringMatching(/not issued by a trusted CA/) }]);
  });

  it('refuses a wrong password', async () => {
    expect(await refusal(store.signPackage(signKeyId, 'Qwerty13', request, policy))).toBe('keys.wrongPassword');
  });

  it('refuses the AUTH key: it is not a signing key', async () => {
    expect(await refusal(store.signPackage(authKeyId, password, request, policy))).toBe('keys.notSigningKey');
  });

  it("refuses a key that is not the operator's", async () => {
    expect(await refusal(store.signPackage(signKeyId, password, request, { ...policy, expectedIin: otherIin }))).toBe('keys.iinMismatch');
  });

  it('refuses a key outside its validity at the policy instant', async () => {
    const later = new Date(Date.now() + 2 * 365 * 86_400_000);
    const earlier = new Date(Date.now() - 86_400_000);
    expect(await refusal(store.signPackage(signKeyId, password, request, { ...policy, at: later }))).toBe('keys.expired');
    expect(await refusal(store.signPackage(signKeyId, password, request, { ...policy, at: earlier }))).toBe('keys.notYetValid');
  });

  it('refuses a key from a CA that is not pinned, even with a look-alike chain in the file', async () => {
    const [foreignSign] = (await foreignStore.list()).filter((entry) => entry.kind === 'sign');
    expect(await refusal(foreignStore.signPackage(foreignSign!.id, password, request, policy))).toBe('keys.untrustedChain');
    // The same files are fine once their own root is pinned, so the refusal above is about trust alone.
    const foreignRoot = await readFile(join(work, 'foreign', 'root.pem'), 'utf8');
    expect(await refusal(foreignStore.signPackage(foreignSign!.id, password, request, { ...policy, trust: trustInCertificates([foreignRoot]) }))).toBe('resolved');
  });

  it('signs beside the NCA test profile: its GOST and RSA certificates among the anchors disturb nothing', async () => {
    const ncaTest = withExtraAnchors(await loadWorkstationTrust({ profile: 'ncaTest', trustDir: work }), [rootPem]);
    expect(ncaTest.anchors.length).toBe(6);
    expect(await refusal(store.signPackage(signKeyId, password, request, { ...policy, trust: ncaTest }))).toBe('resolved');
  });

  it('refuses a certificate "issued" by a genuine end-entity key (issuers must be CAs)', async () => {
    // An RSA hierarchy, so forge can craft the look-alike certificate this test needs (forge only builds the fixture).
    const rsaPki = createTestPki({ algorithm: 'rsa' });
    const issued = rsaPki.issueLeaf({ operator: { iin, surname: 'ТЕСТОВ', givenName: 'ТЕСТ' }, usage: 'sign', password, keyAlgorithm: 'rsa' });
    const genuine = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(forge.util.createBuffer(Buffer.from(issued.p12Der).toString('binary'))), password);
    const genuineKey = genuine.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag! })[forge.pki.oids.pkcs8ShroudedKeyBag!]![0]!.key!;
    const [genuineLeaf, intermediate] = genuine.getBags({ bagType: forge.pki.oids.certBag! })[forge.pki.oids.certBag!]!.map((bag) => bag.cert!);
    const keys = forge.pki.rsa.generateKeyPair({ bits: 2048 });
    const forged = forge.pki.createCertificate();
    forged.publicKey = keys.publicKey;
    forged.serialNumber = '01';
    forged.validity.notBefore = new Date(Date.now() - 60_000);
    forged.validity.notAfter = new Date(Date.now() + 86_400_000);
    forged.setSubject([{ type: '2.5.4.3', value: 'FORGED' }, { type: '2.5.4.5', value: `IIN${otherIin}` }]);
    // Parsed names hold raw UTF-8 bytes, which forge would encode a second time when writing.
    forged.setIssuer(
      genuineLeaf!.subject.attributes.map((attribute) =>
        (attribute.valueTagClass as number) === forge.asn1.Type.UTF8 ? { ...attribute, value: forge.util.decodeUtf8(attribute.value as string) } : attribute,
      ),
    );
    forged.setExtensions([{ name: 'keyUsage', digitalSignature: true, nonRepudiation: true }, { name: 'extKeyUsage', emailProtection: true, '1.2.398.3.3.4.1.2.5': true }]);
    forged.sign(genuineKey, forge.md.sha256.create());
    const p12 = forge.pkcs12.toPkcs12Asn1(keys.privateKey, [forged, genuineLeaf!, intermediate!], password, { algorithm: '3des' });
    await writeFile(join(keysDir, 'RSA256_forged.p12'), Buffer.from(forge.asn1.toDer(p12).getBytes(), 'binary'));
    const rsaTrust = trustInCertificates([rsaPki.rootCertPem]);
    expect(await refusal(store.signPackage('RSA256_forged.p12', password, request, { ...policy, trust: rsaTrust, expectedIin: otherIin }))).toBe('keys.untrustedChain');
  });

  it('refuses ids that leave the folder or name no key file', async () => {
    for (const id of ['../keys/' + signKeyId, `..\\${signKeyId}`, `sub/${signKeyId}`, '..', 'root.pem', 'RSA256_missing.p12']) {
      expect(await refusal(store.signPackage(id, password, request, policy)), id).toBe('keys.notFound');
    }
  });

  it('reports a damaged file as unreadable', async () => {
    await writeFile(join(keysDir, 'RSA256_garbage.p12'), randomBytes(2048));
    expect(await refusal(store.signPackage('RSA256_garbage.p12', password, request, policy))).toBe('keys.unreadable');
  });

  it('reports an empty file and a PEM certificate saved as .p12 as unreadable', async () => {
    await writeFile(join(keysDir, 'RSA256_empty.p12'), new Uint8Array());
    await writeFile(join(keysDir, 'RSA256_pem.p12'), rootPem);
    expect(await refusal(store.signPackage('RSA256_empty.p12', password, request, policy))).toBe('keys.unreadable');
    expect(await refusal(store.signPackage('RSA256_pem.p12', password, request, policy))).toBe('keys.unreadable');
  });

  it('asks the revocation check before signing and signs nothing for a revoked key', async () => {
    const checked: string[] = [];
    const revoked: SigningPolicy = {
      ...policy,
      checkRevocation: async (pem) => {
        checked.push(pem);
        throw new HostError('keys.revoked');
      },
    };
    expect(await refusal(store.signPackage(signKeyId, password, request, revoked))).toBe('keys.revoked');
    expect(checked[0]).toContain('BEGIN CERTIFICATE');
  });

  it('sends a GOST 34.310-2004 key file to NCALayer (a real NCA test key)', async () => {
    await copyFile(join(repoRoot, 'test/fixtures/nca-test/keys/ncanode-go/organization/active/GOSTKNCA_13a3741b52d7bf860aab199b56fad1f4652e357b.p12'), join(keysDir, 'GOSTKNCA_gost.p12'));
    expect(await refusal(store.signPackage('GOSTKNCA_gost.p12', password, request, policy))).toBe('keys.gost2004NeedsNcaLayer');
  });

  it('says a file of certificates alone holds no key', async () => {
    const certificatesOnly = forge.pkcs12.toPkcs12Asn1(null, [forge.pki.certificateFromPem(createTestPki({ algorithm: 'rsa' }).rootCertPem)], password, { algorithm: '3des' });
    await writeFile(join(keysDir, 'RSA256_nokey.p12'), Buffer.from(forge.asn1.toDer(certificatesOnly).getBytes(), 'binary'));
    expect(await refusal(store.signPackage('RSA256_nokey.p12', password, request, policy))).toBe('keys.noPrivateKey');
  });
});

describe('key picker: certificates remembered from the first unlock (issue 20)', () => {
  let dir: string;
  let remembering: KeyStore;
  const choice = async (id: string, asked: SigningPolicy = policy) => (await keyChoices(await remembering.list(), asked)).find((entry) => entry.id === id)!;

  beforeAll(async () => {
    dir = join(work, 'picker');
    await mkdir(dir);
    await Promise.all([signKeyId, authKeyId].map((id) => copyFile(join(keysDir, id), join(dir, id))));
    await copyFile(join(repoRoot, 'test/fixtures/nca-test/keys/ncanode-go/organization/active/GOSTKNCA_13a3741b52d7bf860aab199b56fad1f4652e357b.p12'), join(dir, 'renamed.p12'));
    remembering = createPkcs12FolderKeyStore(dir, { certificates: createCertificateMemory(join(work, 'picker-memory', 'key-certificates.json')) });
  });

  it('knows only the file name before the first unlock: kind and algorithm from the prefix, AUTH_ cannot sign', async () => {
    expect(await choice(signKeyId)).toMatchObject({ algorithm: 'gost2015', certificate: null, refusal: null });
    expect(await choice(authKeyId)).toMatchObject({ certificate: null, refusal: { code: 'keys.notSigningKey' } });
    expect(await choice('renamed.p12')).toMatchObject({ kind: 'unknown', algorithm: null, certificate: null, refusal: null });
  });

  it('a wrong password teaches nothing', async () => {
    await refusal(remembering.signPackage(signKeyId, 'wrong-password', request, policy));
    expect((await choice(signKeyId)).certificate).toBeNull();
  });

  it('after a signature names owner, IIN, algorithm and validity, and tells why it cannot sign for someone else, later or untrusted', async () => {
    expect(await refusal(remembering.signPackage(signKeyId, password, request, policy))).toBe('resolved');
    const known = await choice(signKeyId);
    expect(known.refusal).toBeNull();
    expect(known.algorithm).toBe('gost2015');
    expect(known.certificate).toMatchObject({ iin, role: 'sign' });
    expect(known.certificate!.commonName).toContain('ТЕСТОВ');
    expect(Date.parse(known.certificate!.validTo)).toBeGreaterThan(Date.now());
    expect((await choice(signKeyId, { ...policy, expectedIin: otherIin })).refusal?.code).toBe('keys.iinMismatch');
    expect((await choice(signKeyId, { ...policy, at: new Date(Date.now() + 2 * 365 * 86_400_000) })).refusal?.code).toBe('keys.expired');
    const foreignRoot = await readFile(join(work, 'foreign', 'root.pem'), 'utf8');
    expect((await choice(signKeyId, { ...policy, trust: trustInCertificates([foreignRoot]) })).refusal?.code).toBe('keys.untrustedChain');
    const revoked = { ...policy, checkRevocation: async () => Promise.reject(new HostError('keys.revoked')) };
    expect((await choice(signKeyId, revoked)).refusal?.code).toBe('keys.revoked');
  });

  it('remembers a key the signing act refused, with the same reason: an AUTH key, a legacy GOST 2004 key whatever its name', async () => {
    expect(await refusal(remembering.signPackage(authKeyId, password, request, policy))).toBe('keys.notSigningKey');
    expect(await choice(authKeyId)).toMatchObject({ certificate: { role: 'auth', iin }, refusal: { code: 'keys.notSigningKey' } });
    expect(await refusal(remembering.signPackage('renamed.p12', password, request, policy))).toBe('keys.gost2004NeedsNcaLayer');
    expect(await choice('renamed.p12')).toMatchObject({ algorithm: 'gost2004', refusal: { code: 'keys.gost2004NeedsNcaLayer' } });
    expect((await choice('renamed.p12')).certificate?.commonName).toBeTruthy();
  });

  it('forgets a file that changed, and files gone from the folder', async () => {
    const foreignSign = (await foreignStore.list()).find((entry) => entry.kind === 'sign')!.id;
    await copyFile(join(work, 'foreign', foreignSign), join(dir, signKeyId));
    expect((await choice(signKeyId)).certificate).toBeNull();
    // The AUTH key's entry survives the change of another file.
    expect((await choice(authKeyId)).certificate).not.toBeNull();
    await refusal(remembering.signPackage(signKeyId, password, request, policy));
    const memory = JSON.parse(await readFile(join(work, 'picker-memory', 'key-certificates.json'), 'utf8')) as { certificates: Record<string, unknown> };
    // Three files, three entries: the replaced file's old certificate went at this remembering.
    expect(Object.keys(memory.certificates)).toHaveLength(3);
  });

  it('a damaged memory file only costs the details', async () => {
    const file = join(work, 'picker-memory', 'damaged.json');
    await writeFile(file, '{"version":1,"certificates":');
    const damaged = createPkcs12FolderKeyStore(dir, { certificates: createCertificateMemory(file) });
    expect((await keyChoices(await damaged.list(), policy)).every((entry) => entry.certificate === null)).toBe(true);
    expect(await refusal(damaged.signPackage(authKeyId, password, request, policy))).toBe('keys.notSigningKey');
    expect((await keyChoices(await damaged.list(), policy)).find((entry) => entry.id === authKeyId)?.certificate?.role).toBe('auth');
  });
});
