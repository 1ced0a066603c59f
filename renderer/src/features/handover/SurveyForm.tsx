import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppServices, useSession } from '../../app/appContext';
import { useErrorText } from '../../app/useErrorText';
import type { SurveyAnswer } from '../../db/database';
import { recordSurvey } from '../../db/handOver';

const QUESTIONS = ['processQuality', 'informationQuality'] as const;
const ANSWERS: SurveyAnswer[] = [1, 2, 3];

/** Seed 004 Annex 4 / seed 001 Appendix 3: two questions, three answers each; arrows choose, Enter saves. */
export function SurveyForm({ requestId, onDone }: { requestId: string; onDone(): void }) {
  const { t } = useTranslation();
  const { db } = useAppServices();
  const { operator } = useSession();
  const errorText = useErrorText();
  const [answers, setAnswers] = useState<Partial<Record<(typeof QUESTIONS)[number], SurveyAnswer>>>({});
  const [error, setError] = useState('');

  async function save() {
    const { processQuality, informationQuality } = answers;
    if (!processQuality || !informationQuality) {
      setError(t('survey.answerBoth'));
      return;
    }
    try {
      await recordSurvey(db, requestId, { processQuality, informationQuality }, operator.id);
      onDone();
    } catch (failure) {
      setError(errorText(failure));
    }
  }

  return (
    <form
      data-testid="survey"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
      // Enter on a radio button does not submit a form by itself in every browser.
      onKeyDown={(event) => {
        if (event.key === 'Enter' && event.target instanceof HTMLInputElement && event.target.type === 'radio') {
          event.preventDefault();
          void save();
        }
      }}
    >
      <p className="muted">{t('survey.intro')}</p>
      {QUESTIONS.map((question, index) => (
        <fieldset key={question}>
          <legend>{t(`survey.${question}`)}</legend>
          {ANSWERS.map((answer) => (
            <label key={answer} className="checkbox">
              <input
                type="radio"
                name={question}
                id={`survey-${question}-${answer}`}
                checked={answers[question] === answer}
                onChange={() => setAnswers({ ...answers, [question]: answer })}
                autoFocus={index === 0 && answer === 1}
              />
              {t(`survey.answer${answer}`)}
            </label>
          ))}
        </fieldset>
      ))}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="actions">
        <button type="button" className="secondary" onClick={onDone}>
          {t('survey.declined')}
        </button>
        <button type="submit" id="survey-save">
          {t('survey.save')} (Enter)
        </button>
      </div>
    </form>
  );
}
