/**
 * Issue 20, must fix 2: a request accepted with a name the state registry does not confirm stops at sync. The
 * operator corrects it and signs again (delivered once, under the same submission id, with the new signature), or
 * withdraws it with a reason and hands the applicant the withdrawal notice. Keyboard only, through the real UI,
 * host and sandbox; each way out lands in the host's audit log.
 */
import { expect, test, type Page } from '@playwright/test';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { withCheckDigit } from '../../shared/identity/iin';
import { individualByIin } from '../../sandbox/registries/syntheticRegistries';
import { downloadedPdfText, openServiceForm, signAndQueue, tabTo } from '../support/keyboard';
import { setUpOrLogIn, useTrainingSetup } from '../support/operator';

const training = useTrainingSetup();
const applicants = ['85051530011', '85051530012'].map((digits) => individualByIin(withCheckDigit(digits)!)!);
type Applicant = (typeof applicants)[number];
const TYPED_SURNAME = 'Басқаев';

/**
 * Takes a complete request whose surname the operator changed after the registry filled it in (as a typo would):
 * unconfirmed, so the sync checks it against the registry before anything is sent, and stops it.
 */
async function takeStoppedRequest(page: Page, applicant: Applicant): Promise<string> {
  await openServiceForm(page);
  await page.keyboard.type(applicant.iin);
  await expect(page.getByTestId('registry-state')).toHaveAttribute('data-state', 'verified');
  await page.locator('#form-surname').fill(TYPED_SURNAME);
  await expect(page.getByTestId('registry-state')).toHaveAttribute('data-state', 'differs');
  await page.locator('#form-address').fill('Алматы қ., Абай даңғылы, 10');
  await page.locator('#form-phone').fill('+7 701 123 45 67');
  await page.locator('#form-subtype').selectOption({ index: 1 });
  await page.locator('#form-paymentReference').fill('1234567890');
  await expect(page.getByTestId('payment-state')).toHaveAttribute('data-state', 'paid');
  await page.locator('#form-paper-request-form').check();
  await page.locator('#form-paper-standard-documents').check();
  await page.locator('#request-file').setInputFiles({ name: 'өтініш.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n% stopped request\n%%EOF\n') });
  await expect(page.getByTestId('checklist-missing')).toHaveAttribute('data-complete', 'true');
  await signAndQueue(page);
  await expect(page.getByTestId('submission-state')).toHaveAttribute('data-state', 'needs_attention', { timeout: 30_000 });
  const requestId = await page.evaluate(() => localStorage.getItem('qabyl.openRequest'));
  expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
  return requestId!;
}

const submissionsAtGateway = async () => (await readdir(join(training().sandbox.dataDir, 'submissions')).catch(() => [])).map((file) => file.replace('.json', ''));

async function auditedFor(requestId: string): Promise<string[]> {
  const file = join(training().dataDir, 'training', 'audit', 'audit.jsonl');
  // The relay sends each timeline event shortly after it is written.
  await expect.poll(async () => (await readFile(file, 'utf8')).includes(requestId)).toBe(true);
  const lines = (await readFile(file, 'utf8')).split('\n').filter(Boolean);
  return lines.map((line) => JSON.parse(line) as { action: string; subject?: string }).filter((entry) => entry.subject === requestId).map((entry) => entry.action);
}

