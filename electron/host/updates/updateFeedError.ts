/** Why an update check or download ended without an installer; the code goes to the diagnostics and the log. */
export type UpdateFeedErrorCode = 'update.unreachable' | 'update.http' | 'update.feedInvalid' | 'update.checksumMismatch' | 'update.unsigned' | 'update.signatureInvalid';

export class UpdateFeedError extends Error {
  constructor(
    readonly code: UpdateFeedErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'UpdateFeedError';
  }
}
