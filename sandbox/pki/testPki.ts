/**
 * A throw-away PKI that looks like NCA RK's (see shared/research/eds.md §3): root → "ҰКО … (RSA TEST)"
 * intermediate → operator leaves with the NCA subject layout, key usages and legacy PKCS#12 files.
 * Tests and training mode use it, so it must never be mistaken for a real NCA root.
 */
import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as asn1js from 'asn1js';
import forge from 'node-forge';
import * as pkijs from 'pkijs';
import { isValidIin } from '../../shared/identity/iin';
import { crlToPem } from '../crl/crlPem';

const { pki, asn1, util } = forge;

export interface TestOperator {
  iin: string;
  surname: string;
  givenName: string;
  patronymic?: string;
  organization?: { name: string; bin: string };
}

export interface IssuedLeaf {
  fileName: string;
  p12Der: Uint8Array;
  certificatePem: string;
  /** Lowercase hex, as a CRL lists it. */
  serialNumber: string;
}

export interface IssuedCrl {
  der: Uint8Array;
  pem: string;
}

/** Ways a leaf departs from NCA's profile, for tests of the checks that must refuse it. */
export interface LeafMisfit {
  /** SERIALNUMBER other than IIN<operator's IIN>, e.g. an organisation's BIN… certificate, or '' for none. */
  serialNumber?: string;
  /** Extended key usages instead of the profile's (e.g. without the employee role). */
  extKeyUsage?: Record<string, boolean>;
  /** Signed by its own key instead of the intermediate. */
  selfSigned?: boolean;
}

/** The CA keys and certificates, so training mode's CA survives restarts (test material only). */
export interface TestPkiState {
  rootKeyPem: string;
  rootCertPem: string;
  intermediateKeyPem: string;
  intermediateCertPem: string;
}

export interface TestPki {
  rootCertPem: string;
  intermediateCertPem: string;
  exportState(): TestPkiState;
  issueLeaf(opts: { operator: TestOperator; usage: 'sign' | 'auth'; password: string; notBefore?: Date; notAfter?: Date; misfit?: LeafMisfit }): IssuedLeaf;
  /** A time-stamping authority's certificate and key (critical EKU timeStamping), issued by the intermediate. */
  issueTsaCertificate(): { certificatePem: string; privateKeyPem: string };
  /** A CRL signed by the intermediate, listing `revokedSerials` (hex) as revoked at thisUpdate. */
  issueCrl(opts: { revokedSerials: readonly string[]; thisUpdate: Date; nextUpdate: Date }): IssuedCrl;
}

/** OIDs from the NCA profile (eds.md §3.2). */
const OID = {
  surname: '2.5.4.4',
  serialNumber: '2.5.4.5',
  givenName: '2.5.4.42',
  certificatePolicies: '2.5.29.32',
  roleEmployee: '1.2.398.3.3.4.1.2.5',
  policyLegalEntitySign: '1.2.398.3.3.2.1',
  policyLegalEntityAuth: '1.2.398.3.3.2.2',
  /** A GOST key algorithm of the Kazakh arc (ГОСТ 34.310-2004), as NCA RK's GOST files carry. */
  gostKz: '1.2.398.3.10.1.1.1.1',
} as const;

const DAY_MS = 86_400_000;

type Attribute = forge.pki.CertificateField;
type KeyPair = { privateKey: forge.pki.rsa.PrivateKey; publicKey: forge.pki.rsa.PublicKey };

/** NCA writes text values as UTF8String; forge's default is PrintableString, kept only for IIN/BIN/C. */
const utf8 = (type: string, value: string): Attribute => ({ type, value, valueTagClass: asn1.Type.UTF8 as number });
const printable = (type: string, value: string): Attribute => ({ type, value });

/** Native key generation: forge's pure-JS path costs seconds per 2048-bit key (forge #125). */
function newKeyPair(): KeyPair {
  const { privateKey: pem } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  const privateKey = pki.privateKeyFromPem(pem) as forge.pki.rsa.PrivateKey;
  return { privateKey, publicKey: pki.setRsaPublicKey(privateKey.n, privateKey.e) };
}

/** Positive 128-bit serial: a leading 0x01 keeps the DER INTEGER from reading as negative. */
const newSerial = (): string => '01' + randomBytes(15).toString('hex');

