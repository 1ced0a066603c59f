/**
 * A PKCS#12 key file in NCA's legacy layout, measured on its GOST 2015 test file (eds.md §0): the PrivateKeyInfo in a
 * pkcs8ShroudedKeyBag under pbeWithSHAAnd3-KeyTripleDES-CBC, the certificates in an EncryptedData under
 * pbeWithSHAAnd40BitRC2-CBC, an HMAC-SHA1 MAC, 1024 iterations and 20-byte salts throughout, the key's and its
 * certificate's bags marked with localKeyID (the SubjectKeyIdentifier) and friendlyName (its lowercase hex, the alias
 * Kalkan asks for). node-forge has the PKCS#12 PBEs; its own builder writes only RSA keys and plain certificate bags,
 * so the bags are put together here around any PrivateKeyInfo.
 */
import forge from 'node-forge';

const { asn1, pki, pkcs12, util } = forge;
const { Class, Type } = asn1;

const ITERATIONS = 1024;
const SALT_BYTES = 20;
const OID = {
  data: '1.2.840.113549.1.7.1',
  encryptedData: '1.2.840.113549.1.7.6',
  pbeWithSha3Des: '1.2.840.113549.1.12.1.3',
  pbeWithSha40BitRc2: '1.2.840.113549.1.12.1.6',
  x509Certificate: '1.2.840.113549.1.9.22.1',
  localKeyId: '1.2.840.113549.1.9.21',
  friendlyName: '1.2.840.113549.1.9.20',
} as const;

type Node = forge.asn1.Asn1;
const seq = (value: Node[]) => asn1.create(Class.UNIVERSAL, Type.SEQUENCE, true, value);
const set = (value: Node[]) => asn1.create(Class.UNIVERSAL, Type.SET, true, value);
const oid = (value: string) => asn1.create(Class.UNIVERSAL, Type.OID, false, asn1.oidToDer(value).getBytes());
const octets = (bytes: string) => asn1.create(Class.UNIVERSAL, Type.OCTETSTRING, false, bytes);
const integer = (value: number) => asn1.create(Class.UNIVERSAL, Type.INTEGER, false, asn1.integerToDer(value).getBytes());
const explicit0 = (value: Node[]) => asn1.create(Class.CONTEXT_SPECIFIC, 0, true, value);
const binary = (bytes: Uint8Array) => Buffer.from(bytes).toString('binary');
const der = (node: Node) => asn1.toDer(node).getBytes();

/** forge writes a BMPSTRING's text as UTF-16 big-endian itself. */
const bmp = (text: string) => asn1.create(Class.UNIVERSAL, Type.BMPSTRING, false, text);

function bagAttributes(localKeyId: Uint8Array, friendlyName: string): Node {
  return set([seq([oid(OID.localKeyId), set([octets(binary(localKeyId))])]), seq([oid(OID.friendlyName), set([bmp(friendlyName)])])]);
}

/** pbeWithSHAAnd40BitRC2-CBC (PKCS#12 appendix B KDF): forge only decrypts it, this is the encrypting half. */
function encryptRc2(content: string, password: string): { algorithm: Node; encrypted: string } {
  const salt = forge.random.getBytesSync(SALT_BYTES);
  const key = pkcs12.generateKey(password, util.createBuffer(salt), 1, ITERATIONS, 5);
  const iv = pkcs12.generateKey(password, util.createBuffer(salt), 2, ITERATIONS, 8);
  const cipher = forge.rc2.createEncryptionCipher(key, 40);
  cipher.start(iv);
  cipher.update(util.createBuffer(content));
  cipher.finish();
  return { algorithm: seq([oid(OID.pbeWithSha40BitRc2), seq([octets(salt), integer(ITERATIONS)])]), encrypted: cipher.output.getBytes() };
}

export function legacyPkcs12(options: {
  privateKeyInfoDer: Uint8Array;
  /** The key's own certificate first; the others (its issuers) follow without bag attributes. */
  certificatesDer: readonly Uint8Array[];
  password: string;
  localKeyId: Uint8Array;
  friendlyName: string;
}): Uint8Array {
  const { password } = options;
  const attributes = () => bagAttributes(options.localKeyId, options.friendlyName);
  const shrouded = pki.encryptPrivateKeyInfo(asn1.fromDer(binary(options.privateKeyInfoDer)), password, {
    algorithm: '3des',
    count: ITERATIONS,
    saltSize: SALT_BYTES,
  });
  const keyBag = seq([oid(pki.oids.pkcs8ShroudedKeyBag!), explicit0([shrouded]), attributes()]);
  const certBags = options.certificatesDer.map((certificate, index) =>
    seq([
      oid(pki.oids.certBag!),
      explicit0([seq([oid(OID.x509Certificate), explicit0([octets(binary(certificate))])])]),
      ...(index === 0 ? [attributes()] : []),
    ]),
  );
  const certs = encryptRc2(der(seq(certBags)), password);
  const encryptedData = seq([
    integer(0),
    seq([oid(OID.data), certs.algorithm, asn1.create(Class.CONTEXT_SPECIFIC, 0, false, certs.encrypted)]),
  ]);
  const authenticatedSafe = der(
    seq([
      seq([oid(OID.data), explicit0([octets(der(seq([keyBag])))])]),
      seq([oid(OID.encryptedData), explicit0([encryptedData])]),
    ]),
  );
  const macSalt = forge.random.getBytesSync(SALT_BYTES);
  const hmac = forge.hmac.create();
  hmac.start(forge.md.sha1.create(), pkcs12.generateKey(password, util.createBuffer(macSalt), 3, ITERATIONS, 20));
  hmac.update(authenticatedSafe);
  const macData = seq([
    seq([seq([oid(pki.oids.sha1!), asn1.create(Class.UNIVERSAL, Type.NULL, false, '')]), octets(hmac.digest().getBytes())]),
    octets(macSalt),
    integer(ITERATIONS),
  ]);
  const pfx = seq([integer(3), seq([oid(OID.data), explicit0([octets(authenticatedSafe)])]), macData]);
  return new Uint8Array(Buffer.from(der(pfx), 'binary'));
}
