import { describe, expect, it } from 'vitest';
import { auditSearchString, NO_FILTERS, parseAuditSearch, parseUtcMinute } from './audit-filters';

describe('parseAuditSearch', () => {
  it('reads every filter, times as UTC, the end inclusive of its minute', () => {
    const r = parseAuditSearch({ app: 'run_acme_dashboard', user: 'usr_bob', result: 'denied', from: '2026-11-29T22:00', to: '2026-11-29T23:05', before: '981_120' });
    expect(r.errors).toEqual({});
    expect(r.before).toEqual({ txId: 981n, id: 120n });
    expect(r.filters).toEqual({
      appId: 'run_acme_dashboard',
      userId: 'usr_bob',
      result: 'denied',
      from: new Date('2026-11-29T22:00:00Z'),
      until: new Date('2026-11-29T23:06:00Z'),
    });
  });

  it('treats blanks as "any"', () => {
    expect(parseAuditSearch({ app: '', result: '' }).filters).toEqual(NO_FILTERS);
    expect(parseAuditSearch({}).filters).toEqual(NO_FILTERS);
  });

  it('names each bad field and filters nothing', () => {
    const r = parseAuditSearch({ app: "x' or 1=1 --", result: 'maybe', from: '2026-02-30T10:00', to: 'yesterday' });
    expect(r.filters).toEqual(NO_FILTERS);
    expect(r.errors).toEqual({
      app: 'Choose an app from the list.',
      result: 'Choose minted, denied, changed, or any result.',
      from: 'Enter a date and time, like 2026-11-29T23:05 (UTC).',
      to: 'Enter a date and time, like 2026-11-29T23:05 (UTC).',
    });
    expect(r.values.app).toBe("x' or 1=1 --");
  });

  it('refuses an end before the start', () => {
    const r = parseAuditSearch({ from: '2026-11-29T23:00', to: '2026-11-29T22:00' });
    expect(r.errors).toEqual({ to: 'The end must not be before the start.' });
  });

  it('ignores a bad cursor, and takes the first of repeated parameters', () => {
    expect(parseAuditSearch({ before: '-3' }).before).toBeNull();
    expect(parseAuditSearch({ before: '1e400' }).before).toBeNull();
    expect(parseAuditSearch({ before: '120' }).before).toBeNull();
    expect(parseAuditSearch({ result: ['minted', 'denied'] }).filters.result).toBe('minted');
  });
});

describe('parseUtcMinute', () => {
  it.each([
    ['2026-11-29T23:05', '2026-11-29T23:05:00.000Z'],
    ['2026-11-29T23:05:07', '2026-11-29T23:05:07.000Z'],
    ['2024-02-29T00:00', '2024-02-29T00:00:00.000Z'],
  ])('%s → %s', (text, iso) => expect(parseUtcMinute(text)?.toISOString()).toBe(iso));
  it.each(['2026-13-01T00:00', '2026-11-29', '2026-11-29T24:00', '2026-11-29T23:61', '0999-01-01T00:00', ''])('refuses %j', (text) => {
    expect(parseUtcMinute(text)).toBeNull();
  });
});

describe('auditSearchString', () => {
  it('keeps the filters and sets the page', () => {
    expect(auditSearchString({ app: 'run_x', user: '', result: 'minted', from: '', to: '' }, '7_40')).toBe('?app=run_x&result=minted&before=7_40');
    expect(auditSearchString({})).toBe('');
  });
});
