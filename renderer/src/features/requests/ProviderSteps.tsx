import { useTranslation } from 'react-i18next';
import type { RequestKind } from '../../../../shared/catalog/catalogSchema';
import { stepDeadlines } from '../../../../shared/catalog/deadlines';
import type { TimelineEvent } from '../../../../shared/gateway/gatewayProtocol';
import { isWindowStep, stepsDoneAtAcceptance } from '../../../../shared/catalog/windowSteps';
import type { Language } from '../../../../shared/i18n/messages';
import { durationText } from '../catalog/durationText';

/**
 * The regulation's steps for this kind with their due moments (catalog durations on the working-day calendar,
 * counted from acceptance). A step the gateway has not reported done by its due moment is flagged overdue; the
 * window's own steps never are (windowSteps.ts): those before registration are done once the request is accepted.
 */
export function ProviderSteps({ kind, acceptedAt, events, decided, now }: { kind: RequestKind; acceptedAt: string; events: TimelineEvent[]; decided: boolean; now: number }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  let deadlines: ReturnType<typeof stepDeadlines>;
  try {
    deadlines = stepDeadlines(kind, acceptedAt);
  } catch {
    return null; // outside the years the calendar knows: no due moments rather than wrong ones
  }
  const reported = new Set(events.map((event) => event.stepId).filter(Boolean));
  const doneAtAcceptance = stepsDoneAtAcceptance(kind);
  return (
    <section aria-label={t('steps.title')}>
      <h3>{t('steps.title')}</h3>
      <ol className="steps" data-testid="provider-steps">
        {kind.steps.map((step, index) => {
          const due = deadlines[index]?.dueAt ?? null;
          const done = decided || reported.has(step.id) || doneAtAcceptance.has(step.id);
          const overdue = !done && !isWindowStep(step) && due !== null && due < now;
          return (
            <li key={step.id} data-state={done ? 'done' : overdue ? 'overdue' : 'pending'} className={overdue ? 'overdue' : done ? 'done' : ''}>
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
