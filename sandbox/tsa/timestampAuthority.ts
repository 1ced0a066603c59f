/**
 * The sandbox's RFC 3161 time-stamping authority, standing in for NCA's TSP service: it stamps the hash of a
 * signature so that requests signed offline gain trusted time when they are sent.
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { signerInfoBy, standardSignedAttributes } from '../../shared/pki/detachedCms';
import { testSigningKey } from '../pki/testKeys';
import { derOfPem } from '../pki/webCryptoSigner';

/** A policy OID under NCA's TSA branch (1.2.398.3.3.2.6), reserved here for the test TSA only. */
export const TEST_TSA_POLICY = '1.2.398.3.3.2.6.999';
const OID_TST_INFO = '1.2.840.113549.1.9.16.1.4';
const OID_SIGNED_DATA = '1.2.840.113549.1.7.2';

export interface TimestampAuthority {
  respond(timeStampReqDer: Uint8Array): Promise<Uint8Array>;
}

/** A copy as a plain ArrayBuffer (a Node Buffer's .slice() shares its pool, so never that). */
const buffer = (bytes: Uint8Array) => new Uint8Array(bytes).buffer as ArrayBuffer;

function rejection(text: string): Uint8Array {
  const response = new pkijs.TimeStampResp({ status: new pkijs.PKIStatusInfo({ status: pkijs.PKIStatus.rejection, statusStrings: [new asn1js.Utf8String({ value: text })] }) });
  return new Uint8Array(response.toSchema().toBER(false));
}

export async function createTimestampAuthority(options: { certificatePem: string; privateKeyPem: string; now?: () => Date }): Promise<TimestampAuthority> {
  const certificateDer = derOfPem(options.certificatePem);
  const certificate = pkijs.Certificate.fromBER(buffer(certificateDer));
  // RSA or GOST 2015, whichever the test PKI issued: the token is signed with the key's own hash and algorithm.
  const key = testSigningKey(options.privateKeyPem, certificateDer);
  const now = options.now ?? (() => new Date());
  let serial = Date.now();

  return {
    async respond(requestDer) {
      let request: pkijs.TimeStampReq;
      try {
        request = pkijs.TimeStampReq.fromBER(buffer(requestDer));
      } catch {
        return rejection('malformed TimeStampReq');
      }
      serial += 1;
      const tstInfo = new pkijs.TSTInfo({
        version: 1,
        policy: TEST_TSA_POLICY,
        messageImprint: request.messageImprint,
        serialNumber: new asn1js.Integer({ value: serial }),
        genTime: now(),
        accuracy: new pkijs.Accuracy({ seconds: 1 }),
        ordering: false,
        ...(request.nonce ? { nonce: request.nonce } : {}),
      });
      const tstDer = new Uint8Array(tstInfo.toSchema().toBER(false));
      // RFC 3161/5816: the token's signed attributes name the TSA certificate (ESS signing-certificate-v2).
      const signerInfo = signerInfoBy(key, standardSignedAttributes({ contentType: OID_TST_INFO, contentDigest: key.digest(tstDer), signerCertificateDer: certificateDer }));
      const signedData = new pkijs.SignedData({
        version: 3,
        digestAlgorithms: [signerInfo.digestAlgorithm],
        encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: OID_TST_INFO, eContent: new asn1js.OctetString({ valueHex: buffer(tstDer) }) }),
        signerInfos: [signerInfo],
        certificates: request.certReq ? [certificate] : [],
      });
      const token = new pkijs.ContentInfo({ contentType: OID_SIGNED_DATA, content: signedData.toSchema(true) });
      const response = new pkijs.TimeStampResp({ status: new pkijs.PKIStatusInfo({ status: pkijs.PKIStatus.granted }), timeStampToken: token });
      return new Uint8Array(response.toSchema().toBER(false));
    },
  };
}
