import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { bundledCatalog, findKind } from '../../../../shared/catalog/catalog';
import type { TimelineEvent } from '../../../../shared/gateway/gatewayProtocol';
import '../../i18n/i18n';
import { ProviderSteps } from './ProviderSteps';

const acceptedAt = '2026-03-10T05:00:00.000Z';
const later = Date.parse('2027-06-01T05:00:00.000Z');

/** Each listed step's id and state as the page marks it, long after acceptance. */
function states(serviceId: string, kindId: string, props: { decision?: 'license' | 'refusal' | null; events?: TimelineEvent[]; groundId?: string } = {}): Map<string, string> {
  const kind = findKind(bundledCatalog, serviceId, kindId)!;
  const html = renderToStaticMarkup(
    <ProviderSteps kind={kind} groundId={props.groundId} acceptedAt={acceptedAt} events={props.events ?? []} decision={props.decision ?? null} handedOver={false} now={later} />,
  );
  return new Map([...html.matchAll(/<li data-step="([\w-]+)" data-state="(\w+)"/g)].map((match) => [match[1]!, match[2]!]));
}

describe('ProviderSteps', () => {
  it('lists a seed 004 request’s own ЦОН path: the window’s steps are never overdue, the provider’s are', () => {
    const state = states('seed004.monuments-works-license', 'issue');
    expect([...state.keys()]).toEqual(['d3-login', 'd3-select-service', 'd3-send-to-databases', 'd3-fill-scan-sign', 'd3-submit', 'd3-register', 'd3-document-check', 'd3-handover']);
    for (const id of ['d3-login', 'd3-select-service', 'd3-send-to-databases', 'd3-fill-scan-sign', 'd3-submit']) expect(state.get(id), id).toBe('done');
    expect(state.get('d3-handover')).toBe('pending');
    expect(state.get('d3-document-check')).toBe('overdue');
  });

  it('never marks a failure branch done on a licensed request, nor lists it', () => {
    const licensed = states('seed003.hydrocarbon-license', 'issue', { decision: 'license' });
    expect([...licensed.keys()].filter((id) => /incomplete|refus/.test(id))).toEqual([]);
    expect([...licensed.values()].every((state) => state === 'done')).toBe(true);
    const refused = states('seed004.monuments-works-license', 'issue', { decision: 'refusal' });
    expect(refused.get('d3-refusal')).toBe('done');
    expect(refused.has('d3-handover')).toBe(false);
  });

  it('follows the re-issue ground and what the provider reported', () => {
    const simple = states('seed003.hydrocarbon-license', 'reissue', { groundId: 'legal-entity-name-or-location-changed' });
    expect([...simple.keys()].some((id) => id.startsWith('spinoff-'))).toBe(false);
    const returned = states('seed003.hydrocarbon-license', 'issue', { decision: 'refusal', events: [{ at: acceptedAt, code: 'step-completed', stepId: 'incomplete-sign', text: '' }] });
    expect([...returned.keys()].at(-1)).toBe('incomplete-sign');
    expect(returned.has('control-request')).toBe(false);
  });
});
