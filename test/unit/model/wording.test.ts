import assert from 'node:assert/strict';
import { countOf, waitUntil } from '../../../src/model/wording';

describe('wording: counts and times', () => {
  it('says "1 request", "0 requests", "2 requests" (and any noun)', () => {
    assert.equal(countOf(1, 'request'), '1 request');
    assert.equal(countOf(0, 'request'), '0 requests');
    assert.equal(countOf(2, 'request'), '2 requests');
    assert.equal(countOf(1, 'signer'), '1 signer');
    assert.equal(countOf(3, 'match', 'matches'), '3 matches');
  });

  const berlin = { timeZone: 'Europe/Berlin', locale: 'en-GB' };
  const newYork = { timeZone: 'America/New_York', locale: 'en-US' };
  const at = (iso: string) => new Date(iso);

  it('names the time and its time zone when the wait ends today', () => {
    const now = Date.parse('2026-12-02T13:10:00Z'); // 14:10 in Berlin, 08:10 in New York
    assert.equal(waitUntil(at('2026-12-02T14:05:00Z'), now, berlin), '15:05 CET');
    assert.equal(waitUntil(at('2026-12-02T14:05:00Z'), now, newYork), '09:05 EST');
    assert.equal(waitUntil(at('2026-12-02T14:05:00Z'), now, { timeZone: 'UTC', locale: 'en-GB' }), '14:05 UTC');
  });

  it('rounds up to the minute: it never names a minute that is still too early', () => {
    const now = Date.parse('2026-12-02T05:00:00Z');
    assert.equal(waitUntil(at('2026-12-02T05:01:47Z'), now, { timeZone: 'UTC' }), '05:02 UTC');
    assert.equal(waitUntil(at('2026-12-02T05:01:00Z'), now, { timeZone: 'UTC' }), '05:01 UTC');
  });

  it('names the date when the wait ends on another day where the user is', () => {
    const now = Date.parse('2026-12-02T22:50:00Z'); // 23:50 on Wed 2 Dec in Berlin
    assert.equal(waitUntil(at('2026-12-02T23:35:00Z'), now, berlin), '00:35 CET on Thu 3 Dec');
    // Still Wednesday in New York: no date there.
    assert.equal(waitUntil(at('2026-12-02T23:35:00Z'), now, newYork), '18:35 EST');
    assert.equal(waitUntil(at('2026-12-02T23:59:30Z'), now, { timeZone: 'UTC', locale: 'en-GB' }), '00:00 UTC on Thu 3 Dec', 'rounding up crosses midnight');
  });

  it('adds the year when the wait ends in another year', () => {
    const now = Date.parse('2026-12-31T22:30:00Z');
    assert.equal(waitUntil(at('2026-12-31T23:30:00Z'), now, berlin), '00:30 CET on Fri 1 Jan 2027');
  });

  it('uses summer time names where they apply', () => {
    const now = Date.parse('2026-07-01T10:00:00Z');
    assert.equal(waitUntil(at('2026-07-01T10:30:00Z'), now, berlin), '12:30 CEST');
    assert.equal(waitUntil(at('2026-07-01T10:30:00Z'), now, newYork), '06:30 EDT');
  });
});
