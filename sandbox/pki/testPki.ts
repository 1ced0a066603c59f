/**
 * A throw-away PKI that looks like NCA RK's (see shared/research/eds.md §3): root → intermediate → operator leaves with
 * the NCA subject layout, key usages, policies, distribution points and legacy PKCS#12 files, in either of NCA's
 * algorithms: a GOST 34.10-2015 hierarchy laid out like NCA's GOST 2015 test certificates (test/fixtures/nca-test), or
 * the older RSA one. Tests and training mode use it, so its names say TEST QABYL and it must never be mistaken for NCA.
 * PKI.js builds the certificates and CRLs; the CA key signs their TBS bytes (testKeys.ts).
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { isValidIin } from '../../shared/identity/iin';
import { crlToPem } from '../crl/crlPem';
import { legacyPkcs12 } from './legacyPkcs12';
import { newTestKey, testKeyFromPem, type TestKey, type TestPkiAlgorithm } from './testKeys';

export type { TestPkiAlgorithm } from './testKeys';

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
  keyAlgorithm: TestPkiAlgorithm;
}

export interface IssuedCrl {
  der: Uint8Array;
  pem: string;
}

/** A revoked certificate as a CRL lists it; a bare serial is revoked at the CRL's thisUpdate. */
export interface RevokedEntry {
  /** Hex, any case. */
  serial: string;
  revokedAt: Date;
}

/** Ways a leaf departs from NCA's profile, for tests of the checks that must refuse it. */
export interface LeafMisfit {
  /** SERIALNUMBER other than IIN<operator's IIN>, e.g. an organisation's BIN… certificate, or '' for none. */
  serialNumber?: string;
  /** Extended key usages instead of the profile's (e.g. without the employee role): OIDs, or emailProtection/clientAuth, set true. */
  extKeyUsage?: Record<string, boolean>;
  /** Signed by its own key instead of the intermediate. */
  selfSigned?: boolean;
}

/** The CA keys (PKCS#8 PEM, RSA or GOST) and certificates, so training mode's CA survives restarts (test material only). */
export interface TestPkiState {
  rootKeyPem: string;
  rootCertPem: string;
  intermediateKeyPem: string;
  intermediateCertPem: string;
}

/** Where the CA publishes, as its certificates name it (CDP, freshest CRL, AIA). */
export interface TestPkiPublication {
  fullCrlUrl: string;
  deltaCrlUrl: string;
  caIssuersUrl: string;
  ocspUrl: string;
}

export interface TestPki {
  /** The CA's key algorithm, which is also its leaves' unless asked otherwise. */
  algorithm: TestPkiAlgorithm;
  rootCertPem: string;
  intermediateCertPem: string;
  publication: TestPkiPublication;
  exportState(): TestPkiState;
  /** A sign key has the CA's algorithm unless `keyAlgorithm` says otherwise; an AUTH key is RSA, as NCA issues them. */
  issueLeaf(opts: {
    operator: TestOperator;
    usage: 'sign' | 'auth';
    password: string;
    keyAlgorithm?: TestPkiAlgorithm;
    notBefore?: Date;
    notAfter?: Date;
    misfit?: LeafMisfit;
  }): IssuedLeaf;
  /** A time-stamping authority's certificate and key (critical EKU timeStamping), issued by the intermediate. */
  issueTsaCertificate(): { certificatePem: string; privateKeyPem: string };
  /** A delegated OCSP responder's certificate and key (EKU OCSPSigning, id-pkix-ocsp-nocheck), issued by the intermediate. */
  issueOcspSignerCertificate(): { certificatePem: string; privateKeyPem: string };
  /**
   * A CRL signed by the intermediate. A full CRL names its delta in freshestCRL; with `deltaOf` (the base CRL's number)
   * it is a delta CRL (critical deltaCRLIndicator) listing what was revoked since that base.
   */
  issueCrl(opts: { revokedSerials: readonly (string | RevokedEntry)[]; thisUpdate: Date; nextUpdate: Date; crlNumber?: number; deltaOf?: number }): IssuedCrl;
}

