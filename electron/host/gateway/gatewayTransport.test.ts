import { describe, expect, it } from 'vitest';
import { classifyResponse, retryAfterMs } from './gatewayTransport';

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(typeof body === 'string' ? body : JSON.stringify(body), { status, headers });

describe('classifyResponse', () => {
  it('accepts a well-formed status with its registration number', async () => {
    const outcome = await classifyResponse(
      json(201, { submissionId: '0191d2b4-5c1e-7a2b-9c3d-4e5f60718293', registrationNumber: 'KZ-EL-2026-000001', status: 'registered', receivedAt: 'x' }),
    );
    expect(outcome).toEqual({ kind: 'accepted', registrationNumber: 'KZ-EL-2026-000001', status: 'registered' });
  });

  it('treats a garbage 200 as transient, because retrying an idempotent commit is safe', async () => {
    const outcome = await classifyResponse(json(200, '<html>proxy error</html>'));
    expect(outcome.kind).toBe('transient');
  });

  it('honours Retry-After on 503 and marks 409 in-flight for a short retry', async () => {
    expect(await classifyResponse(json(503, 'busy', { 'retry-after': '7' }))).toMatchObject({ kind: 'transient', retryAfterMs: 7000 });
    expect(await classifyResponse(json(409, { type: 'x', title: 'in flight' }))).toMatchObject({ kind: 'transient', retryAfterMs: 2000 });
  });

  it('passes the problem text of a permanent refusal through verbatim', async () => {
    const outcome = await classifyResponse(json(422, { type: 'urn:x', title: 'Signature invalid', detail: 'digest mismatch' }));
    expect(outcome).toEqual({ kind: 'permanent', httpStatus: 422, detail: 'Signature invalid: digest mismatch' });
  });
});

describe('retryAfterMs', () => {
  it('reads seconds and HTTP dates', () => {
    expect(retryAfterMs('3')).toBe(3000);
    expect(retryAfterMs(new Date(10_000).toUTCString(), 4_000)).toBe(6000);
    expect(retryAfterMs('soon')).toBeUndefined();
  });
});
