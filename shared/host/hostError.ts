/**
 * Errors crossing the host boundary carry a code, never prose: the renderer turns the code into the
 * operator's language (see shared/i18n), so a Russian-speaking host never leaks into a Kazakh UI.
 */
export const hostErrorCodes = [
  'bridge.unauthorized',
  'bridge.badRequest',
  'bridge.unknownMethod',
  'bridge.internal',
  'operators.alreadySetUp',
  'operators.loginTaken',
  'operators.invalidCredentials',
  'operators.weakPassword',
  'operators.notLoggedIn',
  'operators.forbidden',
  'operators.lockedOut',
  'operators.lastAdministrator',
  'operators.unknownAccount',
  'operators.samePassword',
  'operators.passwordChangeRequired',
  'operators.sessionLocked',
  'identity.invalidIin',
  'documents.empty',
  'documents.tooLarge',
  'documents.notFound',
  'keys.notFound',
  'keys.wrongPassword',
  'keys.unreadable',
  'keys.gost2004NeedsNcaLayer',
  'keys.notSigningKey',
  'keys.noPrivateKey',
  'keys.expired',
  'keys.notYetValid',
  'keys.iinMismatch',
  'keys.untrustedChain',
  'keys.wrongRole',
  'keys.revoked',
  'keys.crlStale',
  'keys.crlMissing',
  'keys.ncaLayerMissing',
  'keys.ncaLayerCancelled',
  'keys.ncaLayerWrongType',
  'keys.ncaLayerFailed',
  'keys.unsupportedAlgorithm',
  'keys.trustIncomplete',
  'settings.invalid',
  'gateway.notConfigured',
  'gateway.insecure',
  'gateway.pinMissing',
  'gateway.pinInvalid',
  'gateway.pinMismatch',
  'gateway.sandbox',
  'catalog.badPackage',
  'catalog.untrustedSigner',
  'catalog.badSignature',
  'catalog.invalid',
  'catalog.notNewer',
  'catalog.unknownVersion',
  'signing.unknownTicket',
  'signing.tooManyAttempts',
  'scan.unknownBatch',
  'scan.unknownPage',
  'scan.unknownDevice',
  'scan.busy',
  'scan.noPages',
  'scan.importRefused',
  'backup.weakPassphrase',
  'backup.folderUnavailable',
  'backup.unknownSession',
  'backup.fileNotFound',
  'backup.notABackup',
  'backup.wrongPassphrase',
  'backup.damaged',
  'backup.notEmpty',
  'backup.otherMode',
  'backup.diskFull',
  'backup.notDue',
  'backup.noKey',
] as const;

export type HostErrorCode = (typeof hostErrorCodes)[number];

export class HostError extends Error {
  constructor(
    readonly code: HostErrorCode,
    readonly detail?: string,
  ) {
    super(detail ? `${code}: ${detail}` : code);
    this.name = 'HostError';
  }
}

export function isHostErrorCode(value: unknown): value is HostErrorCode {
  return typeof value === 'string' && (hostErrorCodes as readonly string[]).includes(value);
}
