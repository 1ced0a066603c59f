import { webcrypto } from 'node:crypto';
import * as pkijs from 'pkijs';
import { describe, expect, it } from 'vitest';
import { flipped, material, ncaAnchorsDer } from '../../sandbox/pki/ncaMaterial.testkit';
import { precomputedDigests } from './cmsSignerInfo';
import { ALGORITHM_OID } from './signatureAlgorithms';
import { verifyTimeStampToken } from './timestamps';

const crypto = webcrypto as unknown as Crypto;
const anchors = ncaAnchorsDer().map((der) => pkijs.Certificate.fromBER(new Uint8Array(der)));
const token = material('tsp/tsp_token.bin');
/** The SHA-1 imprint NCA's test TSA stamped (what NCANode's test asked it to stamp). */
const stamped = precomputedDigests({ [ALGORITHM_OID.sha1]: Buffer.from('1465dad126d32bf7aa5d3b95a5c7c331cdff34df', 'hex') });
const verify = (bytes: Uint8Array, options: Partial<Parameters<typeof verifyTimeStampToken>[1]> = {}) => verifyTimeStampToken(bytes, { imprinted: stamped, anchors, crypto, ...options });

describe("NCA test TSA's token (GOST 34.310-2004, ESS signing-certificate v1)", () => {
  it('verifies: the TSA certificate chains to the GOST TEST intermediate and was good at the token time', async () => {
    expect(await verify(token)).toMatchObject({
      ok: true,
      time: new Date('2022-09-18T13:20:14Z'),
      tsaName: 'СЕРВИС МЕТКИ ВРЕМЕНИ',
      policy: '1.2.398.3.3.2.6.1',
      tsa: { keyAlgorithm: 'gost2004', extendedKeyUsages: ['1.3.6.1.5.5.7.3.8'] },
    });
  });

  it('the same token read from the full TSA answer', async () => {
    const response = pkijs.TimeStampResp.fromBER(material('tsp/tsp_response.bin'));
    expect(await verifyTimeStampToken(response.timeStampToken!, { imprinted: stamped, anchors, crypto })).toMatchObject({ ok: true });
  });

  it('refuses another imprint, a changed TSTInfo, a changed signature, and a TSA outside the anchors', async () => {
    expect(await verify(token, { imprinted: precomputedDigests({ [ALGORITHM_OID.sha1]: new Uint8Array(20) }) })).toMatchObject({ ok: false, problem: 'timestamp', reason: 'timestamp: it is for another signature' });
    const genTime = Buffer.from(token).indexOf('20220918132014Z');
    expect(await verify(flipped(token, genTime + 13))).toMatchObject({ ok: false, problem: 'timestamp', reason: 'timestamp: the file is not the one that was signed' });
    expect(await verify(flipped(token, token.length - 2))).toMatchObject({ ok: false, reason: 'timestamp: signature does not verify' });
    const rsaOnly = anchors.filter((anchor) => anchor.subjectPublicKeyInfo.algorithm.algorithmId === ALGORITHM_OID.rsaEncryption);
    expect(await verify(token, { anchors: rsaOnly })).toMatchObject({ ok: false, reason: 'timestamp: authority signer certificate is not issued by a trusted CA' });
  });
});
