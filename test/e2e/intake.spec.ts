/**
 * The foundation's thin path, through the real UI in Chromium, against the real host (browser mode) and a
 * real sandbox process: set up → log in → request → IIN → attach → sign → queued → delivered → registration
 * number; and the same with the gateway down until after queuing.
 */
import { expect, test, type Page } from '@playwright/test';
import { withCheckDigit } from '../../shared/identity/iin';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setUpOrLogIn, useTrainingSetup } from '../support/operator';
import { runTsCommand } from '../support/processes';
import { individualByIin } from '../../sandbox/registries/syntheticRegistries';

/** Each test its own applicant, so the registry's names tell the requests apart. */
const applicants = ['85051530001', '85051530002', '85051530003', '85051530004'].map((digits) => {
  return individualByIin(withCheckDigit(digits)!)!;
});
type Applicant = (typeof applicants)[number];
const KEY_PASSWORD = 'Qwerty12';
const pdf = { name: 'өтініш.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n% Qabyl test document\n%%EOF\n') };

const training = useTrainingSetup();

const logIn = (page: Page) => setUpOrLogIn(page, training().workstation.launchUrl);

/**
 * Takes a request the way an operator at the window would: online the registry brings the applicant's names
 * (the operator only corrects them), offline they are typed and the request is marked unverified.
 */
async function takeRequest(page: Page, applicant: Applicant, { surname = applicant.surname, online = true } = {}) {
  await page.keyboard.press('Alt+n');
  // The service from the catalog, found by a word of its Kazakh name; recent services come first next time.
  await expect(page.locator('#picker-search')).toBeFocused();
  await page.keyboard.type('ескерткіш');
  await page.keyboard.press('Enter');
  await expect(page.locator('#picker-kind')).toBeFocused();
  await page.keyboard.press('Enter');
  const iin = page.locator('#form-iin');
  await expect(iin).toBeFocused();
  await expect(page.getByTestId('expected-result')).toContainText('15 жұмыс күні');
  // A typo in the IIN is caught by its check digit, in Kazakh, as soon as the operator moves on.
  const typo = applicant.iin.slice(0, 11) + String((Number(applicant.iin[11]) + 1) % 10);
  await page.keyboard.type(typo);
  await page.keyboard.press('Tab');
  await expect(page.getByRole('alert').filter({ hasText: 'бақылау цифры' })).toBeVisible();
  await iin.fill(applicant.iin);
  const registry = page.getByTestId('registry-state');
  if (online) {
    await expect(registry).toHaveAttribute('data-state', 'verified');
    await expect(page.locator('#form-surname')).toHaveValue(applicant.surname);
    await expect(page.locator('#form-givenName')).toHaveValue(applicant.givenName);
    if (surname !== applicant.surname) {
      await page.locator('#form-surname').fill(surname);
      await expect(registry).toHaveAttribute('data-state', 'differs');
    }
  } else {
    await expect(registry).toHaveAttribute('data-state', 'unavailable');
    await page.locator('#form-surname').focus();
    await page.keyboard.type(surname);
    await page.keyboard.press('Tab');
    await page.keyboard.type(applicant.givenName);
  }
  await page.locator('#form-address').fill('Алматы қ., Абай даңғылы, 10');
  await page.locator('#form-phone').fill('+7 701 123 45 67');
  await page.locator('#form-subtype').selectOption({ index: 1 });
  // The fee through the payment gateway: its record is looked up while the operator works.
  await page.locator('#form-paymentReference').fill('1234567890');
  await expect(page.getByTestId('payment-state')).toHaveAttribute('data-state', online ? 'paid' : 'unavailable');
  // The originals the applicant brought, marked as presented on paper; the request form itself as a file.
  await page.locator('#form-paper-request-form').check();
  await page.locator('#form-paper-standard-documents').check();
  await page.locator('#request-file').setInputFiles(pdf);
  await expect(page.getByText(pdf.name)).toBeVisible();
  await expect(page.getByTestId('checklist-missing')).toHaveAttribute('data-complete', 'true');
}

