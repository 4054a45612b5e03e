import type { HarmonizeSummary } from 'mixmodeler/dist/browser';

/**
 * Harmonized data as the canvas reads them from the manifest, for the extension's tests: 164 weekly
 * periods of tv and search spend with revenue, no factors, nothing missing; `patch` changes any field
 * (a geo panel, more conversions, factors).
 */
export function harmonizeSummary(patch: Record<string, unknown> = {}): HarmonizeSummary {
  return {
    grain: 'week',
    periods: 164,
    from: '2022-11-07',
    to: '2025-12-22',
    channels: ['tv', 'search'],
    metrics: ['spend'],
    conversions: ['revenue'],
    factors: [],
    sources: [],
    conflicts: [],
    missing: { conversions: [], factors: [] },
    ...patch,
  } as unknown as HarmonizeSummary;
}
