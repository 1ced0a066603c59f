/**
 * The administrator loads a signed catalog update through the real UI; a file altered after signing, or
 * one that is not a catalog at all, is refused with a message in the operator's language.
 */
import { expect, test } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { bundledCatalog } from '../../shared/catalog/catalog';
import { createCatalogIssuer, signCatalogUpdate } from '../../sandbox/pki/catalogIssuer';
import { createTestPki, type TestPkiState } from '../../sandbox/pki/testPki';
import { setUpOrLogIn, useTrainingSetup } from '../support/operator';

const training = useTrainingSetup();

const asFile = (name: string, content: unknown) => ({ name, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(content)) });

test('an administrator loads a signed catalog update; altered or foreign files are refused', async ({ page }) => {
  // The training CA of this workstation stands in for the issuing office's.
  const pki = createTestPki(JSON.parse(await readFile(join(training().dataDir, 'training', 'training-ca.json'), 'utf8')) as TestPkiState);
  const issuer = createCatalogIssuer(pki);
  const update = signCatalogUpdate(issuer, { ...bundledCatalog, version: '2099.1.0' });

  await setUpOrLogIn(page, training().workstation.launchUrl);
  await page.locator('#open-catalog').click();
  await expect(page.getByTestId('catalog-version')).toContainText(bundledCatalog.version);

  const tampered = { ...update, payload: update.payload.replace('2099.1.0', '2099.9.0') };
  await page.locator('#catalog-file').setInputFiles(asFile('tampered.json', tampered));
  await expect(page.getByRole('alert')).toHaveText('Каталог жаңартуының қолтаңбасы жарамсыз: файл өзгертілген');

  await page.locator('#catalog-file').setInputFiles(asFile('notes.json', { hello: 'world' }));
  await expect(page.getByRole('alert')).toHaveText('Файл қызметтер каталогының жаңартуы емес');

  await page.locator('#catalog-file').setInputFiles(asFile('update.json', update));
  await expect(page.getByRole('alert')).toHaveText('2099.1.0 нұсқасы жүктелді');
  await expect(page.getByTestId('catalog-version')).toContainText('2099.1.0');

  // New requests are taken under the new version, and it survives a restart of the page.
  await page.reload();
  await setUpOrLogIn(page, training().workstation.launchUrl);
  await page.locator('#open-catalog').click();
  await expect(page.getByTestId('catalog-version')).toContainText('2099.1.0');
});