function policiesExtension(policyOid: string) {
  const { Class, Type } = asn1;
  const policyInformation = asn1.create(Class.UNIVERSAL, Type.SEQUENCE, true, [
    asn1.create(Class.UNIVERSAL, Type.OID, false, asn1.oidToDer(policyOid).getBytes()),
  ]);
  return { id: OID.certificatePolicies, value: asn1.create(Class.UNIVERSAL, Type.SEQUENCE, true, [policyInformation]) };
}

interface Authority {
  keys: KeyPair;
  subject: Attribute[];
  cert: forge.pki.Certificate;
}

function certify(opts: {
  subject: Attribute[];
  keys: KeyPair;
  issuer: Authority | 'self';
  notBefore: Date;
  notAfter: Date;
  extensions: object[];
}): forge.pki.Certificate {
  const cert = pki.createCertificate();
  cert.publicKey = opts.keys.publicKey;
  cert.serialNumber = newSerial();
  cert.validity.notBefore = opts.notBefore;
  cert.validity.notAfter = opts.notAfter;
  cert.setSubject(opts.subject);
  // forge writes issuer values as text, so the authority's list holds text, never parsed bytes (see restoreAuthority).
  cert.setIssuer(opts.issuer === 'self' ? opts.subject : opts.issuer.subject);
  const authorityKeyId =
    opts.issuer === 'self' ? [] : [{ name: 'authorityKeyIdentifier', keyIdentifier: opts.issuer.cert.generateSubjectKeyIdentifier().getBytes() }];
  cert.setExtensions([...opts.extensions, { name: 'subjectKeyIdentifier' }, ...authorityKeyId]);
  cert.sign(opts.issuer === 'self' ? opts.keys.privateKey : opts.issuer.keys.privateKey, forge.md.sha256.create());
  return cert;
}

function createAuthority(subject: Attribute[], issuer: Authority | 'self', years: number, pathLenConstraint?: number): Authority {
  const keys = newKeyPair();
  const now = Date.now();
  const cert = certify({
    subject,
    keys,
    issuer,
    notBefore: new Date(now - DAY_MS),
    notAfter: new Date(now + years * 365 * DAY_MS),
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true, ...(pathLenConstraint === undefined ? {} : { pathLenConstraint }) },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    ],
  });
  return { keys, subject, cert };
}

/** Subject per eds.md §3.1, in NCA's attribute order (CN, SURNAME, SERIALNUMBER, C, O, GIVENNAME, OU). */
function operatorSubject(operator: TestOperator, serialNumber = `IIN${operator.iin}`): Attribute[] {
  return [
    utf8('2.5.4.3', `${operator.surname} ${operator.givenName}`),
    utf8(OID.surname, operator.surname),
    ...(serialNumber ? [printable(OID.serialNumber, serialNumber)] : []),
    printable('2.5.4.6', 'KZ'),
    ...(operator.organization ? [utf8('2.5.4.10', operator.organization.name)] : []),
    ...(operator.patronymic ? [utf8(OID.givenName, operator.patronymic)] : []),
    ...(operator.organization ? [printable('2.5.4.11', `BIN${operator.organization.bin}`)] : []),
  ];
}

