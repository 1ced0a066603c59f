/**
 * Builds the host services for one workstation and the handler table the adapters expose.
 * Shell-neutral: electron/main and electron/web both call this and only differ in how calls arrive.
 */
import { join } from 'node:path';
import { bundledCatalog } from '../../shared/catalog/catalog';
import type { HostHandlers } from '../../shared/host/hostApi';
import { HostError } from '../../shared/host/hostError';
import type { Language } from '../../shared/i18n/messages';
import { buildRequestXml } from '../../shared/request/requestDocument';
import { operatorIinAccepted } from '../../shared/pki/trustProfiles';
import { publicView } from '../../shared/settings/settingsSchema';
import { createWorkstationBackup, RESTORING_MARKER } from './backup/workstationBackup';
import { createAutomaticBackup, newestAutomaticBackup } from './backup/automaticBackup';
import { openReopenableAuditLog } from './backup/reopenableAuditLog';
import { createAuditRecorder, settingKeys } from './audit/auditHandlers';
import { createFileAuditKeyStore } from './audit/auditKeyStore';
import { AUDIT_WITNESS_FILE, createFileWitnessStore } from './audit/auditWitnessStore';
import { openAuditLog } from './audit/auditLog';
import { loginDigest } from './audit/loginDigest';
import { createCatalogStore } from './catalog/catalogStore';
import { createAttachmentSealer } from './gateway/attachmentSealer';
import { renderAcceptanceReceipt, renderRefusalReceipt, renderWithdrawalNotice } from './papers/receiptPdf';
import { statusUrl } from '../../shared/papers/receiptContent';
import { commitBody, createHttpGatewayTransport, TsaUnreachable, type Looked } from './gateway/gatewayTransport';
import { openGatewayConnection, vetGatewaySettings } from './gateway/gatewayConnection';
import type { GatewayFailure } from '../../shared/sync/syncOutcomes';
import { certificatesDerOfPem, verifyResult } from './gateway/resultVerifier';
import type { HostConfig } from './hostConfig';
import { combineKeyStores } from './keys/compositeKeyStore';
import { keyChoices } from './keys/keyChoices';
import { createNcaLayerKeyStore } from './keys/ncaLayerKeyStore';
import { createPkcs12FolderKeyStore } from './keys/pkcs12FolderKeyStore';
import { createCertificateMemory } from './keys/rememberedCertificates';
import { createDiagnostics } from './logging/diagnostics';
import { createOperatorAccounts } from './operators/operatorAccounts';
import { checkAccess, createOperatorSession, guardHandlers } from './operators/operatorSession';
import { createCrlCache } from './revocation/crlCache';
import { startRevocationWatch } from './revocation/revocationWatch';
import { fetchPublished } from './revocation/fetchPublished';
import { createOcspChecker } from './revocation/ocspClient';
import { startSigningPromptServer } from './signing/signingPromptServer';
import { createSigningSessions } from './signing/signingSessions';
import { startFolderInbox } from './scanning/folderInbox';
import { createScanBatches } from './scanning/scanBatches';
import { createScanDeviceDirectory } from './scanning/scanDevices';
import { startEsclBrowser } from './scanning/sources/esclDiscovery';
import { createEsclSource } from './scanning/sources/esclSource';
import { createSaneSource } from './scanning/sources/saneSource';
import { createDocumentStore } from './storage/documentStore';
import { createStartupSweep } from './storage/startupSweep';
import { INITIAL_UPDATE_STATE, type InstallDecision } from './updates/updatePolicy';

const HOUR_MS = 3_600_000;
/** Without an update control (no feed, or a build that cannot update itself) nothing is ever installed. */
const NO_UPDATER: InstallDecision = { install: false, reason: 'notDownloaded' };

export interface Host {
  handlers: HostHandlers;
  /** Origin of the signing prompt, which the application page must be allowed to frame. */
  promptOrigin: string;
  /** The updater asks before it installs: a backup comes first where the automatic backup is on (backup/automaticBackup.ts). */
  updateWaitsForBackup(): boolean;
  close(): Promise<void>;
}