async function sign(page: Page, bridgeCalls: string[]) {
  await page.keyboard.press('Control+Enter');
  // The request read back once more before the key is chosen.
  await expect(page.getByTestId('review')).toBeVisible();
  await expect(page.locator('#review-confirm')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('#sign-key')).toBeFocused();
  // Training keys are NCA's current pair: the GOST 2015 signing key is preselected, not AUTH_RSA256_.
  await expect(page.locator('#sign-key')).toHaveValue(/^GOST512_/);
  await page.keyboard.press('Enter');
  const prompt = page.frameLocator('iframe.sign-prompt');
  const password = prompt.locator('#password');
  await expect(password).toBeVisible();
  // The prompt is another origin: the application page cannot reach into it.
  expect(await page.evaluate(() => document.querySelector('iframe')?.contentDocument ?? null)).toBeNull();
  await password.fill('not-the-password');
  await password.press('Enter');
  await expect(prompt.getByRole('alert')).toHaveText('Кілт құпиясөзі қате');
  await password.fill(KEY_PASSWORD);
  await password.press('Enter');
  await expect(page.locator('iframe.sign-prompt')).toHaveCount(0);
  expect(bridgeCalls.some((body) => body.includes(KEY_PASSWORD))).toBe(false);
}

function recordBridgeCalls(page: Page): string[] {
  const bodies: string[] = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname.startsWith('/api/')) bodies.push(request.postData() ?? '');
  });
  return bodies;
}

test('an operator takes, signs and delivers a request; the registration number comes back', async ({ page }) => {
  const calls = recordBridgeCalls(page);
  await logIn(page);
  await takeRequest(page, applicants[0]!);
  await sign(page, calls);
  await expect(page.getByTestId('registration-number')).toHaveText(/^KZ-EL-\d{4}-\d{6}$/, { timeout: 30_000 });
  await expect(page.getByTestId('request-status')).toHaveText('Тіркелді');
  await expect(page.getByTestId('link-state')).toHaveAttribute('data-link', 'online');

  // What the gateway received verifies as a whole: XML signature, attachment list, bytes, and a time-stamped CMS.
  const { sandbox } = training();
  const [received] = await readdir(join(sandbox.dataDir, 'submissions'));
  const verifyArgs = ['--trust', join(sandbox.trainingDir, 'training-trust.pem'), '--sandbox', sandbox.dataDir, '--id', received!.replace('.json', '')];
  const verified = await runTsCommand('scripts/verify.ts', verifyArgs);
  expect(verified.stdout).toContain('request.xml: signed by IIN');
  expect(verified.stdout).toMatch(/OK +\S+ өтініш\.pdf: CMS by IIN \d{12} \([^)]+\), time-stamped/);
  expect(verified.code).toBe(0);

  // A working day is a second in this sandbox: the provider's decision comes back, verified, with its timeline.
  await expect(page.getByTestId('result')).toBeVisible({ timeout: 90_000 });
  await expect(page.getByTestId('result')).toHaveAttribute('data-kind', /^(license|refusal)$/);
  await expect(page.getByTestId('timeline').locator('li').first()).toBeVisible();
  await expect(page.getByTestId('result-arrivals')).toBeVisible();
});

