import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CatalogData } from '../../../shared/catalog/catalogSchema';
import { bundledCatalog } from '../../../shared/catalog/catalog';
import { createCatalogIssuer, signCatalogUpdate, type CatalogIssuer } from '../../../sandbox/pki/catalogIssuer';
import { createTestPki, type TestPki } from '../../../sandbox/pki/testPki';
import { createCatalogStore } from './catalogStore';

let pki: TestPki;
let issuer: CatalogIssuer;

beforeAll(() => {
  pki = createTestPki();
  issuer = createCatalogIssuer(pki);
});

const newer = (version: string): CatalogData => ({ ...bundledCatalog, version });
const pack = (catalog: CatalogData | string) => signCatalogUpdate(issuer, catalog);
const bytes = (value: unknown) => new TextEncoder().encode(typeof value === 'string' ? value : JSON.stringify(value));

async function freshStore() {
  const folder = await mkdtemp(join(tmpdir(), 'qabyl-catalogs-'));
  return { folder, store: createCatalogStore({ folder, bundled: bundledCatalog, trustedRootsPem: [pki.rootCertPem] }) };
}

describe('catalogStore', () => {
  it('serves the bundled catalog until a newer signed one is imported, and keeps both', async () => {
    const { store } = await freshStore();
    expect((await store.current()).version).toBe(bundledCatalog.version);
    const imported = await store.importPackage(bytes(pack(newer('2099.1.0'))), new Date());
    expect(imported.version).toBe('2099.1.0');
    expect((await store.current()).version).toBe('2099.1.0');
    expect((await store.get(bundledCatalog.version)).version).toBe(bundledCatalog.version);
  });

  it('refuses an update whose payload was altered after signing', async () => {
    const { store } = await freshStore();
    const tampered = { ...pack(newer('2099.1.0')), payload: JSON.stringify(newer('2099.2.0')) };
    await expect(store.importPackage(bytes(tampered), new Date())).rejects.toMatchObject({ code: 'catalog.badSignature' });
  });

  it('refuses an update signed under a CA the workstation does not trust', async () => {
    const { store } = await freshStore();
    const foreign = signCatalogUpdate(createCatalogIssuer(createTestPki()), newer('2099.1.0'));
    await expect(store.importPackage(bytes(foreign), new Date())).rejects.toMatchObject({ code: 'catalog.untrustedSigner' });
  });

  it("accepts a signer under a GOST 2015 CA, as training's, and refuses that CA's package altered or under another GOST CA", async () => {
    const gost = createTestPki({ algorithm: 'gost2015' });
    const folder = await mkdtemp(join(tmpdir(), 'qabyl-catalogs-'));
    const store = createCatalogStore({ folder, bundled: bundledCatalog, trustedRootsPem: [gost.rootCertPem] });
    const update = signCatalogUpdate(createCatalogIssuer(gost), newer('2099.1.0'));
    expect((await store.importPackage(bytes(update), new Date())).version).toBe('2099.1.0');
    const altered = { ...update, payload: JSON.stringify(newer('2099.2.0')) };
    await expect(store.importPackage(bytes(altered), new Date())).rejects.toMatchObject({ code: 'catalog.badSignature' });
    const foreign = signCatalogUpdate(createCatalogIssuer(createTestPki({ algorithm: 'gost2015' })), newer('2099.3.0'));
    await expect(store.importPackage(bytes(foreign), new Date())).rejects.toMatchObject({ code: 'catalog.untrustedSigner' });
  });

  it('refuses garbage, a catalog that breaks the schema, and a version that is not newer', async () => {
    const { store } = await freshStore();
    await expect(store.importPackage(bytes('not json at all'), new Date())).rejects.toMatchObject({ code: 'catalog.badPackage' });
    await expect(store.importPackage(bytes(pack('{"version":"2099.1.0","services":[]}')), new Date())).rejects.toMatchObject({ code: 'catalog.invalid' });
    await expect(store.importPackage(bytes(pack(newer(bundledCatalog.version))), new Date())).rejects.toMatchObject({ code: 'catalog.notNewer' });
  });

  it('refuses to serve a stored update that was edited on disk', async () => {
    const { folder, store } = await freshStore();
    await store.importPackage(bytes(pack(newer('2099.1.0'))), new Date());
    const [file] = await readdir(folder);
    const stored = JSON.parse(await readFile(join(folder, file!), 'utf8')) as { importedAt: string; package: string };
    const edited = JSON.parse(stored.package) as { payload: string };
    edited.payload = edited.payload.replace('2099.1.0', '2099.1.1');
    await writeFile(join(folder, file!), JSON.stringify({ ...stored, package: JSON.stringify(edited) }));
    await expect(store.get('2099.1.0')).rejects.toMatchObject({ code: 'catalog.badSignature' });
  });

  it('names a version it has never seen', async () => {
    const { store } = await freshStore();
    await expect(store.get('1999.1.0')).rejects.toMatchObject({ code: 'catalog.unknownVersion' });
  });
});
