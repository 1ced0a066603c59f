/** axe-core over the page as it stands: the serious and critical violations, named by screen. */
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

export async function seriousViolations(page: Page, screen: string): Promise<string[]> {
  const { violations, passes } = await new AxeBuilder({ page }).analyze();
  // axe really looked: a page it could not analyse would pass no rules at all.
  expect(passes.length, screen).toBeGreaterThan(5);
  return violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical').map((violation) => `${screen}: ${violation.id} (${violation.nodes.length})`);
}
