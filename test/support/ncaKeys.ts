/** NCA's test key files opened as the host opens them, for tests that sign with real NCA keys. */
import { openKeyFile } from '../../electron/host/keys/pkcs12Container';
import { signingKeyOf } from '../../electron/host/keys/unlockedSigningKey';
import type { SigningKey } from '../../shared/pki/signingKey';
import { material, ncaKeyPassword } from '../../sandbox/pki/ncaMaterial.testkit';

export function ncaSigningKey(path: string): SigningKey {
  const opened = openKeyFile(Buffer.from(material(path)), ncaKeyPassword(path));
  return signingKeyOf(opened.key, opened.certificateDer);
}
