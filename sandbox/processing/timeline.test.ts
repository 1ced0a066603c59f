import { describe, expect, it } from 'vitest';
import { bundledCatalog, findKind } from '../../shared/catalog/catalog';
import type { Decision } from './decision';
import { lifeAt, planWalk } from './timeline';

const DAY_MS = 20_000;
const license: Decision = { kind: 'license' };
const refusal: Decision = { kind: 'refusal', grounds: [{ code: 'data-unavailable', text: 'absent', basis: 'п. 8.5' }] };
const kindOf = (serviceId: string, kindId: string) => findKind(bundledCatalog, serviceId, kindId)!;
const texts = { registered: 'registered', decided: { status: 'completed' as const, code: 'license-issued', text: 'issued' } };

describe('processing walk', () => {
  it('walks the ЦОН path after registration, skipping failure branches and the hand-over, within a working-day cap', () => {
    const plan = planWalk(kindOf('seed004.monuments-works-license', 'issue'), license, DAY_MS);
    expect(plan.steps.map(({ step }) => step.id)).toEqual(['d3-document-check']);
    expect(planWalk(kindOf('seed004.monuments-works-license', 'issue'), refusal, DAY_MS).steps.map(({ step }) => step.id)).toEqual(['d3-document-check', 'd3-refusal']);
    // The check lasts its limit, the 15-day result time; the refusal's quarter day more is compressed into the cap.
    expect(plan.decidedAfterMs).toBe(15 * DAY_MS);
  });

  it('walks the refusal step instead of the positive decision for a refusal', () => {
    const ids = (decision: Decision) => planWalk(kindOf('seed000.space-activity-license', 'issue'), decision, DAY_MS).steps.map(({ step }) => step.id);
    expect(ids(license)).toContain('positive-decision');
    expect(ids(license)).not.toContain('motivated-refusal');
    expect(ids(refusal)).toContain('motivated-refusal');
    expect(ids(refusal)).not.toContain('positive-decision');
    expect(ids(refusal)[0]).toBe('management-resolution');
  });

  it('derives status and events from the time alone', () => {
    const plan = planWalk(kindOf('seed003.raw-gas-flaring-permit', 'permit'), license, DAY_MS);
    const receivedAt = new Date('2026-11-22T10:00:00Z');
    const at = (ms: number) => lifeAt(plan, receivedAt, new Date(receivedAt.getTime() + ms), texts);

    expect(at(0)).toEqual({ status: 'registered', events: [{ at: receivedAt.toISOString(), code: 'registered', text: 'registered' }], decidedAt: null });
    const first = plan.steps[0]!;
    const reviewing = at(first.afterMs);
    expect(reviewing.status).toBe('in_review');
    expect(reviewing.events[1]).toMatchObject({ stepId: first.step.id, code: 'step-completed' });
    const done = at(plan.decidedAfterMs);
    expect(done.status).toBe('completed');
    expect(done.decidedAt).toEqual(new Date(receivedAt.getTime() + plan.decidedAfterMs));
    expect(done.events.at(-1)).toMatchObject({ code: 'license-issued', text: 'issued' });
    expect(done.events).toHaveLength(plan.steps.length + 2);
  });
});
