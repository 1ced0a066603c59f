/** The operator's choice of key spans both back-ends: PKCS#12 files in the key folder and NCALayer. */
import { HostError } from '../../../shared/host/hostError';
import type { KeyStore } from './keyStore';

export function combineKeyStores(stores: KeyStore[]): KeyStore {
  const owners = new Map<string, KeyStore>();
  return {
    async list() {
      const listed = await Promise.all(stores.map(async (store) => ({ store, keys: await store.list() })));
      owners.clear();
      for (const { store, keys } of listed) for (const key of keys) owners.set(key.id, store);
      return listed.flatMap(({ keys }) => keys);
    },
    async signPackage(keyId, password, xml, policy, attachments) {
      if (!owners.has(keyId)) await this.list();
      const owner = owners.get(keyId);
      if (!owner) throw new HostError('keys.notFound');
      return owner.signPackage(keyId, password, xml, policy, attachments);
    },
  };
}