const OID = {
  commonName: '2.5.4.3',
  surname: '2.5.4.4',
  serialNumber: '2.5.4.5',
  country: '2.5.4.6',
  organization: '2.5.4.10',
  organizationalUnit: '2.5.4.11',
  givenName: '2.5.4.42',
  subjectKeyIdentifier: '2.5.29.14',
  keyUsage: '2.5.29.15',
  basicConstraints: '2.5.29.19',
  crlNumber: '2.5.29.20',
  crlReason: '2.5.29.21',
  deltaCrlIndicator: '2.5.29.27',
  crlDistributionPoints: '2.5.29.31',
  certificatePolicies: '2.5.29.32',
  authorityKeyIdentifier: '2.5.29.35',
  extKeyUsage: '2.5.29.37',
  freshestCrl: '2.5.29.46',
  authorityInfoAccess: '1.3.6.1.5.5.7.1.1',
  cpsQualifier: '1.3.6.1.5.5.7.2.1',
  ocsp: '1.3.6.1.5.5.7.48.1',
  caIssuers: '1.3.6.1.5.5.7.48.2',
  ocspNoCheck: '1.3.6.1.5.5.7.48.1.5',
  clientAuth: '1.3.6.1.5.5.7.3.2',
  emailProtection: '1.3.6.1.5.5.7.3.4',
  timeStamping: '1.3.6.1.5.5.7.3.8',
  ocspSigning: '1.3.6.1.5.5.7.3.9',
  /** Role: employee of a legal entity (eds.md §3.2), what an operator of a service centre is. */
  roleEmployee: '1.2.398.3.3.4.1.2.5',
  policyLegalEntitySign: '1.2.398.3.3.2.1',
  policyLegalEntityAuth: '1.2.398.3.3.2.2',
  /** NCA's private extension on its GOST 2015 test certificate (value SEQUENCE { 1.2.398.3.3.5.1.1 }); carried as seen. */
  ncaPrivate: '1.2.398.3.3.5',
  ncaPrivateValue: '1.2.398.3.3.5.1.1',
  /** A GOST key algorithm of the Kazakh arc (ГОСТ 34.310-2004), as NCA RK's older GOST files carry. */
  gost2004Key: '1.2.398.3.10.1.1.1.1',
} as const;

/**
 * The training CA's publication point. `.invalid` (RFC 2606) never resolves, so nothing leaves the machine by mistake;
 * training mode maps it to the embedded sandbox (electron/training), as NCA's test.pki.gov.kz serves NCA's test CRLs.
 */
export const TEST_PKI_PUBLICATION_BASE = 'http://pki.qabyl-test.invalid';

/** NCA's file names: nca_rsa_test.crl / nca_d_rsa_test.crl, nca_gost2022_test.crl / nca_gost2022_d_test.crl. */
function publicationOf(algorithm: TestPkiAlgorithm, base = TEST_PKI_PUBLICATION_BASE): TestPkiPublication {
  const [full, delta, cert] =
    algorithm === 'gost2015' ? ['qabyl_gost2015_test', 'qabyl_gost2015_d_test', 'qabyl_gost2015_test'] : ['qabyl_rsa_test', 'qabyl_d_rsa_test', 'qabyl_rsa_test'];
  return { fullCrlUrl: `${base}/crl/${full}.crl`, deltaCrlUrl: `${base}/crl/${delta}.crl`, caIssuersUrl: `${base}/cert/${cert}.cer`, ocspUrl: `${base}/ocsp/` };
}

const NAMES: Record<TestPkiAlgorithm, { root: string; intermediate: string }> = {
  rsa: { root: 'QABYL TEST ROOT', intermediate: 'ҰКО 3.0 (RSA TEST) QABYL' },
  gost2015: { root: 'НЕГІЗГІ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ (GOST) TEST QABYL', intermediate: 'ҰЛТТЫҚ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ (GOST) TEST QABYL' },
};

const DAY_MS = 86_400_000;
const arrayBuffer = (bytes: Uint8Array) => new Uint8Array(bytes).buffer as ArrayBuffer;
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const certificateToPem = (der: Uint8Array) => `-----BEGIN CERTIFICATE-----\n${(Buffer.from(der).toString('base64').match(/.{1,64}/g) ?? []).join('\n')}\n-----END CERTIFICATE-----\n`;
const derOfPem = (pem: string) => new Uint8Array(Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ''), 'base64'));

