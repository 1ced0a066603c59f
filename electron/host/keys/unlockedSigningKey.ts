/** The SigningKey of a key file just opened: RSA through Node's native crypto, GOST 2015 through shared/pki. */
import { createPrivateKey, sign } from 'node:crypto';
import { HostError } from '../../../shared/host/hostError';
import { digestFor, gost2015SigningKey, type SigningKey } from '../../../shared/pki/signingKey';
import type { UnlockedKey } from './pkcs12Container';

export function signingKeyOf(key: UnlockedKey, certificateDer: Uint8Array): SigningKey {
  if (key.algorithm === 'gost2015') return gost2015SigningKey(key.privateKey, certificateDer);
  if (key.algorithm === 'gost2004') throw new HostError('keys.gost2004NeedsNcaLayer');
  const privateKey = createPrivateKey(key.privateKeyPem);
  return {
    algorithm: 'rsa',
    certificateDer,
    digest: (data) => digestFor('rsa', data),
    sign: (data) => new Uint8Array(sign('sha256', data, privateKey)),
  };
}
