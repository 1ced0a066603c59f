/**
 * The host's own password prompt. It is served from a separate loopback origin, so the application page
 * that frames it can neither read the field nor script it (same-origin policy), in Electron and in a browser.
 */
import { messages, type Language } from '../../../shared/i18n/messages';
import { NCALAYER_KEY_ID } from '../keys/ncaLayerKeyStore';

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

export function renderSigningPromptPage(options: { ticket: string; keyId: string; language: Language; appOrigin: string; nonce: string }): string {
  const text = messages[options.language];
  // NCALayer asks for the key and password in its own window; our prompt then only starts the act.
  const viaNcaLayer = options.keyId === NCALAYER_KEY_ID;
  const secretField = viaNcaLayer
    ? `<p>${escapeHtml(text.sign.ncaLayerHint)}</p>`
    : `<label for="password">${escapeHtml(text.sign.password)}</label>
  <input id="password" name="password" type="password" autofocus required>`;
  const submitText = viaNcaLayer ? text.sign.withNcaLayer : text.sign.submit;
  const errorTexts = JSON.stringify({ ...text.errors, fallback: text.errors.unexpected });
  const config = JSON.stringify({ ticket: options.ticket, appOrigin: options.appOrigin, working: text.sign.working, done: text.sign.done });
  return `<!doctype html>
<html lang="${options.language}">
<head>
<meta charset="utf-8">
<title>${escapeHtml(text.sign.title)}</title>
<style nonce="${options.nonce}">
  body { font: 15px/1.4 system-ui, sans-serif; margin: 0; padding: 12px 16px; background: #fffdf5; color: #1d2733; }
  label { display: block; margin: 8px 0 4px; font-weight: 600; }
  input { font: inherit; padding: 6px 8px; width: 100%; box-sizing: border-box; border: 1px solid #8a96a3; border-radius: 4px; }
  .key { font-family: ui-monospace, monospace; word-break: break-all; }
  .actions { margin-top: 12px; display: flex; gap: 8px; }
  button { font: inherit; padding: 6px 14px; border-radius: 4px; border: 1px solid #2b5d8c; background: #2b5d8c; color: #fff; }
  button.secondary { background: #fff; color: #2b5d8c; }
  .error { color: #a4161a; margin-top: 8px; min-height: 1.4em; }
  .hint { color: #52606d; font-size: 13px; margin-top: 8px; }
</style>
</head>
<body>
<form id="prompt" autocomplete="off">
  <div>${escapeHtml(text.sign.keyFile)}: <span class="key">${escapeHtml(options.keyId)}</span></div>
  ${secretField}
  <div class="error" id="error" role="alert"></div>
  <div class="actions">
    <button type="submit" id="submit"${viaNcaLayer ? ' autofocus' : ''}>${escapeHtml(submitText)}</button>
    <button type="button" class="secondary" id="cancel">${escapeHtml(text.sign.cancel)} (Esc)</button>
  </div>
  <div class="hint">${escapeHtml(text.sign.hint)}</div>
</form>
<script nonce="${options.nonce}">
  const config = ${config};
  const errors = ${errorTexts};
  const form = document.getElementById('prompt');
  const field = document.getElementById('password');
  const errorBox = document.getElementById('error');
  const submitButton = document.getElementById('submit');
  const tell = (state) => window.parent.postMessage({ type: 'qabyl.signing', ticket: config.ticket, state }, config.appOrigin);
  const post = (path, body) => fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    errorBox.textContent = config.working;
    submitButton.disabled = true;
    try {
      const response = await post(location.pathname, { password: field ? field.value : '' });
      const answer = await response.json();
      if (response.ok) { errorBox.textContent = config.done; tell('signed'); return; }
      errorBox.textContent = errors[answer.error] || errors.fallback;
      if (answer.error === 'signing.tooManyAttempts' || answer.error === 'signing.unknownTicket') tell('failed');
    } catch {
      errorBox.textContent = errors.fallback;
    } finally {
      if (field) field.value = '';
      submitButton.disabled = false;
      (field || submitButton).focus();
    }
  });
  const cancel = async () => { await post(location.pathname + '/cancel', {}).catch(() => undefined); tell('cancelled'); };
  document.getElementById('cancel').addEventListener('click', cancel);
  document.addEventListener('keydown', (event) => { if (event.key === 'Escape') cancel(); });
  (field || submitButton).focus();
  // The page that frames this prompt hands it the focus once loaded; the caret goes where the operator types.
  window.addEventListener('focus', () => (field || submitButton).focus());
</script>
</body>
</html>`;
}
