import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { TextField } from '../../app/TextField';
import { readFileBase64 } from '../requests/readFileBase64';

export interface GatewayDraft {
  url: string;
  pinnedCertificatePem: string;
}

/** A certificate file as PEM text: PEM as it is, DER (a .cer from Windows) wrapped; the host checks it either way. */
export async function certificateFileAsPem(file: Blob): Promise<string> {
  const text = await file.text();
  if (text.includes('-----BEGIN CERTIFICATE-----')) return text.trim();
  const base64 = await readFileBase64(file);
  return `-----BEGIN CERTIFICATE-----\n${base64.replace(/(.{64})/g, '$1\n').trim()}\n-----END CERTIFICATE-----`;
}

/**
 * The production gateway's address and the certificate pinned for it, as Setup and Settings ask for them. What
 * was typed stays when the host refuses it; the host's reason is shown by the screen.
 */
export function GatewayFields({ idPrefix, value, onChange, required }: { idPrefix: string; value: GatewayDraft; onChange(next: GatewayDraft): void; required?: boolean }) {
  const { t } = useTranslation();
  const fileInput = useRef<HTMLInputElement>(null);
  const pinId = `${idPrefix}-gatewayPin`;

  return (
    <>
      <TextField id={`${idPrefix}-gatewayUrl`} label={t('settings.gatewayUrl')} value={value.url} onChange={(url) => onChange({ ...value, url })} {...(required ? { required } : {})} />
      <div className="field">
        <label htmlFor={pinId}>
          {t('gateway.pin')}
          {required && <span aria-hidden="true"> *</span>}
        </label>
        <textarea
          id={pinId}
          name={pinId}
          rows={4}
          spellCheck={false}
          value={value.pinnedCertificatePem}
          onChange={(event) => onChange({ ...value, pinnedCertificatePem: event.target.value })}
          aria-describedby={`${pinId}-hint`}
        />
        <p className="hint" id={`${pinId}-hint`}>
          {t('gateway.pinHint')}
        </p>
        <button type="button" className="secondary" id={`${pinId}-load`} onClick={() => fileInput.current?.click()}>
          {t('gateway.pinFile')}
        </button>
        <input
          ref={fileInput}
          id={`${pinId}-file`}
          type="file"
          accept=".pem,.crt,.cer,application/x-x509-ca-cert,application/pkix-cert"
          hidden
          onChange={(event) => {
            const file = event.target.files?.[0];
            event.target.value = '';
            if (file) void certificateFileAsPem(file).then((pinnedCertificatePem) => onChange({ ...value, pinnedCertificatePem }));
          }}
        />
      </div>
    </>
  );
}