const usageProfile = {
  sign: {
    filePrefix: 'RSA256_',
    keyUsage: { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true },
    extKeyUsage: { name: 'extKeyUsage', emailProtection: true, [OID.roleEmployee]: true },
    policy: OID.policyLegalEntitySign,
  },
  auth: {
    filePrefix: 'AUTH_RSA256_',
    keyUsage: { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    extKeyUsage: { name: 'extKeyUsage', clientAuth: true, [OID.roleEmployee]: true },
    policy: OID.policyLegalEntityAuth,
  },
} as const;

function restoreAuthority(keyPem: string, certPem: string): Authority {
  const privateKey = pki.privateKeyFromPem(keyPem) as forge.pki.rsa.PrivateKey;
  const cert = pki.certificateFromPem(certPem);
  // Parsed names hold raw UTF-8 bytes; the issuer list must hold text like a freshly built one.
  const subject = cert.subject.attributes.map((attribute) =>
    (attribute.valueTagClass as number) === asn1.Type.UTF8 ? { ...attribute, value: util.decodeUtf8(attribute.value as string) } : attribute,
  );
  return { keys: { privateKey, publicKey: pki.setRsaPublicKey(privateKey.n, privateKey.e) }, subject, cert };
}

/** A new hierarchy, or the one saved by exportState(). */
export function createTestPki(state?: TestPkiState): TestPki {
  const root = state
    ? restoreAuthority(state.rootKeyPem, state.rootCertPem)
    : createAuthority([utf8('2.5.4.3', 'QABYL TEST ROOT'), printable('2.5.4.6', 'KZ')], 'self', 20);
  const intermediate = state
    ? restoreAuthority(state.intermediateKeyPem, state.intermediateCertPem)
    : createAuthority([utf8('2.5.4.3', 'ҰКО 3.0 (RSA TEST) QABYL'), printable('2.5.4.6', 'KZ')], root, 10, 0);
  const rootCertPem = pki.certificateToPem(root.cert);
  const intermediateCertPem = pki.certificateToPem(intermediate.cert);

  return {
    rootCertPem,
    intermediateCertPem,
    exportState: () => ({
      rootKeyPem: pki.privateKeyToPem(root.keys.privateKey),
      rootCertPem,
      intermediateKeyPem: pki.privateKeyToPem(intermediate.keys.privateKey),
      intermediateCertPem,
    }),
    issueLeaf({ operator, usage, password, notBefore, notAfter, misfit = {} }) {
      if (!isValidIin(operator.iin)) throw new Error(`test PKI: invalid IIN ${operator.iin}`);
      const profile = usageProfile[usage];
      const keys = newKeyPair();
      const start = notBefore ?? new Date(Date.now() - 60_000);
      const cert = certify({
        subject: operatorSubject(operator, misfit.serialNumber),
        keys,
        issuer: misfit.selfSigned ? 'self' : intermediate,
        notBefore: start,
        notAfter: notAfter ?? new Date(start.getTime() + 365 * DAY_MS),
        extensions: [profile.keyUsage, misfit.extKeyUsage ? { name: 'extKeyUsage', ...misfit.extKeyUsage } : profile.extKeyUsage, policiesExtension(profile.policy)],
      });
      // NCA's alias and file-name id are the lowercase hex SubjectKeyIdentifier (eds.md §3.3).
      const ski = util.bytesToHex(cert.generateSubjectKeyIdentifier().getBytes());
      // Legacy NCA encryption: 3DES key bag, SHA-1 MAC, 1024 iterations (eds.md §0).
      const p12 = forge.pkcs12.toPkcs12Asn1(keys.privateKey, misfit.selfSigned ? [cert] : [cert, intermediate.cert], password, {
        algorithm: '3des',
        count: 1024,
        friendlyName: ski,
      });
      return {
        fileName: `${profile.filePrefix}${ski}.p12`,
        p12Der: Buffer.from(asn1.toDer(p12).getBytes(), 'binary'),
        certificatePem: pki.certificateToPem(cert),
        serialNumber: cert.serialNumber,
      };
    },
    issueTsaCertificate() {
      const keys = newKeyPair();
      const now = Date.now();
      const cert = certify({
        subject: [utf8('2.5.4.3', 'QABYL TEST TSA'), printable('2.5.4.6', 'KZ')],
        keys,
        issuer: intermediate,
        notBefore: new Date(now - DAY_MS),
        notAfter: new Date(now + 5 * 365 * DAY_MS),
        extensions: [
          { name: 'keyUsage', digitalSignature: true, nonRepudiation: true, critical: true },
          { name: 'extKeyUsage', timeStamping: true, critical: true },
        ],
      });
      return { certificatePem: pki.certificateToPem(cert), privateKeyPem: pki.privateKeyToPem(keys.privateKey) };
    },
    issueCrl: (opts) => issueCrl(intermediate, opts),
  };
}

const SHA256_WITH_RSA = '1.2.840.113549.1.1.11';

/**
 * PKI.js builds the CRL (forge has no CRL support); node:crypto signs the TBS bytes so issuing stays
 * synchronous, which lets the sandbox serve a fresh CRL from a plain callback.
 */
function issueCrl(issuer: Authority, opts: { revokedSerials: readonly string[]; thisUpdate: Date; nextUpdate: Date }): IssuedCrl {
  const issuerCert = pkijs.Certificate.fromBER(Buffer.from(asn1.toDer(pki.certificateToAsn1(issuer.cert)).getBytes(), 'binary'));
  const algorithm = () => new pkijs.AlgorithmIdentifier({ algorithmId: SHA256_WITH_RSA, algorithmParams: new asn1js.Null() });
  const time = (value: Date) => new pkijs.Time({ type: pkijs.TimeType.UTCTime, value });
  const crl = new pkijs.CertificateRevocationList({
    version: 1,
    signature: algorithm(),
    issuer: issuerCert.subject,
    thisUpdate: time(opts.thisUpdate),
    nextUpdate: time(opts.nextUpdate),
    signatureAlgorithm: algorithm(),
  });
  // RFC 5280 §5.1.2.6: with nothing revoked the list is absent, not empty.
  if (opts.revokedSerials.length > 0) {
    crl.revokedCertificates = opts.revokedSerials.map(
      (serial) =>
        new pkijs.RevokedCertificate({
          userCertificate: new asn1js.Integer({ valueHex: Buffer.from(serial, 'hex') }),
          revocationDate: time(opts.thisUpdate),
        }),
    );
  }
  // With encodeFlag, toSchema encodes the TBS from the fields above (encodeTBS itself is protected).
  crl.tbsView = new Uint8Array(crl.toSchema(true).valueBlock.value[0]!.toBER());
  crl.signatureValue = new asn1js.BitString({ valueHex: sign('sha256', crl.tbsView, pki.privateKeyToPem(issuer.keys.privateKey)) });
  const der = new Uint8Array(crl.toSchema().toBER());
  return { der, pem: crlToPem(der) };
}

/**
 * A PKCS#12 file whose (shrouded) key is a GOST R 34.10 key as NCA issues them: forge, like our key store, cannot
 * read it. forge writes only RSA keys, so its key wrapper is swapped for the GOST PrivateKeyInfo while it builds.
 */
export function gostLikePkcs12(password: string): Uint8Array {
  const { Class, Type } = asn1;
  const gostKeyInfo = asn1.create(Class.UNIVERSAL, Type.SEQUENCE, true, [
    asn1.create(Class.UNIVERSAL, Type.INTEGER, false, '\x00'),
    asn1.create(Class.UNIVERSAL, Type.SEQUENCE, true, [asn1.create(Class.UNIVERSAL, Type.OID, false, asn1.oidToDer(OID.gostKz).getBytes())]),
    asn1.create(Class.UNIVERSAL, Type.OCTETSTRING, false, randomBytes(32).toString('binary')),
  ]);
  const wrapRsaPrivateKey = pki.wrapRsaPrivateKey;
  pki.wrapRsaPrivateKey = () => gostKeyInfo;
  try {
    const p12 = forge.pkcs12.toPkcs12Asn1(newKeyPair().privateKey, null as unknown as forge.pki.Certificate, password, { algorithm: '3des' });
    return Buffer.from(asn1.toDer(p12).getBytes(), 'binary');
  } finally {
    pki.wrapRsaPrivateKey = wrapRsaPrivateKey;
  }
}

/** Training mode: a fresh hierarchy plus the operator's sign and auth files, as NCA would hand them out. */
export async function writeTrainingKeys(
  dir: string,
  operator: TestOperator,
  password: string,
): Promise<{ rootCertPem: string; files: string[] }> {
  const testPki = createTestPki();
  await mkdir(dir, { recursive: true });
  const leaves = (['sign', 'auth'] as const).map((usage) => testPki.issueLeaf({ operator, usage, password }));
  const contents: [string, string | Uint8Array][] = [
    ...leaves.map((leaf): [string, Uint8Array] => [leaf.fileName, leaf.p12Der]),
    ['root.pem', testPki.rootCertPem],
    ['intermediate.pem', testPki.intermediateCertPem],
  ];
  const files = contents.map(([name]) => join(dir, name));
  await Promise.all(contents.map(([name, data]) => writeFile(join(dir, name), data)));
  return { rootCertPem: testPki.rootCertPem, files };
}