test('a request the registry stopped is corrected on the form, signed again and delivered once under the same id', async ({ page }) => {
  const applicant = applicants[0]!;
  await setUpOrLogIn(page, training().workstation.launchUrl);
  const requestId = await takeStoppedRequest(page, applicant);

  // The ways out, the correction focused: the applicant already holds a receipt, so "retry" alone is no way out.
  await expect(page.getByTestId('stopped-actions')).toBeVisible();
  await expect(page.locator('#stopped-correct')).toBeFocused();
  await page.keyboard.press('Enter');

  // Back on the form: the registry's name beside the typed one, the typed one still in the field until the operator chooses.
  const correction = page.getByTestId('correction');
  await expect(correction).toContainText('Тоқтатылған өтінішті түзету');
  await expect(page.getByTestId('correction-registry')).toHaveText(`${applicant.surname} ${applicant.givenName}`);
  await expect(page.getByTestId('correction-typed')).toHaveText(`${TYPED_SURNAME} ${applicant.givenName}`);
  await expect(page.locator('#form-surname')).toHaveValue(TYPED_SURNAME);
  await expect(page.getByTestId('registry-state')).toHaveAttribute('data-state', 'differs');
  // A request being corrected was accepted: it is never refused at the window from here.
  await expect(page.locator('#request-refuse')).toHaveCount(0);
  await expect(page.locator('#correction-use-registry')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('#form-surname')).toHaveValue(applicant.surname);
  await expect(page.getByTestId('registry-state')).toHaveAttribute('data-state', 'verified');
  await expect(page.locator('#request-sign')).toBeFocused();

  // The new signature replaces the old; the corrected package goes under the same submission id, once.
  await signAndQueue(page);
  await expect(page.getByTestId('registration-number')).toHaveText(/^KZ-EL-\d{4}-\d{6}$/, { timeout: 30_000 });
  expect(await page.evaluate(() => localStorage.getItem('qabyl.openRequest'))).toBe(requestId);
  expect((await submissionsAtGateway()).filter((id) => id === requestId)).toHaveLength(1);
  const received = JSON.parse(await readFile(join(training().sandbox.dataDir, 'submissions', `${requestId}.json`), 'utf8')) as { signedXml: string };
  expect(received.signedXml).toContain(`<surname>${applicant.surname}</surname>`);
  expect(received.signedXml).not.toContain(TYPED_SURNAME);
  await expect(page.getByTestId('stopped-actions')).toHaveCount(0);
  await expect(page.getByTestId('timeline')).toContainText('Түзету басталды');
  await expect(page.getByTestId('timeline')).toContainText('Түзетіліп, қайта қол қойылды');
  expect(await auditedFor(requestId)).toEqual(expect.arrayContaining(['request.correctionStarted', 'request.corrected']));
});

test('a stopped request is withdrawn with a reason and the applicant gets a bilingual withdrawal notice; nothing is sent', async ({ page }) => {
  await setUpOrLogIn(page, training().workstation.launchUrl);
  const requestId = await takeStoppedRequest(page, applicants[1]!);

  await tabTo(page, 'stopped-withdraw');
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('Өтінішті кері қайтару');
  await expect(page.locator('#withdraw-reason-applicantRequest')).toBeFocused();
  // No reason chosen for the operator: Enter asks for one, in Kazakh, and the dialog stays.
  await page.keyboard.press('Enter');
  await expect(dialog.getByRole('alert')).toHaveText('Кері қайтару себебін таңдаңыз');
  await page.keyboard.press('ArrowDown');
  await expect(page.locator('#withdraw-reason-dataError')).toBeChecked();
  await page.keyboard.press('Enter');
  await expect(dialog).toHaveCount(0);

  await expect(page.getByTestId('request-status')).toHaveText('Кері қайтарылды');
  await expect(page.getByTestId('withdrawn')).toContainText('Өтініш берушінің деректерінде қате бар');
  await expect(page.getByTestId('stopped-actions')).toHaveCount(0);
  await expect(page.getByTestId('needs-attention')).toHaveCount(0);
  // The notice takes the receipt's place and the focus: Enter prints, Tab Enter saves.
  await expect(page.locator('#paper-withdrawal-print')).toBeFocused();
  await page.keyboard.press('Tab');
  const download = page.waitForEvent('download');
  await page.keyboard.press('Enter');
  const text = (await downloadedPdfText(await download)).replace(/\s+/g, ' ');
  for (const fact of ['Өтінішті кері қайтарып алу туралы анықтама', 'Справка об отзыве заявления', 'Ошибка в данных заявителя', 'не направлялось в систему «Е-лицензирование»', applicants[1]!.iin]) {
    expect(text).toContain(fact);
  }

  // The sync never sends it, even when asked to.
  await page.getByRole('button', { name: 'Қазір жіберу' }).click();
  await page.waitForTimeout(1_000);
  expect(await submissionsAtGateway()).not.toContain(requestId);
  expect(await auditedFor(requestId)).toEqual(expect.arrayContaining(['request.withdrawn', 'paper.saved']));
});