type Attribute = [type: string, value: string, kind?: 'printable'];

/** NCA writes text values as UTF8String, IIN/BIN and C as PrintableString, each attribute in its own RDN (PKI.js would put them in one). */
function name(attributes: readonly Attribute[]): pkijs.RelativeDistinguishedNames {
  const rdns = attributes.map(
    ([type, value, kind]) =>
      new asn1js.Set({
        value: [
          new asn1js.Sequence({
            value: [new asn1js.ObjectIdentifier({ value: type }), kind === 'printable' ? new asn1js.PrintableString({ value }) : new asn1js.Utf8String({ value })],
          }),
        ],
      }),
  );
  return pkijs.RelativeDistinguishedNames.fromBER(new asn1js.Sequence({ value: rdns }).toBER(false));
}

/** Subject per eds.md §3.1, in NCA's attribute order (CN, SURNAME, SERIALNUMBER, C, O, GIVENNAME, OU). */
function operatorSubject(operator: TestOperator, serialNumber = `IIN${operator.iin}`): Attribute[] {
  return [
    [OID.commonName, `${operator.surname} ${operator.givenName}`],
    [OID.surname, operator.surname],
    ...(serialNumber ? [[OID.serialNumber, serialNumber, 'printable'] as Attribute] : []),
    [OID.country, 'KZ', 'printable'],
    ...(operator.organization ? [[OID.organization, operator.organization.name] as Attribute] : []),
    ...(operator.patronymic ? [[OID.givenName, operator.patronymic] as Attribute] : []),
    ...(operator.organization ? [[OID.organizationalUnit, `BIN${operator.organization.bin}`, 'printable'] as Attribute] : []),
  ];
}

const extension = (extnID: string, value: asn1js.AsnType, critical = false) =>
  new pkijs.Extension({ extnID, critical, extnValue: value.toBER(false) });
const oids = (values: readonly string[]) => new asn1js.Sequence({ value: values.map((value) => new asn1js.ObjectIdentifier({ value })) });
const uri = (value: string) => new asn1js.Primitive({ idBlock: { tagClass: 3, tagNumber: 6 }, valueHex: arrayBuffer(Buffer.from(value, 'ascii')) });

/** KeyUsage bits in X.509 order (0 digitalSignature … 6 cRLSign), DER with the unused trailing bits counted. */
function keyUsage(bits: readonly number[]): pkijs.Extension {
  const byte = bits.reduce((value, bit) => value | (0x80 >> bit), 0);
  let unused = 0;
  while (unused < 7 && !(byte & (1 << unused))) unused += 1;
  return extension(OID.keyUsage, new asn1js.BitString({ valueHex: arrayBuffer(new Uint8Array([byte])), unusedBits: unused }), true);
}
const KEY_USAGE = { digitalSignature: 0, nonRepudiation: 1, keyEncipherment: 2, keyCertSign: 5, cRLSign: 6 } as const;

/** DistributionPoint { distributionPoint [0] { fullName [0] { URI } } }, as in CDP and freshestCRL. */
const distributionPoints = (url: string) =>
  new asn1js.Sequence({
    value: [
      new asn1js.Sequence({
        value: [new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 0 }, value: [new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 0 }, value: [uri(url)] })] })],
      }),
    ],
  });

function policy(policyOid: string, cpsUrl: string): pkijs.Extension {
  const qualifier = new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: OID.cpsQualifier }), new asn1js.IA5String({ value: cpsUrl })] });
  return extension(
    OID.certificatePolicies,
    new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: policyOid }), new asn1js.Sequence({ value: [qualifier] })] })] }),
  );
}

/** What NCA's leaves carry to find revocation: AIA (OCSP, caIssuers), CDP and the delta's freshestCRL. */
function publicationExtensions(publication: TestPkiPublication): pkijs.Extension[] {
  const access = (method: string, url: string) => new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: method }), uri(url)] });
  return [
    extension(OID.authorityInfoAccess, new asn1js.Sequence({ value: [access(OID.ocsp, publication.ocspUrl), access(OID.caIssuers, publication.caIssuersUrl)] })),
    extension(OID.crlDistributionPoints, distributionPoints(publication.fullCrlUrl)),
    extension(OID.freshestCrl, distributionPoints(publication.deltaCrlUrl)),
  ];
}

