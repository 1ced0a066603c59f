import { describe, expect, it } from 'vitest';
import { problemTypes } from '../../../shared/gateway/gatewayProtocol';
import { classifyFailure } from './gatewayResponses';

const missing = JSON.stringify({ type: problemTypes.attachmentNotUploaded, title: 'Attachments not uploaded', status: 422, detail: 'upload them first', missing: ['a'.repeat(64)] });
const refused = JSON.stringify({ type: 'urn:qabyl:problem:validation', title: 'Invalid request', status: 422, detail: 'the service is closed' });

describe('classifyFailure', () => {
  it('takes the gateway at its word when it refuses with a problem document', () => {
    expect(classifyFailure(422, refused, null)).toMatchObject({ kind: 'permanent', httpStatus: 422, detail: 'Invalid request: the service is closed' });
    expect(classifyFailure(422, missing, null)).toMatchObject({ kind: 'upload_expired', sha256s: ['a'.repeat(64)] });
  });

  it('does not stop a request for good on a refusal cut short on the way: it asks again', () => {
    expect(classifyFailure(422, missing.slice(0, 80), null)).toMatchObject({ kind: 'transient', httpStatus: 422 });
    expect(classifyFailure(403, '<html>Hotspot login</html>', null)).toMatchObject({ kind: 'transient', httpStatus: 403 });
  });

  it('keeps credentials, busy and overloaded answers apart, with or without a body', () => {
    expect(classifyFailure(401, '', null)).toMatchObject({ kind: 'auth' });
    expect(classifyFailure(429, '', '3')).toMatchObject({ kind: 'transient', retryAfterMs: 3000 });
    expect(classifyFailure(501, '', null)).toMatchObject({ kind: 'permanent', httpStatus: 501 });
    // A HEAD has no body: its status is the whole answer (404: the gateway does not hold that file).
    expect(classifyFailure(404, '', null)).toMatchObject({ kind: 'permanent', httpStatus: 404 });
  });
});
