/**
 * Operators and sessions through the real UI and the real host: the administrator creates an operator, who
 * must choose a password at first login, sees only the desk and is refused by the host too; five wrong
 * passwords lock the login with the wait in words until a reset, after which a supervisor sees the outbox and day
 * report but not settings; the screen locks (Alt+K, or idle) over half-typed work,
 * which stays untouchable underneath and is all still there after the password.
 */
import { expect, test, type Page } from '@playwright/test';
import { withCheckDigit } from '../../shared/identity/iin';
import { seriousViolations } from '../support/axe';
import { openServiceForm } from '../support/keyboard';
import { OPERATOR, setUpOrLogIn, useTrainingSetup } from '../support/operator';

const training = useTrainingSetup();
const GUESSED = { login: 'erlan', fullName: 'Ерлан Бек', iin: withCheckDigit('88030350004')!, password: 'erlan-pass-1' };
const CLERK = { login: 'daulet', fullName: 'Серік Дәулет', iin: withCheckDigit('91020250003')!, initial: 'initial-pass-1', own: 'daulet-own-pass' };

/** A host call over the browser-mode bridge with the page's token: what any script holding it could try. */
async function hostCall(method: string, args: unknown): Promise<{ ok: boolean; value?: unknown; error?: { code: string } }> {
  const url = new URL(training().workstation.launchUrl);
  const token = new URLSearchParams(url.hash.slice(1)).get('token');
  const response = await fetch(`${url.origin}/api/${method}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(args) });
  return (await response.json()) as { ok: boolean; value?: unknown; error?: { code: string } };
}

async function logIn(page: Page, login: string, password: string) {
  await page.locator('#login-login').fill(login);
  await page.locator('#login-password').fill(password);
  await page.keyboard.press('Enter');
}

const logOut = (page: Page) => page.getByRole('button', { name: 'Шығу' }).click();
const loginError = (page: Page) => page.locator('main form [role="alert"]');

test('an administrator creates an operator, who must change the password and sees only the desk', async ({ page }) => {
  await setUpOrLogIn(page, training().workstation.launchUrl);
  await page.locator('#open-accounts').click();
  await expect(page.getByTestId('accounts').locator(`tr[data-login="${OPERATOR.login}"]`)).toContainText('Әкімші');
  const violations = await seriousViolations(page, 'accounts');

  await page.keyboard.press('Alt+a');
  await expect(page.locator('#account-login')).toBeFocused();
  violations.push(...(await seriousViolations(page, 'new account')));
  await page.keyboard.type(CLERK.login);
  await page.locator('#account-fullName').fill(CLERK.fullName);
  await page.locator('#account-iin').fill(CLERK.iin);
  // Too short a password is refused in words, and nothing typed is lost.
  await page.locator('#account-password').fill('short');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog').getByRole('alert')).toHaveText('Құпиясөз кемінде 8 таңбадан тұруы керек');
  await expect(page.locator('#account-iin')).toHaveValue(CLERK.iin);
  await page.locator('#account-password').fill(CLERK.initial);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('accounts-message')).toHaveText(`${CLERK.login} тіркелгісі жасалды`);
  const row = page.getByTestId('accounts').locator(`tr[data-login="${CLERK.login}"]`);
  await expect(row).toContainText('Оператор');
  await expect(row).toContainText('Құпиясөзді ауыстыруы керек');

  // The last administrator cannot be disabled, even by themselves.
  await page.getByTestId('accounts').locator(`tr[data-login="${OPERATOR.login}"] button`).click();
  await page.locator('#account-disabled').check();
  await page.locator('#account-save').click();
  await expect(page.getByRole('dialog').getByRole('alert')).toHaveText('Соңғы белсенді әкімшіні өшіруге немесе оның рөлін төмендетуге болмайды');
  await page.keyboard.press('Escape');

  await logOut(page);
  // Logged out, the host answers no operator call at all.
  expect((await hostCall('keys.list', {})).error).toEqual({ code: 'operators.notLoggedIn' });

  await logIn(page, CLERK.login, CLERK.initial);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Құпиясөзді ауыстыру');
  violations.push(...(await seriousViolations(page, 'password change')));
  // Until the password is changed the host lets this session do nothing else.
  expect((await hostCall('keys.list', {})).error).toEqual({ code: 'operators.passwordChangeRequired' });
  await page.locator('#password-new').fill(CLERK.own);
  await page.locator('#password-repeat').fill(CLERK.own);
  await page.keyboard.press('Enter');
  await expect(page.locator('#new-request')).toBeVisible();

  // An operator's desk: no settings, accounts, outbox or day report, by mouse or by key.
  await expect(page.locator('#open-list')).toBeVisible();
  for (const hidden of ['#open-settings', '#open-accounts', '#open-outbox', '#open-report']) await expect(page.locator(hidden)).toHaveCount(0);
  await page.keyboard.press('Alt+o');
  await expect(page.locator('#new-request')).toBeVisible();
  // And the host refuses anyway, whoever asks with this session.
  for (const method of ['settings.get', 'operators.list']) expect((await hostCall(method, {})).error, method).toEqual({ code: 'operators.forbidden' });
  expect((await hostCall('keys.list', {})).ok).toBe(true);

  // Later changes from the header need the current password.
  await page.locator('#open-password').click();
  await page.locator('#password-old').fill('not-the-current-one');
  await page.locator('#password-new').fill('daulet-next-pass');
  await page.locator('#password-repeat').fill('daulet-next-pass');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog').getByRole('alert')).toHaveText('Логин немесе құпиясөз қате, не тіркелгі өшірілген. Терілгенін тексеріңіз немесе әкімшіге хабарласыңыз.');
  await expect(page.locator('#password-new')).toHaveValue('daulet-next-pass');
  await page.locator('#password-old').fill(CLERK.own);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await logOut(page);
  await logIn(page, CLERK.login, 'daulet-next-pass');
  await expect(page.locator('#new-request')).toBeVisible();
  await logOut(page);
  expect(violations).toEqual([]);
});

test('five wrong passwords lock the login for 15 minutes, with the wait in words, until a password reset', async ({ page }) => {
  await setUpOrLogIn(page, training().workstation.launchUrl);
  expect((await hostCall('operators.add', { login: GUESSED.login, fullName: GUESSED.fullName, iin: GUESSED.iin, role: 'supervisor', password: GUESSED.password })).ok).toBe(true);
  await logOut(page);
  for (let attempt = 1; attempt < 5; attempt++) {
    await logIn(page, GUESSED.login, `wrong-${attempt}`);
    await expect(loginError(page)).toHaveText('Логин немесе құпиясөз қате, не тіркелгі өшірілген. Терілгенін тексеріңіз немесе әкімшіге хабарласыңыз.');
  }
  await logIn(page, GUESSED.login, 'wrong-5');
  await expect(loginError(page)).toHaveText('Құпиясөз тым көп рет қате терілді, тіркелгі уақытша бұғатталды. 15 минуттан кейін қайталаңыз немесе әкімшіге хабарласыңыз.');
  // The right password waits too; the login typed is kept for the next try.
  await page.locator('#login-password').fill(GUESSED.password);
  await page.keyboard.press('Enter');
  await expect(loginError(page)).toContainText('минуттан кейін қайталаңыз');
  await expect(page.locator('#login-login')).toHaveValue(GUESSED.login);

  // Counted per login: the administrator still gets in, and sees the lockout in the list.
  await logIn(page, OPERATOR.login, OPERATOR.password);
  await page.locator('#open-accounts').click();
  const row = page.getByTestId('accounts').locator(`tr[data-login="${GUESSED.login}"]`);
  await expect(row).toContainText('дейін бұғатталған');

  // A password reset lifts the lockout; the supervisor then chooses a password and sees the outbox and day report.
  await row.getByRole('button').click();
  await page.locator('#account-newPassword').fill('reset-pass-22');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('accounts-message')).toHaveText('Құпиясөз қалпына келтірілді; оператор кіргенде оны ауыстырады');
  await expect(row).not.toContainText('бұғатталған');
  await logOut(page);
  await logIn(page, GUESSED.login, 'reset-pass-22');
  await page.locator('#password-new').fill('erlan-own-pass');
  await page.locator('#password-repeat').fill('erlan-own-pass');
  await page.keyboard.press('Enter');
  await expect(page.locator('#new-request')).toBeVisible();
  for (const shown of ['#open-outbox', '#open-report']) await expect(page.locator(shown)).toBeVisible();
  for (const hidden of ['#open-settings', '#open-accounts']) await expect(page.locator(hidden)).toHaveCount(0);
  await logOut(page);
});

/** Half a request typed: the IIN started, the cursor still in it. */
async function halfTypedForm(page: Page) {
  await expect(page.locator('#new-request')).toBeVisible();
  await openServiceForm(page);
  await page.keyboard.type('9001014');
}

async function expectLockedOverWork(page: Page) {
  await expect(page.getByTestId('lock-screen')).toBeVisible();
  const workspace = page.getByTestId('workspace');
  await expect(workspace).toHaveAttribute('inert', '');
  await expect(workspace).toHaveAttribute('aria-hidden', 'true');
  // Nothing underneath takes focus or keys: Tab stays in the lock, the desk's shortcuts do nothing.
  for (let press = 0; press < 6; press++) {
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement === document.body || Boolean(document.activeElement?.closest('[data-testid="lock-screen"]')))).toBe(true);
  }
  await page.keyboard.press('Alt+l');
  await page.locator('#form-iin').focus().catch(() => undefined);
  await expect(page.locator('#form-iin')).not.toBeFocused();
  // The host refuses operator calls while locked; the sync engine's workstation calls keep going.
  expect((await hostCall('keys.list', {})).error).toEqual({ code: 'operators.sessionLocked' });
  expect((await hostCall('gateway.probe', {})).ok).toBe(true);
}

test('Alt+K locks over half-typed work; a wrong password is refused in words, the right one brings the work back as it was', async ({ page }) => {
  await setUpOrLogIn(page, training().workstation.launchUrl);
  await halfTypedForm(page);
  await page.keyboard.press('Alt+k');
  await expectLockedOverWork(page);
  await expect(page.getByTestId('lock-screen')).toContainText(OPERATOR.fullName);
  expect(await seriousViolations(page, 'lock screen')).toEqual([]);

  await page.locator('#lock-password').fill('not-my-password');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('lock-screen').getByRole('alert')).toHaveText('Логин немесе құпиясөз қате, не тіркелгі өшірілген. Терілгенін тексеріңіз немесе әкімшіге хабарласыңыз.');
  await expect(page.getByTestId('lock-screen')).toBeVisible();

  await page.locator('#lock-password').fill(OPERATOR.password);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('lock-screen')).toHaveCount(0);
  await expect(page.getByTestId('workspace')).not.toHaveAttribute('inert');
  await expect(page.locator('#form-iin')).toHaveValue('9001014');
  // The cursor is back where it was: typing goes on in the same field.
  await expect(page.locator('#form-iin')).toBeFocused();
  await page.keyboard.type('0');
  await expect(page.locator('#form-iin')).toHaveValue('90010140');
  expect((await hostCall('keys.list', {})).ok).toBe(true);
});

test('the screen locks by itself after the idle minutes; switching operator logs out', async ({ page }) => {
  await setUpOrLogIn(page, training().workstation.launchUrl);
  await halfTypedForm(page);
  // A fake clock from here on (the app boots on real timers), so ten idle minutes pass in an instant.
  await page.clock.install();
  await page.keyboard.type('0');
  await page.clock.fastForward('09:00');
  await expect(page.getByTestId('lock-screen')).toHaveCount(0);
  await page.clock.fastForward('01:10');
  await expectLockedOverWork(page);

  await page.locator('#lock-switch').click();
  await expect(page.locator('#login-login')).toBeVisible();
  expect((await hostCall('keys.list', {})).error).toEqual({ code: 'operators.notLoggedIn' });
});

test('a reloaded window starts logged out at the host too', async ({ page }) => {
  await setUpOrLogIn(page, training().workstation.launchUrl);
  expect((await hostCall('keys.list', {})).ok).toBe(true);
  await page.reload();
  await expect(page.locator('#login-login')).toBeVisible();
  await expect.poll(async () => (await hostCall('keys.list', {})).error).toEqual({ code: 'operators.notLoggedIn' });
});