const purposesOf = (usages: Record<string, boolean>) =>
  Object.entries(usages)
    .filter(([, on]) => on)
    .map(([purpose]) => (purpose === 'emailProtection' ? OID.emailProtection : purpose === 'clientAuth' ? OID.clientAuth : purpose));

/** RFC 5280 §4.2.1.2 method 1: SHA-1 of the subjectPublicKey bits. */
const keyIdentifierOf = (spki: pkijs.PublicKeyInfo) => new Uint8Array(createHash('sha1').update(spki.subjectPublicKey.valueBlock.valueHexView).digest());

interface Authority {
  key: TestKey;
  certificate: pkijs.Certificate;
  der: Uint8Array;
  keyIdentifier: Uint8Array;
}

/**
 * Builds and signs a certificate. NCA's serial number is the SubjectKeyIdentifier with its top bit cleared (its test
 * certificates: serial 0FF06211…, SKI 8FF06211…); a zero first byte would not be minimal DER, so it becomes 0x40.
 */
function certify(opts: {
  subject: pkijs.RelativeDistinguishedNames;
  spki: pkijs.PublicKeyInfo;
  issuer: { name: pkijs.RelativeDistinguishedNames; key: TestKey; keyIdentifier?: Uint8Array };
  notBefore: Date;
  notAfter: Date;
  extensions: pkijs.Extension[];
  /** Extensions after the key identifiers, where NCA puts its private one. */
  trailingExtensions?: pkijs.Extension[];
}): { certificate: pkijs.Certificate; der: Uint8Array; keyIdentifier: Uint8Array } {
  const keyIdentifier = keyIdentifierOf(opts.spki);
  const serial = new Uint8Array(keyIdentifier);
  serial[0] = serial[0]! & 0x7f || 0x40;
  const time = (value: Date) => new pkijs.Time({ type: pkijs.TimeType.UTCTime, value });
  const authorityKeyId = opts.issuer.keyIdentifier
    ? [extension(OID.authorityKeyIdentifier, new asn1js.Sequence({ value: [new asn1js.Primitive({ idBlock: { tagClass: 3, tagNumber: 0 }, valueHex: arrayBuffer(opts.issuer.keyIdentifier) })] }))]
    : [];
  const certificate = new pkijs.Certificate({
    version: 2,
    serialNumber: new asn1js.Integer({ valueHex: arrayBuffer(serial) }),
    signature: opts.issuer.key.signatureAlgorithm(),
    issuer: opts.issuer.name,
    notBefore: time(opts.notBefore),
    notAfter: time(opts.notAfter),
    subject: opts.subject,
    subjectPublicKeyInfo: opts.spki,
    extensions: [
      ...opts.extensions,
      extension(OID.subjectKeyIdentifier, new asn1js.OctetString({ valueHex: arrayBuffer(keyIdentifier) })),
      ...authorityKeyId,
      ...(opts.trailingExtensions ?? []),
    ],
    signatureAlgorithm: opts.issuer.key.signatureAlgorithm(),
  });
  certificate.tbsView = new Uint8Array(certificate.encodeTBS().toBER(false));
  certificate.signatureValue = new asn1js.BitString({ valueHex: arrayBuffer(opts.issuer.key.sign(certificate.tbsView)) });
  const der = new Uint8Array(certificate.toSchema().toBER(false));
  return { certificate: pkijs.Certificate.fromBER(arrayBuffer(der)), der, keyIdentifier };
}

