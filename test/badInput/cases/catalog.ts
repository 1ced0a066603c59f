/** Catalog update files an administrator loads (catalog.import: the package, its signature, its content, its version). */
import { bundledCatalog } from '../../../shared/catalog/catalog';
import type { CatalogData } from '../../../shared/catalog/catalogSchema';
import { createCatalogIssuer, signCatalogUpdate, type CatalogIssuer } from '../../../sandbox/pki/catalogIssuer';
import { createTestPki } from '../../../sandbox/pki/testPki';
import { outcomeOf, type BadInputCase } from '../corpus';
import type { Workstation } from '../workstation';

const issuers = new WeakMap<Workstation, CatalogIssuer>();
const issuerOf = (workstation: Workstation) => {
  if (!issuers.has(workstation)) issuers.set(workstation, createCatalogIssuer(workstation.pki));
  return issuers.get(workstation)!;
};

/** Each good import must be newer than the last one. */
let minor = 0;
const nextVersion = () => `2099.${++minor}.0`;
const newer = (): CatalogData => ({ ...bundledCatalog, version: nextVersion() });
const base64 = (content: unknown) => Buffer.from(typeof content === 'string' ? content : JSON.stringify(content)).toString('base64');

const importing = (workstation: Workstation, content: unknown) => workstation.client.call('catalog.import', { contentBase64: base64(content) });

async function catalogStillWorks(workstation: Workstation): Promise<void> {
  const catalog = newer();
  const imported = await importing(workstation, signCatalogUpdate(issuerOf(workstation), catalog));
  if (imported.version !== catalog.version) throw new Error(`imported ${imported.version}, expected ${catalog.version}`);
}

function catalogFile(id: string, description: string, content: (workstation: Workstation) => unknown, expected: string): BadInputCase<Workstation> {
  return { id, area: 'catalog', description, expected, stillWorks: catalogStillWorks, run: (workstation) => outcomeOf(importing(workstation, content(workstation))) };
}

export const catalogCases: BadInputCase<Workstation>[] = [
  catalogFile('catalog-empty', 'an empty file', () => '', 'errors.catalog.badPackage'),
  catalogFile('catalog-not-json', 'a file that is not JSON (a Word document’s first bytes)', () => 'PK\u0003\u0004\u0014\u0000\u0006\u0000word/document.xml', 'errors.catalog.badPackage'),
  catalogFile('catalog-wrong-format', 'a package of a format version this program does not know', (workstation) => ({ ...signCatalogUpdate(issuerOf(workstation), newer()), format: 'qabyl-catalog/9' }), 'errors.catalog.badPackage'),
  catalogFile('catalog-altered', 'a payload altered after signing', (workstation) => ({ ...signCatalogUpdate(issuerOf(workstation), newer()), payload: JSON.stringify(newer()) }), 'errors.catalog.badSignature'),
  catalogFile('catalog-untrusted', 'an update signed under a CA the workstation does not trust', () => signCatalogUpdate(createCatalogIssuer(createTestPki()), newer()), 'errors.catalog.untrustedSigner'),
  catalogFile('catalog-invalid', 'a signed catalog that breaks the schema (no services, bad version)', (workstation) => signCatalogUpdate(issuerOf(workstation), '{"version":"next","services":[]}'), 'errors.catalog.invalid'),
  catalogFile('catalog-unknown-keys', 'a signed catalog whose services carry keys the schema does not have', (workstation) => signCatalogUpdate(issuerOf(workstation), JSON.stringify({ ...newer(), services: 'all of them', extra: true })), 'errors.catalog.invalid'),
  catalogFile('catalog-not-newer', 'a signed catalog of the version already in use', (workstation) => signCatalogUpdate(issuerOf(workstation), { ...bundledCatalog }), 'errors.catalog.notNewer'),
];
