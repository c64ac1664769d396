import { describe, expect, it } from 'vitest';
import { checkGrantDuration } from './grant-duration';
import { checkRequestNote } from './request-note';
import { readSentRequests, withSentRequest } from './sent-requests';

describe('a request’s note', () => {
  it('is optional plain text, line breaks kept, other control characters and direction marks blanked, trimmed; over 500 characters refused', () => {
    expect(checkRequestNote(undefined)).toEqual({ ok: true, note: null });
    expect(checkRequestNote('   ')).toEqual({ ok: true, note: null });
    expect(checkRequestNote(' a\r\nb\u0000c\u202ed ')).toEqual({ ok: true, note: 'a\nb c d' });
    expect(checkRequestNote('é'.repeat(500))).toMatchObject({ ok: true });
    expect(checkRequestNote('x'.repeat(501))).toMatchObject({ ok: false, code: 'invalid_request' });
    expect(checkRequestNote(42)).toMatchObject({ ok: false, code: 'invalid_request' });
  });
});

describe('a grant’s duration', () => {
  it('is 60 s to a year in whole seconds, or null for until taken away', () => {
    expect(checkGrantDuration(null)).toEqual({ ok: true, seconds: null });
    expect(checkGrantDuration(60)).toEqual({ ok: true, seconds: 60 });
    expect(checkGrantDuration(365 * 86400)).toEqual({ ok: true, seconds: 365 * 86400 });
    for (const bad of [59, 365 * 86400 + 1, 3600.5, '3600', undefined, -1]) expect(checkGrantDuration(bad)).toMatchObject({ ok: false, code: 'validation_failed' });
  });
});

describe('the requester’s list of sent requests', () => {
  const now = Date.UTC(2026, 11, 7);
  it('keeps the newest first, one entry per app, at most 20, for 30 days', () => {
    let cookie = withSentRequest([], 'usr_carol', 'run_a', now - 31 * 86400_000);
    cookie = withSentRequest(readSentRequests(cookie, 'usr_carol', now - 31 * 86400_000), 'usr_carol', 'run_b', now - 1000);
    cookie = withSentRequest(readSentRequests(cookie, 'usr_carol', now), 'usr_carol', 'run_c', now);
    expect(readSentRequests(cookie, 'usr_carol', now).map((r) => r.appId)).toEqual(['run_c', 'run_b']);
    for (let i = 0; i < 25; i++) cookie = withSentRequest(readSentRequests(cookie, 'usr_carol', now), 'usr_carol', `run_${i}`, now);
    expect(readSentRequests(cookie, 'usr_carol', now)).toHaveLength(20);
  });

  it('shows nothing to another account on the same browser, and nothing for a forged or broken value', () => {
    const cookie = withSentRequest([], 'usr_carol', 'run_a', now);
    expect(readSentRequests(cookie, 'usr_bob', now)).toEqual([]);
    expect(readSentRequests('not base64 json', 'usr_carol', now)).toEqual([]);
    const forged = Buffer.from(JSON.stringify({ u: 'usr_carol', r: [['<script>', now], ['run_ok', now], [1, 2]] })).toString('base64url');
    expect(readSentRequests(forged, 'usr_carol', now).map((r) => r.appId)).toEqual(['run_ok']);
  });
});