test('an applicant typed offline who does not match the state registry stops the request for the operator', async ({ page }) => {
  const calls = recordBridgeCalls(page);
  await logIn(page);
  await takeRequest(page, applicants[3]!, { surname: 'Басқаев' });
  await sign(page, calls);
  await expect(page.getByTestId('submission-state')).toHaveAttribute('data-state', 'needs_attention', { timeout: 30_000 });
  await expect(page.getByTestId('submission-state')).toContainText('Мемлекеттік тізілімдегі деректер енгізілгенмен сәйкес емес');
  await expect(page.getByTestId('submission-state')).toContainText(`${applicants[3]!.surname} ${applicants[3]!.givenName} ≠ Басқаев ${applicants[3]!.givenName}`);
  await expect(page.getByTestId('needs-attention')).toHaveAttribute('data-count', '1');
  // Nothing reached the gateway: the stop comes before any upload.
  await expect(page.getByTestId('retry-now')).toBeVisible();

  // The outbox screen puts it on top, in plain words, with the gateway's own text under "details".
  await page.keyboard.press('Alt+o');
  const row = page.getByTestId('outbox-row').first();
  await expect(row).toHaveAttribute('data-state', 'needs_attention');
  await expect(row).toContainText('Мемлекеттік тізілімдегі деректер енгізілгенмен сәйкес емес');
  await row.getByRole('button', { name: 'Толығырақ' }).click();
  await expect(row.getByTestId('outbox-details')).toContainText(`Басқаев ${applicants[3]!.givenName}`);
  await page.screenshot({ path: fileURLToPath(new URL('../../docs/screenshots/outbox.png', import.meta.url)) });
  await row.locator('button.link').click();
  await expect(page.getByTestId('submission-state')).toBeVisible();

  // The operator can hold all sending (a metered link, a failing gateway); it holds across a reload.
  await page.getByTestId('sync-pause').click();
  await expect(page.getByRole('status').filter({ hasText: 'Жіберу тоқтатылған' })).toBeVisible();
  // A reloaded page holds no field keys until an operator logs in again; the pause was kept by the page's store.
  await page.reload();
  await setUpOrLogIn(page, training().workstation.launchUrl, page.getByTestId('sync-pause'));
  await expect(page.getByTestId('sync-pause')).toHaveAttribute('aria-pressed', 'true');
  await page.getByTestId('sync-pause').click();
  await expect(page.getByTestId('sync-pause')).toHaveAttribute('aria-pressed', 'false');
});

test('with the gateway down the request is queued, survives a reload, and is delivered once it is back', async ({ page }) => {
  await training().sandbox.stop();
  const calls = recordBridgeCalls(page);
  await logIn(page);
  await takeRequest(page, applicants[1]!, { online: false });

  // A closed window loses nothing: the draft reopens with what was typed.
  await page.reload();
  await logIn(page).catch(() => undefined);
  await expect(page.locator('#form-surname')).toHaveValue(applicants[1]!.surname);
  await expect(page.locator('#form-address')).toHaveValue('Алматы қ., Абай даңғылы, 10');
  await expect(page.getByText(pdf.name)).toBeVisible();

  await sign(page, calls);
  await expect(page.getByTestId('request-status')).toHaveText('Жіберу кезегінде');
  await expect(page.getByTestId('registration-number')).toHaveText('Тіркеу нөмірі күтілуде');
  await expect(page.getByTestId('link-state')).toHaveAttribute('data-link', 'offline');
  await expect(page.getByTestId('queue-depth')).toHaveAttribute('data-count', '1');

  await training().sandbox.start();
  // No click: the engine notices the link is back on its own.
  await expect(page.getByTestId('registration-number')).toHaveText(/^KZ-EL-\d{4}-\d{6}$/, { timeout: 90_000 });
  await expect(page.getByTestId('queue-depth')).toHaveAttribute('data-count', '0');
});

test('a gateway that answers garbage keeps the request queued with the reason shown, then it goes through by itself', async ({ page }) => {
  await training().sandbox.setFaults({ rules: [{ mode: 'malformedJson', on: 'commit', count: 1 }] });
  const calls = recordBridgeCalls(page);
  await logIn(page);
  await takeRequest(page, applicants[2]!);
  await sign(page, calls);
  await expect(page.getByTestId('submission-state')).toContainText('Е-лицензиялау жүйесі уақытша жауап бере алмады');
  await expect(page.getByTestId('submission-state')).toContainText('unreadable gateway answer');
  await expect(page.getByTestId('registration-number')).toHaveText(/^KZ-EL-\d{4}-\d{6}$/, { timeout: 60_000 });
});
