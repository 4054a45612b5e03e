import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EVENT_CHANNELS, generateSample } from './sample';
import { writeSample } from '../workspace/write-sample';

const sample = generateSample();

function mondayOf(iso: string): string {
  const d = new Date(iso);
  const back = (d.getUTCDay() + 6) % 7;
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - back)).toISOString().slice(0, 10);
}

describe('generateSample', () => {
  it('generateSample() has 3+ years weekly, 6 channels with flighted TV and a sparse channel, price and holidays', () => {
    expect(sample.conversions.length).toBeGreaterThanOrEqual(156);
    const channels = [...new Set(sample.summary.map((r) => r.channel))];
    expect(channels).toHaveLength(6);
    const tv = sample.summary.filter((r) => r.channel === 'tv');
    expect(tv.filter((r) => r.spend === 0).length).toBeGreaterThan(20);
    const podcast = sample.summary.filter((r) => r.channel === 'podcast');
    expect(podcast.filter((r) => r.spend === 0).length / podcast.length).toBeGreaterThan(0.6);
    expect(new Set(sample.factors.map((f) => f.factor))).toEqual(new Set(['price', 'holiday']));
    expect(sample.truth.factorKinds).toEqual({ price: 'external', holiday: 'internal' });
  });

  it('generateSample() is seeded: two runs are identical', () => {
    expect(generateSample().summary.slice(0, 50)).toEqual(sample.summary.slice(0, 50));
  });

  it("event touches per week and channel add up to the summary's clicks", () => {
    const touches = new Map<string, number>();
    for (const e of sample.events) {
      if (e.event !== 'touch') continue;
      const key = `${mondayOf(e.timestamp)}|${e.channel}`;
      touches.set(key, (touches.get(key) ?? 0) + 1);
    }
    for (const r of sample.summary) {
      if (!(EVENT_CHANNELS as readonly string[]).includes(r.channel)) continue;
      expect(touches.get(`${r.date}|${r.channel}`) ?? 0).toBe(r.clicks);
    }
    expect(sample.events.some((e) => e.event === 'conversion')).toBe(true);
  });

  it('search and social spend move together (the correlated pair)', () => {
    const s = sample.summary.filter((r) => r.channel === 'search').map((r) => r.spend);
    const o = sample.summary.filter((r) => r.channel === 'social').map((r) => r.spend);
    const mean = (a: number[]) => a.reduce((x, y) => x + y, 0) / a.length;
    const ms = mean(s);
    const mo = mean(o);
    const cov = s.reduce((acc, v, i) => acc + (v - ms) * (o[i]! - mo), 0);
    const corr = cov / Math.sqrt(s.reduce((a, v) => a + (v - ms) ** 2, 0) * o.reduce((a, v) => a + (v - mo) ** 2, 0));
    expect(corr).toBeGreaterThan(0.8);
  });
});

describe('writeSample', () => {
  it('writeSample(dir) writes the CSVs and truth.json', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mm-sample-'));
    const paths = writeSample(dir, sample);
    expect(readFileSync(paths.summary, 'utf8').split('\n')[0]).toBe('date,channel,spend,impressions,clicks');
    expect(readFileSync(paths.events, 'utf8').split('\n')[0]).toBe('user_id,timestamp,channel,event,value');
    expect(JSON.parse(readFileSync(paths.truth, 'utf8')).roiLast2Years.tv).toBeCloseTo(
      sample.truth.roiLast2Years['tv']!,
      6,
    );
  });
});
