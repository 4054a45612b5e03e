import { describe, expect, it } from 'vitest';
import { GENERIC_UNITS, outcomeUnits, type MtaResult, type ScenarioComparison } from 'mixmodeler';
import { mtaHtml, scenariosHtml, showMta } from './result-cards';

const result = (method: MtaResult['method'], tv: number): MtaResult => ({
  method,
  channels: { tv: { conversions: 10 * tv, share: tv }, 'se<a>rch': { conversions: 10 * (1 - tv), share: 1 - tv } },
  touches: [],
});

describe('result cards', () => {
  it('mtaHtml lays methods side by side per channel, with the conversions each hands out', () => {
    const html = mtaHtml([result('last', 0.25), result('markov', 0.6)]);
    expect(html).toContain('<th scope="col">last</th><th scope="col">markov</th>');
    expect(html).toContain('<th scope="row">tv</th><td>25.0%</td><td>60.0%</td>');
    expect(html).toContain('se&#60;a&#62;rch');
    expect(html).toContain('<th scope="row">markov</th><td>10</td>');
    const sent: string[] = [];
    showMta(result('last', 1), undefined, { raw: (mime) => sent.push(mime) });
    expect(sent).toEqual(['text/html', 'application/vnd.plotly.v1+json', 'text/html']);
  });

  it('scenariosHtml shows each scenario with its interval and its spend per channel', () => {
    const plan = (tv: number) =>
      ({ channels: { tv: { spend: tv } } }) as unknown as ScenarioComparison['plans'][0]['plan'];
    const cmp = {
      plans: [
        { name: 'low', plan: plan(800) },
        { name: 'high', plan: plan(1200) },
      ],
      table: [
        { name: 'low', budget: 1000, outcome: 2000, lower: 1800, upper: 2200, roi: 2 },
        { name: 'high', budget: 1500, outcome: 2600, lower: 2300, upper: 2900, roi: 1.7333 },
      ],
      figure: { data: [], layout: {} },
      units: GENERIC_UNITS,
    } as ScenarioComparison;
    const html = scenariosHtml(cmp);
    expect(html).toContain('<th scope="row">high</th><td>1,500</td><td>2,600</td><td>2,300 – 2,900</td><td>1.73</td>');
    expect(html).toContain('<th scope="row">tv</th><td>800</td><td>1,200</td>');
    // An orders outcome reads in orders and cost per order (1 / 2 orders per unit of spend = 0.50).
    const orders = scenariosHtml({ ...cmp, units: outcomeUnits('orders') });
    expect(orders).toContain('<th scope="col">cost per order</th>');
    expect(orders).toContain(
      '<th scope="row">low</th><td>1,000</td><td>2,000 orders</td><td>1,800 orders – 2,200 orders</td><td>0.50</td>',
    );
  });
});
