/**
 * The bad-input corpus through the real UI (test/badInput runs it whole against the host): a few of its inputs typed
 * and picked by an operator in Chromium. Each is said in the language the operator chose, and nothing typed before
 * it is lost.
 */
import { expect, test, type Page } from '@playwright/test';
import { withCheckDigit } from '../../shared/identity/iin';
import { individualByIin } from '../../sandbox/registries/syntheticRegistries';
import { openServiceForm } from '../support/keyboard';
import { setUpOrLogIn, useTrainingSetup } from '../support/operator';

const training = useTrainingSetup();
const KEY_PASSWORD = 'Qwerty12';
const applicant = individualByIin(withCheckDigit('85051530005')!)!;
const ADDRESS = 'Алматы қ., Абай даңғылы, 10';
const PHONE = '+7 701 123 45 67';

/** The operator's own choice on this machine (each test's browser starts without one). */
const chooseLanguage = (page: Page, current: string, language: 'kk' | 'ru' | 'en') => page.getByRole('combobox', { name: current, exact: true }).selectOption(language);

/** The applicant from the registry, then the operator's own typing: address, phone, subtype. */
async function startRequest(page: Page) {
  await setUpOrLogIn(page, training().workstation.launchUrl);
  await openServiceForm(page);
  await page.keyboard.type(applicant.iin);
  await expect(page.getByTestId('registry-state')).toHaveAttribute('data-state', 'verified');
  await page.locator('#form-address').fill(ADDRESS);
  await page.locator('#form-phone').fill(PHONE);
  await page.locator('#form-subtype').selectOption({ index: 1 });
}

async function expectTypedAnswersKept(page: Page) {
  await expect(page.locator('#form-iin')).toHaveValue(applicant.iin);
  await expect(page.locator('#form-surname')).toHaveValue(applicant.surname);
  await expect(page.locator('#form-address')).toHaveValue(ADDRESS);
  await expect(page.locator('#form-phone')).toHaveValue(PHONE);
}

test('a BIN typed as the representative’s IIN is named a BIN, in Kazakh and in Russian; the other answers stay', async ({ page }) => {
  await startRequest(page);
  await page.locator('#form-hasRepresentative').check();
  await page.locator('#form-representativeIin').fill(withCheckDigit('12034000123')!);
  await page.locator('#form-representativeIin').press('Tab');
  await expect(page.getByRole('alert').filter({ hasText: 'Бұл БСН' })).toBeVisible();
  await chooseLanguage(page, 'Тіл', 'ru');
  await expect(page.getByRole('alert').filter({ hasText: 'Это БИН' })).toBeVisible();
  await expectTypedAnswersKept(page);
  await expect(page.locator('#form-representativeIin')).toHaveValue(withCheckDigit('12034000123')!);
});

test('a program renamed .pdf and a cut PNG are refused by name in the scan panel; the request keeps its answers', async ({ page }) => {
  await startRequest(page);
  await page.locator('[id^=scan-open-]').first().click();
  await page.locator('#scan-file').setInputFiles([
    { name: 'invoice.pdf', mimeType: 'application/pdf', buffer: Buffer.concat([Buffer.from('MZ\x90\x00', 'latin1'), Buffer.alloc(512, 0x41)]) },
    { name: 'half.png', mimeType: 'image/png', buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]) },
  ]);
  const problems = page.getByTestId('scan-problems');
  await expect(problems).toContainText('invoice.pdf: Файлдың мазмұны');
  await expect(problems).toContainText('half.png: Файл толық емес');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('scan-panel')).toHaveCount(0);
  await expectTypedAnswersKept(page);
});

test('a wrong key password is said in the prompt in Russian once the operator chose it; the right one then signs', async ({ page }) => {
  await startRequest(page);
  await page.locator('#form-paymentReference').fill('1234567890');
  await expect(page.getByTestId('payment-state')).toHaveAttribute('data-state', 'paid');
  await page.locator('#form-paper-request-form').check();
  await page.locator('#form-paper-standard-documents').check();
  await page.locator('#request-file').setInputFiles({ name: 'өтініш.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n% Qabyl test document\n%%EOF\n') });
  await chooseLanguage(page, 'Тіл', 'ru');
  await page.keyboard.press('Control+Enter');
  await expect(page.locator('#review-confirm')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('#sign-key')).toBeFocused();
  await page.keyboard.press('Enter');
  const prompt = page.frameLocator('iframe.sign-prompt');
  const password = prompt.locator('#password');
  await password.fill('qwerty12');
  await password.press('Enter');
  await expect(prompt.getByRole('alert')).toHaveText('Неверный пароль ключа');
  await password.fill(KEY_PASSWORD);
  await password.press('Enter');
  await expect(page.locator('iframe.sign-prompt')).toHaveCount(0);
  await expect(page.getByTestId('submission-state')).toBeVisible({ timeout: 30_000 });
});

test('a settings file that is not JSON and a queue file of another version are refused, in English; typed settings stay', async ({ page }) => {
  await setUpOrLogIn(page, training().workstation.launchUrl);
  await chooseLanguage(page, 'Тіл', 'en');
  await page.locator('#open-settings').click();
  await page.locator('#settings-officeName').fill('Almaty No. 7 (not saved yet)');
  await page.locator('#settings-file').setInputFiles({ name: 'rollout.json', mimeType: 'application/json', buffer: Buffer.from('[office]\ncode=ALM-07\n') });
  await expect(page.getByTestId('settings-message')).toHaveText('The settings are invalid; nothing was changed');
  await expect(page.locator('#settings-officeName')).toHaveValue('Almaty No. 7 (not saved yet)');
  await page.locator('#queue-file').setInputFiles({ name: 'queue.qabyl', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ format: 'qabyl-queue/2', items: [], files: {} })) });
  await expect(page.getByTestId('queue-message')).toContainText('another version of the program');
  await expect(page.locator('#settings-officeName')).toHaveValue('Almaty No. 7 (not saved yet)');
});
