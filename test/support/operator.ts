/** The training operator the end-to-end tests act as, and the steps every test starts with. */
import { expect, test, type Page } from '@playwright/test';
import { join } from 'node:path';
import { withCheckDigit } from '../../shared/identity/iin';
import { freePort, SandboxProcess, startWorkstation, stopProcess, tempDir } from './processes';

export const OPERATOR = { login: 'aigerim', fullName: 'Сейітова Айгерім', iin: withCheckDigit('90010140001')!, password: 'operator-pass-1' };

/** A training workstation in browser mode and a sandbox it delivers to, in separate processes. */
export async function launchTrainingSetup() {
  const dataDir = await tempDir('qabyl-e2e-ws-');
  // A working day is a second, so results come back within a test.
  const sandbox = new SandboxProcess(await freePort(), await tempDir('qabyl-e2e-sb-'), join(dataDir, 'training'), { workingDaySeconds: 1 });
  // The workstation writes the training CA's trust file that the sandbox verifies signatures against.
  const workstation = await startWorkstation(dataDir, sandbox.url);
  await sandbox.start();
  return { dataDir, sandbox, workstation };
}

export type TrainingSetup = Awaited<ReturnType<typeof launchTrainingSetup>>;

/** Starts one training setup for the spec file's tests and stops it after them; call at the top of a spec. */
export function useTrainingSetup(): () => TrainingSetup {
  let setup: TrainingSetup | undefined;
  test.beforeAll(async () => {
    setup = await launchTrainingSetup();
  });
  test.afterAll(async () => {
    await stopProcess(setup?.workstation.child);
    await setup?.sandbox.stop();
  });
  return () => {
    if (!setup) throw new Error('the training setup has not started');
    return setup;
  };
}

/** The first run creates the operator (administrator); later runs log in. `landing`: what shows then (the desk's list by default). */
export async function setUpOrLogIn(page: Page, launchUrl: string, landing = page.locator('#new-request')) {
  await page.goto(launchUrl);
  const setup = page.locator('#setup-login');
  const login = page.locator('#login-login');
  // A page already logged in stays so: going to the same address changes nothing on it.
  await expect(setup.or(login).or(landing)).toBeVisible();
  if (!(await setup.isVisible()) && !(await login.isVisible())) return;
  if (await setup.isVisible()) {
    await setup.fill(OPERATOR.login);
    await page.locator('#setup-fullName').fill(OPERATOR.fullName);
    await page.locator('#setup-iin').fill(OPERATOR.iin);
    await page.locator('#setup-password').fill(OPERATOR.password);
    await page.locator('#setup-passwordRepeat').fill(OPERATOR.password);
    await page.keyboard.press('Enter');
  } else {
    await login.fill(OPERATOR.login);
    await page.locator('#login-password').fill(OPERATOR.password);
    await page.keyboard.press('Enter');
  }
  await expect(landing).toBeVisible();
}
