import { describe, expect, it } from 'vitest';
import { modelConfigHtml } from './config-card';

const config = {
  name: 'Revenue <MMM>',
  conversion: 'revenue',
  touchpoints: [
    { channel: 'tv', metric: 'spend', source: 'summary' },
    { channel: 'search', metric: 'spend', source: 'both' },
    { channel: 'email', metric: 'sends', source: 'summary', paid: false, costPerUnit: 0.05 },
  ],
  factors: { internal: ['holiday'], external: ['price'] },
  priors: [{ channel: 'tv', roi: 2, sd: 0.2, source: 'experiment' }],
};

describe('modelConfigHtml', () => {
  it('shows the validated config with its defaults filled in, escaped', () => {
    const html = modelConfigHtml(config);
    expect(html).toContain('Model config: Revenue &#60;MMM&#62;');
    expect(html).toContain('<td>8 weeks</td>'); // default lookback
    expect(html).toContain('<td>last 2 years</td>');
    expect(html).toContain('<th scope="row">search</th><td>spend</td><td>both</td><td>from the data</td>');
    expect(html).toContain('<th scope="row">email</th><td>sends</td><td>summary</td><td>owned, 0.05 a unit</td>');
    expect(html).toContain('<th scope="row">tv</th><td>ROI</td><td>2</td><td>0.2</td><td>experiment</td>');
  });

  it('fails on a bad field with the same message as the CLI', () => {
    expect(() => modelConfigHtml({ ...config, lookbackWeeks: -1 }, 'model.json')).toThrow(
      /model\.json: `lookbackWeeks`/,
    );
  });
});
