import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { bundledCatalog, findKind } from '../../../../shared/catalog/catalog';
import '../../i18n/i18n';
import { ProviderSteps } from './ProviderSteps';

const kind = findKind(bundledCatalog, 'seed004.monuments-works-license', 'issue')!;
const acceptedAt = '2026-03-10T05:00:00.000Z';

/** Each step's id and state as the page marks it, long after acceptance with nothing reported. */
function states(): Map<string, string | undefined> {
  const html = renderToStaticMarkup(<ProviderSteps kind={kind} acceptedAt={acceptedAt} events={[]} decided={false} now={Date.parse('2027-06-01T05:00:00.000Z')} />);
  const found = [...html.matchAll(/<li data-state="(\w+)"/g)].map((match) => match[1]);
  return new Map(kind.steps.map((step, index) => [step.id, found[index]]));
}

describe('ProviderSteps', () => {
  it('never flags the window’s own steps overdue: those before registration are done at acceptance, the hand-over waits', () => {
    const state = states();
    for (const id of ['d3-login', 'd3-select-service', 'd3-send-to-databases', 'd3-fill-scan-sign', 'd3-submit']) expect(state.get(id), id).toBe('done');
    expect(state.get('d3-handover')).toBe('pending');
    // A provider's step past its due moment with nothing reported still is.
    expect(state.get('d2-result')).toBe('overdue');
  });
});