function createAuthority(opts: {
  algorithm: TestPkiAlgorithm;
  commonName: string;
  issuer: Authority | 'self';
  years: number;
  pathLenConstraint?: number;
  cpsUrl: string;
}): Authority {
  const key = newTestKey(opts.algorithm);
  const subject = name([[OID.commonName, opts.commonName], [OID.country, 'KZ', 'printable']]);
  const now = Date.now();
  const basicConstraints = new asn1js.Sequence({
    value: [new asn1js.Boolean({ value: true }), ...(opts.pathLenConstraint === undefined ? [] : [new asn1js.Integer({ value: opts.pathLenConstraint })])],
  });
  const issued = certify({
    subject,
    spki: key.spki,
    issuer: opts.issuer === 'self' ? { name: subject, key } : { name: opts.issuer.certificate.subject, key: opts.issuer.key, keyIdentifier: opts.issuer.keyIdentifier },
    notBefore: new Date(now - DAY_MS),
    notAfter: new Date(now + opts.years * 365 * DAY_MS),
    extensions: [extension(OID.basicConstraints, basicConstraints, true), keyUsage([KEY_USAGE.keyCertSign, KEY_USAGE.cRLSign]), policy('1.2.398.3.3.2', opts.cpsUrl)],
  });
  return { key, ...issued };
}

function restoreAuthority(keyPem: string, certPem: string): Authority {
  const der = derOfPem(certPem);
  const certificate = pkijs.Certificate.fromBER(arrayBuffer(der));
  return { key: testKeyFromPem(keyPem), certificate, der, keyIdentifier: keyIdentifierOf(certificate.subjectPublicKeyInfo) };
}

/** Key usage, EKU, policy and file name per usage and key algorithm (eds.md §3.2–3.3, NCA's GOST 2015 test certificate). */
function leafProfile(usage: 'sign' | 'auth', keyAlgorithm: TestPkiAlgorithm) {
  if (usage === 'auth') {
    return {
      filePrefix: 'AUTH_RSA256_',
      keyUsage: [KEY_USAGE.digitalSignature, KEY_USAGE.keyEncipherment],
      extKeyUsage: [OID.clientAuth, OID.roleEmployee],
      policy: OID.policyLegalEntityAuth,
    };
  }
  return {
    filePrefix: keyAlgorithm === 'gost2015' ? 'GOST512_' : 'RSA256_',
    // NCA's GOST 2015 signing certificate adds keyEncipherment to digitalSignature + nonRepudiation.
    keyUsage: keyAlgorithm === 'gost2015' ? [KEY_USAGE.digitalSignature, KEY_USAGE.nonRepudiation, KEY_USAGE.keyEncipherment] : [KEY_USAGE.digitalSignature, KEY_USAGE.nonRepudiation],
    extKeyUsage: [OID.emailProtection, OID.roleEmployee],
    policy: OID.policyLegalEntitySign,
  };
}

