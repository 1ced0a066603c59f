import { useTranslation } from 'react-i18next';
import type { RequestKind } from '../../../../shared/catalog/catalogSchema';
import { outcomeOf, stepDeadlines } from '../../../../shared/catalog/deadlines';
import type { TimelineEvent } from '../../../../shared/gateway/gatewayProtocol';
import { isWindowStep, stepsDoneAtAcceptance } from '../../../../shared/catalog/windowSteps';
import type { Language } from '../../../../shared/i18n/messages';
import { durationText } from '../catalog/durationText';

/**
 * The regulation's steps on this request's own path (its kind, re-issue ground and ЦОН channel; the refusal or
 * "returned" branch only once the provider decided so) with their due moments (working time on the working-day
 * calendar, counted from acceptance, never past the result deadline). A step the gateway has not reported done by its
 * due moment is flagged overdue; the window's own steps never are (windowSteps.ts): those before registration are done
 * once the request is accepted. A decision completes its own path only, so a licensed request never shows a refusal
 * branch as done.
 */
export function ProviderSteps({
  kind,
  groundId,
  acceptedAt,
  events,
  decision,
  handedOver,
  now,
}: {
  kind: RequestKind;
  groundId?: string | undefined;
  acceptedAt: string;
  events: TimelineEvent[];
  decision: 'license' | 'refusal' | null;
  handedOver: boolean;
  now: number;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const reported = new Set(events.flatMap((event) => (event.stepId ? [event.stepId] : [])));
  let steps: ReturnType<typeof stepDeadlines>;
  try {
    steps = stepDeadlines(kind, acceptedAt, { channel: 'serviceCentre', groundId, outcome: outcomeOf(kind, decision, reported), reported });
  } catch {
    return null; // outside the years the calendar knows: no due moments rather than wrong ones
  }
  const doneAtAcceptance = stepsDoneAtAcceptance(steps.path);
  return (
    <section aria-label={t('steps.title')}>
      <h3>{t('steps.title')}</h3>
      <ol className="steps" data-testid="provider-steps">
        {steps.path.map((step, index) => {
          const due = steps.due[index]?.dueAt ?? null;
          // The hand-over at the window waits for the applicant, not for the decision.
          const done = reported.has(step.id) || doneAtAcceptance.has(step.id) || (isWindowStep(step) ? handedOver : decision !== null);
          const overdue = !done && !isWindowStep(step) && due !== null && due < now;
          return (
            <li key={step.id} data-step={step.id} data-state={done ? 'done' : overdue ? 'overdue' : 'pending'} className={overdue ? 'overdue' : done ? 'done' : ''}>
              <strong>{step.actor[language]}</strong>: {step.action[language]}
              <span className="muted">
                {step.duration && <> · {durationText(t, step.duration)}</>}
                {due !== null && <> · {t('steps.due', { at: new Date(due).toLocaleString(i18n.language, { timeZone: 'Asia/Almaty', dateStyle: 'short', timeStyle: 'short' }) })}</>}
              </span>{' '}
              {done ? <span className="badge">{t('steps.done')}</span> : overdue ? <span className="badge attention">{t('steps.overdue')}</span> : null}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
