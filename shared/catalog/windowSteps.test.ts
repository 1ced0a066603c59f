import { describe, expect, it } from 'vitest';
import { bundledCatalog, findKind } from './catalog';
import { isWindowStep, stepsDoneAtAcceptance } from './windowSteps';

describe('the window’s own steps', () => {
  it('are the operator’s steps of seed 004; acceptance completes those before registration, not the hand-over', () => {
    const kind = findKind(bundledCatalog, 'seed004.monuments-works-license', 'issue')!;
    expect([...stepsDoneAtAcceptance(kind.steps)]).toEqual(['d3-login', 'd3-select-service', 'd3-send-to-databases', 'd3-fill-scan-sign', 'd3-submit']);
    expect(isWindowStep(kind.steps.find((step) => step.id === 'd3-handover')!)).toBe(true);
    expect(stepsDoneAtAcceptance(kind.steps).has('d3-handover')).toBe(false);
    // The provider's steps stay the provider's.
    expect(kind.steps.filter(isWindowStep).every((step) => step.id.startsWith('d3-'))).toBe(true);
  });

  it('are none where a seed names no operator at the window', () => {
    const kind = findKind(bundledCatalog, 'seed003.hydrocarbon-license', 'issue')!;
    expect(stepsDoneAtAcceptance(kind.steps).size).toBe(0);
  });
});