/** A new hierarchy of `algorithm` (default RSA), or the one saved by exportState() (its algorithm is its keys'). */
export function createTestPki(init: TestPkiState | { algorithm?: TestPkiAlgorithm } = {}): TestPki {
  let root: Authority;
  let intermediate: Authority;
  let algorithm: TestPkiAlgorithm;
  if ('rootKeyPem' in init) {
    root = restoreAuthority(init.rootKeyPem, init.rootCertPem);
    intermediate = restoreAuthority(init.intermediateKeyPem, init.intermediateCertPem);
    algorithm = intermediate.key.algorithm;
  } else {
    algorithm = init.algorithm ?? 'rsa';
    const cpsUrl = `${TEST_PKI_PUBLICATION_BASE}/cps`;
    root = createAuthority({ algorithm, commonName: NAMES[algorithm].root, issuer: 'self', years: 20, cpsUrl });
    intermediate = createAuthority({ algorithm, commonName: NAMES[algorithm].intermediate, issuer: root, years: 10, pathLenConstraint: 0, cpsUrl });
  }
  const publication = publicationOf(algorithm);
  const rootCertPem = certificateToPem(root.der);
  const intermediateCertPem = certificateToPem(intermediate.der);
  const byIntermediate = { name: intermediate.certificate.subject, key: intermediate.key, keyIdentifier: intermediate.keyIdentifier };

  /** A service certificate (TSA, OCSP responder) of the CA's algorithm, five years long. */
  function issueService(commonName: string, extensions: pkijs.Extension[]) {
    const key = newTestKey(algorithm);
    const now = Date.now();
    const { der } = certify({
      subject: name([[OID.commonName, commonName], [OID.country, 'KZ', 'printable']]),
      spki: key.spki,
      issuer: byIntermediate,
      notBefore: new Date(now - DAY_MS),
      notAfter: new Date(now + 5 * 365 * DAY_MS),
      extensions,
    });
    return { certificatePem: certificateToPem(der), privateKeyPem: key.privateKeyPem };
  }

  return {
    algorithm,
    rootCertPem,
    intermediateCertPem,
    publication,
    exportState: () => ({ rootKeyPem: root.key.privateKeyPem, rootCertPem, intermediateKeyPem: intermediate.key.privateKeyPem, intermediateCertPem }),
    issueLeaf({ operator, usage, password, keyAlgorithm, notBefore, notAfter, misfit = {} }) {
      if (!isValidIin(operator.iin)) throw new Error(`test PKI: invalid IIN ${operator.iin}`);
      const leafAlgorithm = keyAlgorithm ?? (usage === 'auth' ? 'rsa' : algorithm);
      if (usage === 'auth' && leafAlgorithm !== 'rsa') throw new Error('test PKI: NCA issues authentication keys as RSA (AUTH_RSA256_)');
      const profile = leafProfile(usage, leafAlgorithm);
      const key = newTestKey(leafAlgorithm);
      const start = notBefore ?? new Date(Date.now() - 60_000);
      const subject = name(operatorSubject(operator, misfit.serialNumber));
      const issued = certify({
        subject,
        spki: key.spki,
        issuer: misfit.selfSigned ? { name: subject, key } : byIntermediate,
        notBefore: start,
        notAfter: notAfter ?? new Date(start.getTime() + 365 * DAY_MS),
        extensions: [
          keyUsage(profile.keyUsage),
          policy(profile.policy, `${TEST_PKI_PUBLICATION_BASE}/cps`),
          ...publicationExtensions(publication),
          extension(OID.extKeyUsage, oids(misfit.extKeyUsage ? purposesOf(misfit.extKeyUsage) : profile.extKeyUsage)),
        ],
        trailingExtensions: leafAlgorithm === 'gost2015' ? [extension(OID.ncaPrivate, oids([OID.ncaPrivateValue]))] : [],
      });
      // NCA's alias and file-name id are the lowercase hex SubjectKeyIdentifier (eds.md §3.3).
      const ski = hex(issued.keyIdentifier);
      return {
        fileName: `${profile.filePrefix}${ski}.p12`,
        p12Der: legacyPkcs12({
          privateKeyInfoDer: derOfPem(key.privateKeyPem),
          certificatesDer: misfit.selfSigned ? [issued.der] : [issued.der, intermediate.der],
          password,
          localKeyId: issued.keyIdentifier,
          friendlyName: ski,
        }),
        certificatePem: certificateToPem(issued.der),
        serialNumber: hex(new Uint8Array(issued.certificate.serialNumber.valueBlock.valueHexView)),
        keyAlgorithm: leafAlgorithm,
      };
    },
    issueTsaCertificate: () =>
      issueService('QABYL TEST TSA', [keyUsage([KEY_USAGE.digitalSignature, KEY_USAGE.nonRepudiation]), extension(OID.extKeyUsage, oids([OID.timeStamping]), true)]),
    issueOcspSignerCertificate: () =>
      issueService('QABYL TEST OCSP', [
        keyUsage([KEY_USAGE.digitalSignature, KEY_USAGE.nonRepudiation]),
        extension(OID.extKeyUsage, oids([OID.ocspSigning])),
        // RFC 6960 §4.2.2.2.1: clients need not check the responder's own revocation.
        extension(OID.ocspNoCheck, new asn1js.Null()),
      ]),
    issueCrl: (opts) => issueCrl(intermediate, publication, opts),
  };
}

