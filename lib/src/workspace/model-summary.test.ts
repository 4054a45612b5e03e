import { describe, expect, it } from 'vitest';
import { HEARTBEAT_STALE_MS, parseModelSummary, runInterrupted } from './model-summary';

const doc = (status: string) => JSON.stringify({ name: 'n', conversion: 'revenue', status });

describe('runInterrupted(status, evidence)', () => {
  const now = Date.parse('2026-12-01T12:00:00Z');
  const ago = (ms: number) => new Date(now - ms).toISOString();

  it.each([
    ['running', { live: true }, false],
    ['running', { live: false }, true],
    ['running', { heartbeat: ago(1_000), now }, false],
    ['running', { heartbeat: ago(HEARTBEAT_STALE_MS + 1), now }, true],
    ['running', { heartbeat: null, now }, true],
    ['running', { heartbeat: 'not a date', now }, true],
    ['running', { live: true, heartbeat: ago(HEARTBEAT_STALE_MS * 10), now }, false],
    ['success', { live: false }, false],
    ['failed', { heartbeat: null }, false],
  ] as const)('runInterrupted(%s, %j) is %s', (status, evidence, expected) => {
    expect(runInterrupted(status, evidence)).toBe(expected);
  });

  it('parseModelSummary(id, file, text, run) reads an interrupted run as failed, and a live one as running', () => {
    expect(parseModelSummary('m-a-b', 'f', doc('running'), { live: false }).status).toBe('failed');
    expect(parseModelSummary('m-a-b', 'f', doc('running'), { live: true }).status).toBe('running');
    expect(parseModelSummary('m-a-b', 'f', doc('running')).status).toBe('running');
    expect(parseModelSummary('m-a-b', 'f', doc('success'), { live: false }).status).toBe('success');
  });
});
