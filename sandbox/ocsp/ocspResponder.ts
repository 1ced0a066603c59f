/**
 * The test CA's OCSP responder (RFC 6960), standing in for NCA's http://test.pki.gov.kz/ocsp/: answers for the
 * intermediate's certificates from the same revocation register the CRLs come from, signed by a delegated responder
 * certificate (EKU OCSPSigning) of the CA's algorithm, so GOST hierarchies get GOST-signed answers. PKI.js builds the
 * structures; the responder key signs the ResponseData bytes itself (WebCrypto knows no GOST).
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { digestByOid } from '../../shared/pki/signatureAlgorithms';
import { testKeyFromPem } from '../pki/testKeys';

export interface OcspResponder {
  respond(requestDer: Uint8Array): Promise<Uint8Array>;
}

const OID = {
  basicResponse: '1.3.6.1.5.5.7.48.1.1',
  nonce: '1.3.6.1.5.5.7.48.1.2',
} as const;

/** OCSPResponseStatus (RFC 6960 §4.2.1). */
const STATUS = { successful: 0, malformedRequest: 1, internalError: 2 } as const;

const arrayBuffer = (bytes: Uint8Array) => new Uint8Array(bytes).buffer as ArrayBuffer;
const derOfPem = (pem: string) => new Uint8Array(Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ''), 'base64'));
const sameBytes = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((value, i) => value === b[i]);
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

/** GeneralizedTime with fractions is allowed but not what CAs send. */
const wholeSeconds = (date: Date) => new Date(Math.floor(date.getTime() / 1000) * 1000);

const statusOnly = (status: number) => new Uint8Array(new pkijs.OCSPResponse({ responseStatus: new asn1js.Enumerated({ value: status }) }).toSchema().toBER(false));

export function createOcspResponder(options: {
  /** The CA whose certificates this responder speaks for. */
  issuerCertificatePem: string;
  /** The responder's certificate (issued by that CA, EKU OCSPSigning) and key. */
  responder: { certificatePem: string; privateKeyPem: string };
  revokedAt(serialHex: string): Date | null;
  /** nextUpdate − thisUpdate of each answer. Default ten minutes. */
  validityMs?: number;
  now?: () => Date;
}): OcspResponder {
  const issuer = pkijs.Certificate.fromBER(derOfPem(options.issuerCertificatePem));
  const responderCertificate = pkijs.Certificate.fromBER(derOfPem(options.responder.certificatePem));
  const key = testKeyFromPem(options.responder.privateKeyPem);
  const validityMs = options.validityMs ?? 10 * 60_000;
  const now = options.now ?? (() => new Date());
  const issuerName = new Uint8Array(issuer.subject.toSchema().toBER(false));
  const issuerKey = new Uint8Array(issuer.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView);
  const crypto = globalThis.crypto;

  /** Whether a CertID names our issuer, under whichever hash the client chose (SHA-1, SHA-256, Streebog…). */
  async function isOurs(certId: pkijs.CertID): Promise<boolean> {
    const oid = certId.hashAlgorithm.algorithmId;
    const [nameHash, keyHash] = await Promise.all([digestByOid(oid, issuerName, crypto), digestByOid(oid, issuerKey, crypto)]);
    return (
      sameBytes(new Uint8Array(certId.issuerNameHash.valueBlock.valueHexView), nameHash) && sameBytes(new Uint8Array(certId.issuerKeyHash.valueBlock.valueHexView), keyHash)
    );
  }

  function certStatus(revokedAt: Date | null, ours: boolean): asn1js.BaseBlock {
    // good [0] IMPLICIT NULL, revoked [1] { revocationTime }, unknown [2] IMPLICIT NULL.
    if (!ours) return new asn1js.Primitive({ idBlock: { tagClass: 3, tagNumber: 2 } });
    if (!revokedAt) return new asn1js.Primitive({ idBlock: { tagClass: 3, tagNumber: 0 } });
    return new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 1 }, value: [new asn1js.GeneralizedTime({ valueDate: wholeSeconds(revokedAt) })] });
  }

  return {
    async respond(requestDer) {
      let request: pkijs.OCSPRequest;
      try {
        request = pkijs.OCSPRequest.fromBER(arrayBuffer(requestDer));
      } catch {
        return statusOnly(STATUS.malformedRequest);
      }
      const requests = request.tbsRequest.requestList;
      if (requests.length === 0) return statusOnly(STATUS.malformedRequest);
      const at = now();
      const thisUpdate = wholeSeconds(at);
      const responses = await Promise.all(
        requests.map(async ({ reqCert }) => {
          const ours = await isOurs(reqCert);
          const serial = hex(new Uint8Array(reqCert.serialNumber.valueBlock.valueHexView));
          return new pkijs.SingleResponse({
            certID: reqCert,
            certStatus: certStatus(ours ? options.revokedAt(serial) : null, ours),
            thisUpdate,
            nextUpdate: new Date(thisUpdate.getTime() + validityMs),
          });
        }),
      );
      const nonce = request.tbsRequest.requestExtensions?.find((extension) => extension.extnID === OID.nonce);
      const responderKeyHash = await digestByOid('1.3.14.3.2.26', new Uint8Array(responderCertificate.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView), crypto);
      const tbs = new pkijs.ResponseData({
        // byKey: the SHA-1 of the responder's public key (RFC 6960 §4.2.1).
        responderID: new asn1js.OctetString({ valueHex: arrayBuffer(responderKeyHash) }),
        producedAt: thisUpdate,
        responses,
        ...(nonce ? { responseExtensions: [nonce] } : {}),
      });
      tbs.tbsView = new Uint8Array(tbs.toSchema(true).toBER(false));
      const basic = new pkijs.BasicOCSPResponse({
        tbsResponseData: tbs,
        signatureAlgorithm: key.signatureAlgorithm(),
        signature: new asn1js.BitString({ valueHex: arrayBuffer(key.sign(tbs.tbsView)) }),
        certs: [responderCertificate],
      });
      const response = new pkijs.OCSPResponse({
        responseStatus: new asn1js.Enumerated({ value: STATUS.successful }),
        responseBytes: new pkijs.ResponseBytes({ responseType: OID.basicResponse, response: new asn1js.OctetString({ valueHex: basic.toSchema().toBER(false) }) }),
      });
      return new Uint8Array(response.toSchema().toBER(false));
    },
  };
}