/** PKI.js builds the CRL; the CA key signs its TBS synchronously, so the sandbox can serve a fresh CRL from a plain callback. */
function issueCrl(
  issuer: Authority,
  publication: TestPkiPublication,
  opts: { revokedSerials: readonly (string | RevokedEntry)[]; thisUpdate: Date; nextUpdate: Date; crlNumber?: number; deltaOf?: number },
): IssuedCrl {
  const time = (value: Date) => new pkijs.Time({ type: pkijs.TimeType.UTCTime, value });
  const authorityKeyId = new asn1js.Sequence({ value: [new asn1js.Primitive({ idBlock: { tagClass: 3, tagNumber: 0 }, valueHex: arrayBuffer(issuer.keyIdentifier) })] });
  const crl = new pkijs.CertificateRevocationList({
    version: 1,
    signature: issuer.key.signatureAlgorithm(),
    issuer: issuer.certificate.subject,
    thisUpdate: time(opts.thisUpdate),
    nextUpdate: time(opts.nextUpdate),
    signatureAlgorithm: issuer.key.signatureAlgorithm(),
    crlExtensions: new pkijs.Extensions({
      extensions: [
        extension(OID.crlNumber, new asn1js.Integer({ value: opts.crlNumber ?? 1 })),
        extension(OID.authorityKeyIdentifier, authorityKeyId),
        opts.deltaOf === undefined
          ? extension(OID.freshestCrl, distributionPoints(publication.deltaCrlUrl))
          : extension(OID.deltaCrlIndicator, new asn1js.Integer({ value: opts.deltaOf }), true),
      ],
    }),
  });
  // RFC 5280 §5.1.2.6: with nothing revoked the list is absent, not empty.
  if (opts.revokedSerials.length > 0) {
    crl.revokedCertificates = opts.revokedSerials.map((entry) => {
      const { serial, revokedAt } = typeof entry === 'string' ? { serial: entry, revokedAt: opts.thisUpdate } : entry;
      return new pkijs.RevokedCertificate({ userCertificate: new asn1js.Integer({ valueHex: arrayBuffer(Buffer.from(serial, 'hex')) }), revocationDate: time(revokedAt) });
    });
  }
  // With encodeFlag, toSchema encodes the TBS from the fields above (encodeTBS itself is protected).
  crl.tbsView = new Uint8Array(crl.toSchema(true).valueBlock.value[0]!.toBER());
  crl.signatureValue = new asn1js.BitString({ valueHex: arrayBuffer(issuer.key.sign(crl.tbsView)) });
  const der = new Uint8Array(crl.toSchema().toBER());
  return { der, pem: crlToPem(der) };
}

/**
 * A PKCS#12 file whose (shrouded) key is a GOST 34.310-2004 key as NCA issued them, and no certificate: this
 * workstation cannot sign with such a key, and the tests of that refusal need one.
 */
export function gostLikePkcs12(password: string): Uint8Array {
  const keyInfo = new asn1js.Sequence({
    value: [
      new asn1js.Integer({ value: 0 }),
      new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: OID.gost2004Key })] }),
      new asn1js.OctetString({ valueHex: arrayBuffer(new Uint8Array(randomBytes(32))) }),
    ],
  });
  return legacyPkcs12({ privateKeyInfoDer: new Uint8Array(keyInfo.toBER(false)), certificatesDer: [], password, localKeyId: new Uint8Array(randomBytes(20)), friendlyName: 'gost' });
}

/** Training material on disk: a fresh hierarchy plus the operator's sign and auth files, as NCA would hand them out. */
export async function writeTrainingKeys(
  dir: string,
  operator: TestOperator,
  password: string,
  algorithm: TestPkiAlgorithm = 'gost2015',
): Promise<{ rootCertPem: string; files: string[] }> {
  const testPki = createTestPki({ algorithm });
  await mkdir(dir, { recursive: true });
  const leaves = (['sign', 'auth'] as const).map((usage) => testPki.issueLeaf({ operator, usage, password }));
  const contents: [string, string | Uint8Array][] = [
    ...leaves.map((leaf): [string, Uint8Array] => [leaf.fileName, leaf.p12Der]),
    ['root.pem', testPki.rootCertPem],
    ['intermediate.pem', testPki.intermediateCertPem],
  ];
  const files = contents.map(([fileName]) => join(dir, fileName));
  await Promise.all(contents.map(([fileName, data]) => writeFile(join(dir, fileName), data)));
  return { rootCertPem: testPki.rootCertPem, files };
}
