/**
 * The administrator's settings through the real UI: edit and save, a rollout file with a mistake refused
 * with its reason and nothing changed, a good one applied, and a mode switch announced as needing a restart.
 */
import { expect, test } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { OPERATOR, setUpOrLogIn, useTrainingSetup } from '../support/operator';

const training = useTrainingSetup();
const asFile = (name: string, content: unknown) => ({ name, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(content)) });

test('an administrator edits settings and rolls them out from a file', async ({ page }) => {
  await setUpOrLogIn(page, training().workstation.launchUrl);
  await page.locator('#open-settings').click();
  const message = page.getByTestId('settings-message');

  await page.locator('#settings-officeName').fill('Алматы, №7 ХҚКО');
  await page.locator('#settings-save').click();
  await expect(message).toHaveText('Баптаулар сақталды');

  await page.locator('#settings-file').setInputFiles(asFile('bad.json', { retentionDays: 30, retentonDays: 5 }));
  await expect(message).toHaveText('Баптаулар қате, ештеңе өзгертілмеді');
  await expect(page.locator('#settings-retentionDays')).toHaveValue('90');

  await page.locator('#settings-file').setInputFiles(asFile('rollout.json', { office: { code: 'ALM-07' }, retentionDays: 30, language: 'ru' }));
  await expect(message).toHaveText('Баптаулар сақталды');
  await expect(page.locator('#settings-officeCode')).toHaveValue('ALM-07');
  await expect(page.locator('#settings-retentionDays')).toHaveValue('30');
  // No operator has picked a language on this machine yet, so the workstation's new default applies at once.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Настройки');

  // Production trusts no plain-HTTP gateway: refused with the reason, and what was typed stays to be fixed.
  await page.locator('#settings-trainingMode').uncheck();
  await page.locator('#settings-gatewayUrl').fill('http://127.0.0.1:4010');
  await page.locator('#settings-gatewayPin').fill('not a certificate');
  await page.locator('#settings-save').click();
  await expect(message).toHaveText('Адрес шлюза должен начинаться с https://: в боевом режиме данные не передаются по открытому HTTP');
  await expect(page.locator('#settings-gatewayUrl')).toHaveValue('http://127.0.0.1:4010');
  await page.locator('#settings-gatewayUrl').fill('https://127.0.0.1:1');
  await page.locator('#settings-save').click();
  await expect(message).toHaveText('Это не сертификат (нужен текст PEM, начинающийся с -----BEGIN CERTIFICATE-----)');
  // No gateway yet is allowed: a production workstation's setup asks for it.
  await page.locator('#settings-gatewayUrl').fill('');
  await page.locator('#settings-gatewayPin').fill('');
  await page.locator('#settings-save').click();
  await expect(message).toContainText('после перезапуска');
  // Put training back, so this workstation keeps running against the sandbox after any restart.
  await page.locator('#settings-trainingMode').check();
  await page.locator('#settings-save').click();

  // The help desk's bundle: versions and counts, and no operator's IIN anywhere in it.
  const [diagnostics] = await Promise.all([page.waitForEvent('download'), page.locator('#diagnostics-export').click()]);
  const bundle = await readFile((await diagnostics.path())!, 'utf8');
  expect(JSON.parse(bundle)).toMatchObject({ format: 'qabyl-diagnostics/1', catalogVersion: expect.any(String) });
  expect(bundle).not.toContain(OPERATOR.iin);

  // The unsent queue leaves as one file (empty here: nothing is waiting).
  const [queue] = await Promise.all([page.waitForEvent('download'), page.locator('#queue-export').click()]);
  expect(JSON.parse(await readFile((await queue.path())!, 'utf8'))).toMatchObject({ format: 'qabyl-queue/1', items: [] });

  // The new office code numbers the next request at once.
  await page.getByRole('button', { name: 'К списку' }).click();
  await page.keyboard.press('Alt+n');
  await page.keyboard.type('ескерткіш');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('ALM-07-');
});