function lookedUp<T>(answer: Looked<T>): { kind: 'found'; record: T } | { kind: 'none' } | GatewayFailure {
  if (!answer.ok) return answer.failure;
  return answer.value === null ? { kind: 'none' } : { kind: 'found', record: answer.value };
}

export async function createHost(config: HostConfig): Promise<Host> {
  // What a previous run left behind is older than this; what this run stores is newer and never swept.
  const startedAt = new Date();
  const accounts = createOperatorAccounts(join(config.dataDir, 'operators.json'), { iinAccepted: (iin) => operatorIinAccepted(iin, config.trust.profile) });
  const documents = createDocumentStore(join(config.dataDir, 'documents'), config.vault);
  // Files stored before encryption came are sealed in the background; until then they are read as they are.
  const migration = documents.migrate().then(
    ({ sealed }) => sealed > 0 && config.log.info('documents.sealed', { count: sealed }),
    (error: unknown) => config.log.error('documents.sealFailed', {}, error),
  );
  const startSettings = await config.settings.load();
  let signingLanguage: Language = startSettings.language;
  const keyFiles = createPkcs12FolderKeyStore(config.keysDir, {
    certificates: createCertificateMemory(join(config.dataDir, 'key-certificates.json')),
    onRememberFailed: (error) => config.log.warn('keys.rememberFailed', { reason: error instanceof Error ? error.message : 'unknown' }),
  });
  const keyStore = combineKeyStores([keyFiles, createNcaLayerKeyStore({ locale: () => signingLanguage })]);
  const catalogs = createCatalogStore({ folder: join(config.dataDir, 'catalogs'), bundled: bundledCatalog, trustedRootsPem: config.trust.anchorsPem });
  const settingsCredentials = async () => {
    const { gateway } = await config.settings.load();
    return { clientId: gateway.clientId, clientSecret: gateway.clientSecret };
  };
  const gateway = createHttpGatewayTransport({
    baseUrl: config.gatewayUrl,
    // Production: https:// only, the administrator's pinned certificate, never the sandbox (issue 16, item 3).
    connection: openGatewayConnection({
      production: !config.training,
      address: { url: config.gatewayUrl, pinnedCertificatePem: startSettings.gateway.pinnedCertificatePem },
      onRefused: (refusal) => config.log.warn('gateway.refused', { code: refusal.code }),
    }),
    documents,
    credentials: config.gatewayCredentials ?? settingsCredentials,
    uploadStateFile: join(config.dataDir, 'uploads.json'),
    atRest: config.vault,
    // The audit log opens further down; by the first commit it is there.
    auditWitness: () => auditLog.witness(),
  });
  const trustedRootsDer = config.trust.anchorsPem.flatMap(certificatesDerOfPem);
  const sealer = createAttachmentSealer({
    folder: join(config.dataDir, 'outgoing'),
    atRest: config.vault,
    timestamp: (requestDer) => gateway.timestamp(requestDer),
    onStampFailed: (error) => config.log.warn('signing.timestampFailed', { reason: error instanceof Error ? error.message : 'unknown' }),
  });
  const resolvePkiUrl = config.resolvePkiUrl ?? ((url: string) => url);
  // OCSP when online, the cached full and delta CRLs (from the CA's distribution points and the gateway) otherwise.
  const crlCache = createCrlCache({
    folder: join(config.dataDir, 'revocation'),
    fetchCrl: () => gateway.fetchCrl(),
    fetchUrl: (url) => fetchPublished(resolvePkiUrl(url)),
    trustedIssuersPem: config.trust.anchorsPem,
    maxAgeMs: startSettings.crlMaxAgeHours * HOUR_MS,
  });
  const revocation = startRevocationWatch({
    cache: crlCache,
    ocsp: createOcspChecker({ trustedIssuersPem: config.trust.anchorsPem, resolveUrl: resolvePkiUrl }),
    onOcspUnavailable: (reason) => config.log.info('revocation.ocspUnavailable', { reason }),
  });
  const signing = createSigningSessions({ keyStore, trust: config.trust, checkRevocation: revocation.check });
  const prompt = await startSigningPromptServer({ sessions: signing, appOrigin: config.appOrigin });
  const scanBatches = createScanBatches({ folder: join(config.dataDir, 'scans'), documents, sealer: config.vault });
  const sweep = createStartupSweep({ documents, scanBatches, ownerFile: join(config.dataDir, 'documents-owner.json'), startedAt, restoreMarker: join(config.dataDir, RESTORING_MARKER) });
  const saneSource = createSaneSource(config.saneEnv ? { env: config.saneEnv } : {});
  const esclBrowser = startEsclBrowser({ onError: (error) => config.log.warn('scan.discoveryFailed', { reason: error instanceof Error ? error.message : 'unknown' }) });
  const scanDevices = createScanDeviceDirectory(async () => [createEsclSource({ devices: [...(await config.settings.load()).scanner.esclUrls, ...esclBrowser.roots()] }), saneSource]);
  const folderInbox = startFolderInbox(scanBatches, (reason) => config.log.warn('scan.folderMoveFailed', { reason }));
  folderInbox.follow(startSettings.scanner.watchedFolder);
  // Signing is bound to whoever logged in here; the access table is enforced around every handler below.
  // The host locks an idle session itself, after the Settings' minutes (a change applies at once): issue 16, item 4.
  let idleLockMinutes = startSettings.idleLockMinutes;
  const session = createOperatorSession({
    idleLockMs: () => idleLockMinutes * 60_000,
    onIdleLocked: () => void audit.record('operator.locked', undefined, { by: 'idle' }),
  });
  // Checked at every call anyway; the timer only gets the lock into the audit log when it happens.
  const idleCheck = setInterval(() => session.current(), 5_000);
  idleCheck.unref();
  const auditDir = join(config.dataDir, 'audit');
  // Reopenable: a restore replaces the audit folder under it (backup/reopenableAuditLog.ts).
  // Its witness lives beside the data key and goes to the gateway with every submission; a signed request and a
  // registration are sealed by a checkpoint at once, so cutting the log back past one is always seen.
  const auditLog = await openReopenableAuditLog(() =>
    openAuditLog({
      dir: auditDir,
      keyStore: createFileAuditKeyStore(join(auditDir, 'audit-key.sealed'), config.vault),
      witnessStore: createFileWitnessStore(join(config.dataDir, 'vault', AUDIT_WITNESS_FILE)),
      checkpointAfter: ['request.signed', 'submission.registered'],
    }),
  );
  /** `audit.record(action, subject?, details?)`: an entry in the name of whoever is logged in; never throws. */
  const audit = createAuditRecorder(auditLog, session, config.log, async () => {
    const kept = await gateway.auditWitness();
    return kept.ok && kept.value ? [{ witness: kept.value, source: 'gateway' }] : [];
  });
  // Who handed a signing ticket out, so the signature is recorded against its submission.
  const ticketSubmissions = new Map<string, string>();
  /** Failures the gateway answered are worth a warning; success and a missing link are routine. */
  const logOutcome = (event: string, fields: Record<string, string | number>, outcome: { kind: string; httpStatus?: number }) => {
    if (['uploaded', 'accepted', 'unreachable'].includes(outcome.kind)) config.log.info(event, fields);
    else config.log.warn(event, { ...fields, ...(outcome.httpStatus ? { status: outcome.httpStatus } : {}) });
  };
  const backupOptions = { dataDir: config.dataDir, settings: config.settings, appVersion: config.version, training: config.training, vault: config.vault, liveAudit: auditLog };
  const backup = createWorkstationBackup(backupOptions);
  // Its own backup instance: an automatic run never drops an administrator's manual backup under way.
  const automaticBackupFiles = createWorkstationBackup(backupOptions);
  const automaticBackup = createAutomaticBackup({
    dataDir: config.dataDir,
    settings: config.settings,
    sealer: config.vault,
    backup: automaticBackupFiles,
    log: config.log,
    updatePending: () => config.updates?.state().phase === 'downloaded',
  });
  // Known before the updater first asks whether an update must wait for a backup.
  void automaticBackup.status().catch((error: unknown) => config.log.error('backup.automaticFailed', {}, error));
  /** The activity the page last reported: offered to the updater again once the backup before an update is over. */
  let lastActivity = { operatorBusy: false, outboxPending: 0 };
  const afterAutomaticBackup = () => {
    if (config.updates?.state().phase === 'downloaded') config.updates.reportActivity(lastActivity);
  };
  // Restore is disaster recovery: an administrator's, or anyone's on a workstation nobody has been set up on yet.
  const mayRestore = async () => {
    if (await accounts.hasOperators()) checkAccess('backup.begin', session.current());
  };
  /** A settings change from the screen or a rollout file: applied, recorded by the names it touched, answered without secrets. */
  const applySettings = async (patch: unknown, details?: { source: 'file' }) => {
    const { settings, restartNeeded, vetted } = await config.settings.apply(patch, vetGatewaySettings);
    idleLockMinutes = settings.idleLockMinutes;
    await audit.record('settings.changed', settingKeys(patch).join(','), details);
    return { settings: publicView(settings), restartNeeded, ...(vetted ? { gatewayCheck: vetted } : {}) };
  };

  const handlers: HostHandlers = {
    'app.info': async () => {
      const { office, language, idleLockMinutes, retentionDays } = await config.settings.load();
      return { version: config.version, shell: config.shell, training: config.training, office, language, idleLockMinutes, retentionDays, trustProfile: config.trust.profile };
    },
    'operators.status': async () => ({ hasOperators: await accounts.hasOperators() }),
    'operators.create': async (args) => {
      const operator = await accounts.createFirst(args);
      session.begin(operator, false);
      await audit.record('operator.accountChanged', operator.id, { change: 'created', role: operator.role });
      await config.onOperatorCreated?.(operator);
      return operator;
    },
    'operators.login': async ({ login, password }) => {
      const { mustChangePassword, ...operator } = await accounts.login(login, password).catch(async (error: unknown) => {
        // What was typed may be a password typed in the wrong field: the log keeps only a keyed hash of it.
        if (error instanceof HostError) await audit.record(error.code === 'operators.lockedOut' ? 'operator.lockedOut' : 'operator.loginFailed', loginDigest(config.vault.auditLoginKey(), login), { code: error.code });
        throw error;
      });
      session.begin(operator, mustChangePassword);
      await audit.record('operator.login', operator.login, { role: operator.role });
      return { ...operator, mustChangePassword };
    },
    'operators.logout': async () => (await audit.record('operator.logout'), session.end(), {}),
    'operators.lock': async () => (session.lock(), await audit.record('operator.locked'), {}),
    'operators.activity': async () => ({ idleLockAt: new Date(session.touch()).toISOString() }),
    'operators.unlock': async ({ password }) => {
      const locked = session.current();
      if (!locked) throw new HostError('operators.notLoggedIn');
      const operator = await accounts.verify(locked.operator.id, password);
      session.unlock();
      await audit.record('operator.unlocked');
      return operator;
    },
    'operators.changePassword': async ({ oldPassword, newPassword }) => {
      const operator = await accounts.changePassword(session.operator().id, oldPassword, newPassword);
      session.passwordChanged();
      await audit.record('operator.accountChanged', operator.id, { change: 'ownPassword' });
      return operator;
    },
    'operators.list': async () => accounts.list(),
    // Account changes are recorded by what changed (names of fields, the role), never a password.
    'operators.add': async (account) => {
      const added = await accounts.add(account);
      await audit.record('operator.accountChanged', added.id, { change: 'added', role: added.role });
      return added;
    },
    'operators.update': async ({ id, ...changes }) => {
      const updated = await accounts.update(id, changes);
      session.accountChanged(updated);
      await audit.record('operator.accountChanged', id, { change: 'updated', fields: Object.keys(changes), role: updated.role });
      return updated;
    },
    'operators.resetPassword': async ({ id, password }) => {
      const reset = await accounts.resetPassword(id, password);
      await audit.record('operator.accountChanged', id, { change: 'passwordReset' });
      return reset;
    },
    'documents.put': async ({ contentBase64 }) => documents.put(Buffer.from(contentBase64, 'base64')),
    'scan.devices': async () => {
      const { scanner } = await config.settings.load();
      folderInbox.follow(scanner.watchedFolder);
      await esclBrowser.refresh();
      return { devices: await scanDevices.discover(), defaultDevice: scanner.defaultDevice, defaultProfile: scanner.defaultProfile, watchedFolder: scanner.watchedFolder };
    },
    'scan.open': async ({ profile }) => {
      const view = await scanBatches.open(profile);
      await folderInbox.drain();
      return scanBatches.view(view.batchId);
    },
    'scan.view': async ({ batchId }) => scanBatches.view(batchId),
    'scan.start': async ({ batchId, deviceId, input, placement }) => {
      const { device, source } = await scanDevices.find(deviceId);
      return scanBatches.scan(batchId, device, source, input, placement);
    },
    'scan.cancel': async ({ batchId }) => scanBatches.cancel(batchId),
    'scan.import': async ({ batchId, fileName, contentBase64 }) => scanBatches.importFile(batchId, { fileName, bytes: Buffer.from(contentBase64, 'base64') }),
    'scan.edit': async ({ batchId, edit }) => scanBatches.edit(batchId, edit),
    'scan.finish': async ({ batchId, title, subject }) => ({ documents: await scanBatches.finish(batchId, { title, subject, author: session.operator().fullName }) }),
    'scan.discard': async ({ batchId }) => (await scanBatches.discard(batchId), {}),
    'catalog.current': async () => catalogs.current(),
    'catalog.get': async ({ version }) => catalogs.get(version),
    'catalog.import': async ({ contentBase64 }) => {
      const catalog = await catalogs.importPackage(Buffer.from(contentBase64, 'base64'), new Date());
      await audit.record('catalog.imported', catalog.version);
      return catalog;
    },
    'settings.get': async () => publicView(await config.settings.load()),
    'settings.update': async (patch) => applySettings(patch),
    'settings.import': async ({ contentBase64 }) => {
      let patch: unknown;
      try {
        patch = JSON.parse(Buffer.from(contentBase64, 'base64').toString('utf8'));
      } catch {
        throw new HostError('settings.invalid', 'the file is not JSON');
      }
      return applySettings(patch, { source: 'file' });
    },
    'backup.begin': async ({ passphrase }) => backup.begin({ passphrase, folder: (await config.settings.load()).backupFolder || join(config.dataDir, 'backups') }),
    'backup.addRows': async (page) => backup.addRows(page),
    'backup.finish': async ({ backupId }) => {
      const result = await backup.finish({ backupId });
      config.log.info('backup.created', { bytes: result.bytes, count: result.documents });
      await audit.record('backup.created', result.fileName, { bytes: result.bytes, documents: result.documents, rows: result.rows });
      return result;
    },
    'backup.status': async ({ backupId }) => backup.status({ backupId }),
    'backup.inspect': async (file) => (await mayRestore(), backup.inspect(file)),
    'backup.restore': async (file) => {
      await mayRestore();
      const restored = await backup.restore(file);
      config.log.info('backup.restored', { count: restored.manifest.documents });
      // Into the restored chain, in the name of whoever restored it; then their session ends with the accounts it came from.
      await audit.record('backup.restored', restored.manifest.createdAt, { office: restored.manifest.office.code, documents: restored.manifest.documents, appVersion: restored.manifest.appVersion });
      session.end();
      return restored;
    },
    // The restoreId is the capability: only the caller that passed the restore check holds it.
    'backup.readRows': async (page) => backup.readRows(page),
    'autoBackup.due': async () => automaticBackup.due(),
    'autoBackup.begin': async () => automaticBackup.begin().catch((error: unknown) => (afterAutomaticBackup(), Promise.reject(error))),
    'autoBackup.addRows': async (page) => automaticBackup.addRows(page).catch((error: unknown) => (afterAutomaticBackup(), Promise.reject(error))),
    'autoBackup.finish': async ({ backupId }) => {
      try {
        const made = await automaticBackup.finish({ backupId });
        await audit.record('backup.created', made.fileName, { bytes: made.bytes, documents: made.documents, rows: made.rows, automatic: true });
        return { fileName: made.fileName, bytes: made.bytes };
      } finally {
        afterAutomaticBackup();
      }
    },
    'autoBackup.status': async () => automaticBackup.status(),
    'autoBackup.setKey': async (key) => {
      await automaticBackup.setKey(key);
      await audit.record('settings.changed', 'autoBackup.key');
      return {};
    },
    'autoBackup.newest': async ({ folder }) => {
      await mayRestore();
      const searched = folder || (await config.settings.load()).autoBackup.folder;
      return { folder: searched, newest: searched ? await newestAutomaticBackup(searched) : null };
    },
    'documents.get': async ({ sha256 }) => ({ contentBase64: Buffer.from(await documents.get(sha256)).toString('base64') }),
    'documents.purge': async ({ sha256s }) => {
      const removed = await documents.purge(sha256s);
      config.log.info('documents.purged', { count: removed });
      return { removed };
    },
    'vault.keys': async () => {
      const { fieldKey, indexKey } = config.vault.fieldKeys();
      return { fieldKeyBase64: fieldKey.toString('base64'), indexKeyBase64: indexKey.toString('base64') };
    },
    'documents.sweep': async (request) => {
      const outcome = await sweep(request);
      config.log.info('scan.swept', { count: outcome.removedBatches });
      if (outcome.missing.length > 0) config.log.warn('documents.missing', { count: outcome.missing.length });
      // Last, so that a reader of the log sees the whole clean-up once this line is there.
      config.log.info('documents.swept', { state: outcome.swept ? 'swept' : 'notOwner', count: outcome.removedDocuments });
      return outcome;
    },
    // Judged as a signing act by this operator would be now; revocation only from the cached lists (no OCSP round
    // trip for a picker), and only a revocation counts: a stale list is the CRL line's news, not the key's fault.
    'keys.list': async () =>
      keyChoices(await keyStore.list(), {
        expectedIin: session.operator().iin,
        trust: config.trust,
        at: new Date(),
        checkRevocation: async (certificatePem) => {
          const verdict = await crlCache.checkCertificate(certificatePem);
          if (!verdict.ok && verdict.code === 'keys.revoked') throw new HostError('keys.revoked');
        },
      }),
    'trust.status': async () => {
      const { certificates, ...report } = config.trust.report;
      return { ...report, certificates: certificates.map(({ file, commonName, role, sourceUrl, required, state, inUseSha256 }) => ({ file, commonName, role, sourceUrl, required, state, inUseSha256 })) };
    },
    'revocation.status': async () => {
      const { fetchedAt, ageMs, stale } = await revocation.status();
      return { fetchedAt, ageMs, stale, maxAgeHours: startSettings.crlMaxAgeHours };
    },
    'signing.start': async ({ keyId, language, document }) => {
      const operator = session.operator();
      if (document.operator.iin !== operator.iin) throw new HostError('keys.iinMismatch');
      signingLanguage = language;
      const attachments = document.attachments.map(({ sha256 }) => ({ sha256, read: () => documents.get(sha256) }));
      const ticket = signing.open({ keyId, expectedIin: operator.iin, xml: buildRequestXml(document), attachments });
      ticketSubmissions.set(ticket, document.submissionId);
      return { ticket, promptUrl: prompt.urlFor(ticket, language) };
    },
    'signing.result': async ({ ticket }) => {
      const result = signing.result(ticket);
      if (result.state !== 'pending') config.log.info('signing.finished', { state: result.state });
      const submissionId = ticketSubmissions.get(ticket);
      if (result.state !== 'pending' && submissionId) {
        ticketSubmissions.delete(ticket);
        if (result.state === 'signed') await audit.record('request.signed', submissionId, { certificateSerial: result.signer.serialNumber });
      }
      return result;
    },
    'updates.status': async () => config.updates?.state() ?? INITIAL_UPDATE_STATE,
    'updates.reportActivity': async (activity) => ((lastActivity = activity), config.updates?.reportActivity(activity) ?? NO_UPDATER),
    'updates.install': async () => config.updates?.install() ?? NO_UPDATER,
    'diagnostics.export': async ({ queueSummary }) => ({
      ...createDiagnostics({
        version: config.version,
        ...(process.versions.electron ? { electronVersion: process.versions.electron } : {}),
        platform: process.platform,
        queueSummary,
        recentErrors: config.log.recentErrors(),
        catalogVersion: (await catalogs.current()).version,
        ...(config.updates ? { update: config.updates.state() } : {}),
      }),
    }),
    'gateway.probe': async () => ({ reachable: await gateway.probe() }),
    'gateway.upload': async ({ submissionId, firstAttempt, ...attachment }) => {
      const started = Date.now();
      const outcome = await gateway.upload(attachment, { firstAttempt: firstAttempt ?? false });
      logOutcome('sync.upload', { submissionId, state: outcome.kind, durationMs: Date.now() - started, ...(outcome.kind === 'uploaded' ? { bytes: outcome.bytesSent } : {}) }, outcome);
      return outcome;
    },
    'gateway.commit': async (submission) => {
      const started = Date.now();
      let attachments;
      try {
        attachments = await sealer.seal(submission.submissionId, submission.attachments);
      } catch (error) {
        if (error instanceof TsaUnreachable) return { kind: 'unreachable', detail: `TSA: ${error.message}` };
        throw error;
      }
      const body = await commitBody(submission.signedXml, attachments, (sha256) => documents.size(sha256));
      const outcome = await gateway.commit(submission.submissionId, body);
      logOutcome('sync.commit', { submissionId: submission.submissionId, state: outcome.kind, durationMs: Date.now() - started }, outcome);
      if (outcome.kind === 'accepted') await audit.record('submission.registered', submission.submissionId, { registrationNumber: outcome.registrationNumber, status: outcome.status });
      return outcome;
    },
    'gateway.poll': async ({ submissionId }) => {
      const answer = await gateway.status(submissionId);
      if (!answer.ok) return answer.failure;
      const { status, events, result } = answer.value;
      return { kind: 'status', status, events, decided: result !== undefined };
    },
    'gateway.result': async ({ submissionId }) => {
      const answer = await gateway.result(submissionId);
      if (!answer.ok) return answer.failure;
      const result = answer.value;
      const verdict = await verifyResult(result, { submissionId, trustedRootsDer });
      if (!verdict.ok) {
        config.log.warn('sync.resultInvalid', { submissionId, reason: verdict.reason });
        return { kind: 'invalid', detail: verdict.reason };
      }
      const stored = await documents.put(verdict.document);
      config.log.info('sync.result', { submissionId, state: result.kind });
      await audit.record('result.received', submissionId, { kind: result.kind, documentSha256: stored.sha256 });
      return {
        kind: 'result',
        result: {
          kind: result.kind,
          decidedAt: result.decidedAt,
          documentSha256: stored.sha256,
          fileName: result.document.fileName,
          ...(result.licenseNumber ? { licenseNumber: result.licenseNumber } : {}),
          ...(result.grounds ? { grounds: result.grounds } : {}),
          signedBy: verdict.signedBy,
        },
      };
    },
    'registry.individual': async ({ iin }) => lookedUp(await gateway.individual(iin)),
    'registry.legalEntity': async ({ bin }) => lookedUp(await gateway.legalEntity(bin)),
    'registry.powerOfAttorney': async ({ number }) => lookedUp(await gateway.powerOfAttorney(number)),
    'registry.payment': async ({ reference }) => lookedUp(await gateway.payment(reference)),
    'papers.acceptanceReceipt': async (content) => {
      const bytes = await renderAcceptanceReceipt(content, statusUrl(config.gatewayUrl, content.submissionId), config.training);
      return { ...(await documents.put(bytes)), fileName: `receipt-${content.localNumber}.pdf` };
    },
    'papers.refusalReceipt': async (content) => {
      const bytes = await renderRefusalReceipt(content, config.training);
      return { ...(await documents.put(bytes)), fileName: `refusal-${content.localNumber}.pdf` };
    },
    'papers.withdrawalNotice': async (content) => {
      const bytes = await renderWithdrawalNotice(content, config.training);
      return { ...(await documents.put(bytes)), fileName: `withdrawal-${content.localNumber}.pdf` };
    },
    ...audit.handlers,
  };

  return {
    handlers: guardHandlers(handlers, session),
    promptOrigin: prompt.origin,
    updateWaitsForBackup: () => automaticBackup.updateWaitsForBackup(),
    close: async () => {
      clearInterval(idleCheck);
      revocation.stop();
      folderInbox.close();
      esclBrowser.close();
      await prompt.close();
      await migration;
      await backup.close();
      await automaticBackupFiles.close();
      // Last: what the closing services did is recorded, then sealed by the closing checkpoint.
      await auditLog.close();
    },
  };
}
