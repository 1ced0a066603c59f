/**
 * Runs the bad-input corpus against one training workstation: every case must end in its own message (never the
 * internal or unexpected one), said in kk, ru and en, three different texts; and afterwards a good call of the same
 * kind must still succeed on the same host.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { languages } from '../../shared/i18n/messages';
import { catalogCases } from './cases/catalog';
import { certificateCases } from './cases/certificate';
import { fileCases } from './cases/file';
import { formCases } from './cases/form';
import { gatewayCases } from './cases/gateway';
import { keyCases } from './cases/key';
import { queueCases } from './cases/queue';
import { settingsCases } from './cases/settings';
import { areas, genericTexts, KEPT, MIN_CASES, minimumPerArea } from './corpus';
import { startWorkstation, type Workstation } from './workstation';

const corpus = [...formCases, ...fileCases, ...keyCases, ...certificateCases, ...gatewayCases, ...catalogCases, ...settingsCases, ...queueCases];

describe('the bad-input corpus', () => {
  it(`has at least ${MIN_CASES} cases, each area its minimum, no id twice`, () => {
    expect(corpus.length).toBeGreaterThanOrEqual(MIN_CASES);
    for (const area of areas) expect(corpus.filter((entry) => entry.area === area).length, area).toBeGreaterThanOrEqual(minimumPerArea[area] ?? 1);
    expect(new Set(corpus.map((entry) => entry.id)).size).toBe(corpus.length);
    // The few inputs that are valid text are not what makes up the count.
    expect(corpus.filter((entry) => entry.expected !== KEPT).length).toBeGreaterThanOrEqual(MIN_CASES);
  });
});

let workstation: Workstation;
beforeAll(async () => {
  workstation = await startWorkstation();
}, 120_000);
afterAll(() => workstation?.close());

for (const area of areas) {
  describe(`bad input: ${area}`, () => {
    for (const entry of corpus.filter((candidate) => candidate.area === area)) {
      it(`${entry.id}: ${entry.description}`, async () => {
        const outcome = await entry.run(workstation);
        expect(workstation.gateway.disarm(), 'armed gateway answers no request came for').toBe(0);
        expect(outcome.key).toBe(entry.expected);
        if (entry.expected !== KEPT) {
          for (const language of languages) {
            const text = outcome.texts[language];
            expect(text.trim(), language).not.toBe('');
            expect(text, `${language}: no message under ${outcome.key}`).not.toBe(outcome.key);
            expect(genericTexts(language), language).not.toContain(text);
          }
          expect(new Set(languages.map((language) => outcome.texts[language])).size, 'kk, ru and en say it each in their own words').toBe(languages.length);
        }
        await entry.stillWorks(workstation);
      }, 120_000);
    }
  });
}
