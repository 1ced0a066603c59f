/**
 * Personal data at rest in the real Chromium against the real host's keys: without the keys the app says why and
 * waits; with them, a request typed through the UI leaves no
 * IIN or name in the browser's IndexedDB, yet the list finds it by both; and the retention sweep after login removes
 * the scans of a request handed over long ago, the request page saying so.
 */
import { expect, test, type Page } from '@playwright/test';
import { withCheckDigit } from '../../shared/identity/iin';
import { newOutboxEntry, type OutboxEntry } from '../../shared/sync/outbox';
import { individualByIin } from '../../sandbox/registries/syntheticRegistries';
import { iinKeyOf } from '../../renderer/src/db/searchKeys';
import { openServiceForm } from '../support/keyboard';
import { setUpOrLogIn, useTrainingSetup } from '../support/operator';
import { seedRequests, seedTable, syntheticRequests, workstationCipher } from '../support/requestSeed';
import { readTables } from '../support/workstationData';

const training = useTrainingSetup();
const applicant = individualByIin(withCheckDigit('85051530007')!)!;
const DAY = 86_400_000;

/** The raw tables as text, every byte array read as UTF-8 too, so plaintext inside a blob would show. */
async function rawText(page: Page): Promise<string> {
  const tables = await readTables(page, ['applicants', 'requests', 'documents', 'outbox', 'events']);
  return JSON.stringify(tables, (_key, value: unknown) => (value instanceof Uint8Array ? new TextDecoder().decode(value) : value));
}

async function searchFor(page: Page, text: string) {
  await page.keyboard.press('Alt+l');
  await page.keyboard.press('Alt+f');
  await expect(page.locator('#request-search')).toBeFocused();
  await page.keyboard.press('Control+a');
  await page.keyboard.type(text);
  await expect(page.getByRole('grid')).toHaveAttribute('data-shown-query', text);
}

test('without the field keys the app says so in words after login and opens once they come', async ({ page }) => {
  // The host refusing `vault.keys` (a locked vault): stubbed at the page's network edge, the host itself runs as ever.
  // The keys are asked for only after a login: the host hands them to an operator's session alone.
  await page.route('**/api/vault.keys', (route) => route.fulfill({ json: { ok: false, error: { code: 'bridge.internal' } } }));
  await setUpOrLogIn(page, training().workstation.launchUrl, page.getByRole('alert'));
  await expect(page.getByRole('alert')).toContainText('деректер кілті алынбады');
  await page.unroute('**/api/vault.keys');
  await page.keyboard.press('Enter');
  await expect(page.locator('#new-request')).toBeVisible();
});

test('a request typed at the window is sealed in IndexedDB and still found by IIN and surname', async ({ page }) => {
  await setUpOrLogIn(page, training().workstation.launchUrl);
  await openServiceForm(page);
  await page.keyboard.type(applicant.iin);
  await page.keyboard.press('Tab');
  await expect(page.locator('#form-surname')).toHaveValue(applicant.surname);
  // The draft is saved as it is typed: its blind IIN key shows in the raw row once it is there.
  const iinKey = iinKeyOf(applicant.iin, await workstationCipher(page));
  await expect.poll(async () => (await readTables(page, ['requests'])).requests!.some((row) => row.iinKey === iinKey)).toBe(true);

  const text = await rawText(page);
  for (const value of [applicant.iin, applicant.surname, applicant.givenName, applicant.surname.toLowerCase()]) expect(text, value).not.toContain(value);

  await searchFor(page, applicant.iin);
  await expect(page.getByTestId('request-count')).toHaveAttribute('data-count', '1');
  await searchFor(page, applicant.surname.slice(0, 4).toUpperCase());
  await expect(page.getByRole('grid').getByRole('row').nth(1)).toContainText(applicant.surname);
});

test('after login the retention sweep removes the scans of a request handed over 100 days ago, and its page says so', async ({ page }) => {
  const { launchUrl } = training().workstation;
  await setUpOrLogIn(page, launchUrl);
  const [row] = syntheticRequests({ count: 1, officeCode: 'RET', now: Date.now() - 120 * DAY, seed: 11 });
  const request = { ...row!, status: 'completed' as const, registrationNumber: 'KZ-EL-2026-990001', handedOverAt: new Date(Date.now() - 100 * DAY).toISOString() };
  const entry: OutboxEntry = {
    ...newOutboxEntry({ id: request.id, requestId: request.id, now: Date.now() - 120 * DAY, payload: { signedXml: '<SignedRequest/>', attachments: [] } }),
    state: 'completed',
    registrationNumber: request.registrationNumber,
    result: { kind: 'license', decidedAt: request.handedOverAt, documentSha256: 'e'.repeat(64), fileName: 'license.pdf', signedBy: 'Провайдер' },
  };
  await seedRequests(page, [request]);
  await seedTable(page, 'outbox', [entry]);
  await seedTable(page, 'documents', [{ id: `${request.id}-scan`, requestId: request.id, sha256: 'd'.repeat(64), fileName: 'паспорт.pdf', mimeType: 'application/pdf', size: 2048, addedAt: request.createdAt, checklistItemId: 'x' }]);

  await page.reload();
  await setUpOrLogIn(page, launchUrl);
  await expect.poll(async () => (await readTables(page, ['documents'])).documents!.find((document) => document.requestId === request.id)?.purgedAt).toBeTruthy();
  await searchFor(page, request.localNumber);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page.locator('h1')).toContainText(request.localNumber);
  await expect(page.getByTestId('scans-removed')).toContainText('90');
});
