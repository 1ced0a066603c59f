import { useEffect, useEffectEvent, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { FormDefinition } from '../../../../shared/forms/formSchema';
import type { HostResult } from '../../../../shared/host/hostApi';
import type { Language } from '../../../../shared/i18n/messages';
import type { RequestDocument } from '../../../../shared/request/requestDocument';
import { useAppServices, useSession } from '../../app/appContext';
import { Dialog } from '../../app/Dialog';
import { useErrorText } from '../../app/useErrorText';
import type { RequestRow } from '../../db/database';
import { queueSignedRequest, QueueRefusedError } from '../../db/requestQueue';
import { buildRequestDocument } from '../requests/requestDrafts';
import { TRAINING_KEY_PASSWORD } from '../../../../shared/training/trainingKeys';
import { KeyDetails, RefusedKeys } from './KeyDetails';
import { preselectedKey, useKeyLabel } from './keyPicker';

type Keys = HostResult<'keys.list'>;
/** The prompt keeps the attachments of the document being signed: exactly these are queued, whatever is attached meanwhile. */
type Stage = { step: 'review' } | { step: 'choose' } | { step: 'prompt'; ticket: string; promptUrl: string; attachments: RequestDocument['attachments'] };

/**
 * Signing: the operator reads the request back (review), then picks a key here; the password is typed into the host's own prompt, framed from
 * another origin, so this page never sees it. Only the signed XML comes back, and it is queued at once.
 */
export function SignDialog({ request, form, review, onClose }: { request: RequestRow; form: FormDefinition; review: ReactNode; onClose(): void }) {
  const { t, i18n } = useTranslation();
  const { host, db, info, syncNow } = useAppServices();
  const { operator } = useSession();
  const errorText = useErrorText();
  const keyLabel = useKeyLabel();
  const [keys, setKeys] = useState<Keys | null>(null);
  const [keyId, setKeyId] = useState('');
  const [stage, setStage] = useState<Stage>({ step: 'review' });
  const [error, setError] = useState('');
  const [crl, setCrl] = useState<HostResult<'revocation.status'> | null>(null);
  const frame = useRef<HTMLIFrameElement>(null);

  useEffect(() => {
    host.call('revocation.status', {}).then(setCrl, () => setCrl(null));
  }, [host]);

  useEffect(() => {
    host.call('keys.list', {}).then(
      (found) => {
        setKeys(found);
        setKeyId(preselectedKey(found));
      },
      (failure) => setError(errorText(failure)),
    );
  }, [host, errorText]);

  // The prompt's answer is handled with the dialog as it is when the answer comes, not as it was when the prompt opened.
  const onPromptMessage = useEffectEvent(async (event: MessageEvent) => {
    if (stage.step !== 'prompt' || event.origin !== new URL(stage.promptUrl).origin || event.data?.type !== 'qabyl.signing' || event.data.ticket !== stage.ticket) return;
    if (event.data.state !== 'signed') {
      setStage({ step: 'choose' });
      setError(event.data.state === 'cancelled' ? t('sign.cancelled') : t('errors.signing.tooManyAttempts'));
      return;
    }
    try {
      const result = await host.call('signing.result', { ticket: stage.ticket });
      if (result.state !== 'signed') return;
      await queueSignedRequest(db, {
        requestId: request.id,
        signedXml: result.signedXml,
        signer: result.signer,
        attachments: stage.attachments.map(({ sha256, fileName, mimeType }) => {
          const cmsBase64 = result.attachmentSignatures.find((signature) => signature.sha256 === sha256)?.cmsBase64;
          return { sha256, fileName, mimeType, ...(cmsBase64 ? { cmsBase64 } : {}) };
        }),
        operatorId: operator.id,
        now: Date.now(),
      });
      syncNow();
      onClose();
    } catch (failure) {
      setStage({ step: 'choose' });
      setError(failure instanceof QueueRefusedError && failure.reason === 'documents_changed' ? t('sign.documentsChanged') : errorText(failure));
    }
  });
  const prompting = stage.step === 'prompt';
  useEffect(() => {
    if (!prompting) return;
    const onMessage = (event: MessageEvent) => void onPromptMessage(event);
    window.addEventListener('message', onMessage);
    return () => window.removeEventListener('message', onMessage);
  }, [prompting]);

  async function start() {
    setError('');
    try {
      const document = await buildRequestDocument(db, request, form, operator, info.office);
      const { ticket, promptUrl } = await host.call('signing.start', { keyId, language: i18n.language as Language, document });
      setStage({ step: 'prompt', ticket, promptUrl, attachments: document.attachments });
    } catch (failure) {
      setError(errorText(failure));
    }
  }

  return (
    <Dialog titleId="sign-title" title={t('sign.title')} onEscape={stage.step === 'prompt' ? undefined : onClose}>
        {stage.step === 'review' && (
          <form
            onSubmit={(event) => {
              event.preventDefault();
              setStage({ step: 'choose' });
            }}
          >
            {review}
            <div className="actions">
              <button type="button" className="secondary" onClick={onClose}>
                {t('intake.backToForm')} (Esc)
              </button>
              <button type="submit" id="review-confirm" autoFocus>
                {t('intake.reviewConfirm')} (Enter)
              </button>
            </div>
          </form>
        )}
        {stage.step === 'choose' && (
          <form
            onSubmit={(event) => {
              event.preventDefault();
              void start();
            }}
          >
            {keys && keys.length === 0 && <p className="error">{t('sign.noKeys')}</p>}
            {keys && keys.length > 0 && (
              <div className="field">
                <label htmlFor="sign-key">{t('sign.chooseKey')}</label>
                <select
                  id="sign-key"
                  aria-describedby="sign-key-details"
                  value={keyId}
                  onChange={(event) => setKeyId(event.target.value)}
                  // A select swallows Enter instead of submitting; the operator expects Enter to go on.
                  onKeyDown={(event) => {
                    if (event.key === 'Enter') {
                      event.preventDefault();
                      void start();
                    }
                  }}
                  autoFocus
                >
                  {keys.map((key) => (
                    // A key that cannot sign stays in the list with its reason below, but cannot be chosen.
                    <option key={key.id} value={key.id} disabled={key.refusal !== null}>
                      {keyLabel(key)}
                    </option>
                  ))}
                </select>
                <KeyDetails choice={keys.find((key) => key.id === keyId) ?? null} />
                <RefusedKeys keys={keys} />
              </div>
            )}
            {crl && (
              <p className={crl.stale ? 'error small' : 'muted small'} data-testid="crl-status">
                {crl.ageMs === null ? t('sign.crlNone') : t('sign.crlAge', { hours: Math.floor(crl.ageMs / 3_600_000), max: crl.maxAgeHours })}
              </p>
            )}
            {info.training && <p className="muted small">{t('sign.trainingPassword', { password: TRAINING_KEY_PASSWORD })}</p>}
            {error && (
              <p className="error" role="alert">
                {error}
              </p>
            )}
            <div className="actions">
              <button type="button" className="secondary" onClick={onClose}>
                {t('sign.cancel')} (Esc)
              </button>
              <button type="submit" id="sign-start" disabled={!keyId}>
                {t('sign.start')}
              </button>
            </div>
          </form>
        )}
        {stage.step === 'prompt' && (
          <iframe ref={frame} title={t('sign.title')} src={stage.promptUrl} className="sign-prompt" onLoad={() => {
              // The prompt is another origin, where autofocus does not reach: focus its window, and the prompt puts the caret in the password.
              frame.current?.focus();
              frame.current?.contentWindow?.focus();
            }}
          />
        )}
    </Dialog>
  );
}
