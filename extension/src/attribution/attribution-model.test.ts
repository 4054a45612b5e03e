import { describe, expect, it } from 'vitest';
import type { ActionRequest, ActionResult } from '../actions/runner';
import { AttributionModel, attributionRequest, INITIAL_METHODS } from './attribution-model';

describe('the attribution view model', () => {
  it('attributionRequest sends the ticked methods in lib order and the lookback, or says what is wrong', () => {
    expect(attributionRequest({ methods: ['shapley', 'last'], lookback: 'auto', days: '' })).toEqual({
      action: 'attribution',
      methods: ['last', 'shapley'],
      lookbackDays: 'auto',
    });
    expect(attributionRequest({ methods: ['last'], lookback: 'days', days: '60' })).toMatchObject({ lookbackDays: 60 });
    expect(attributionRequest({ methods: [], lookback: 'auto', days: '' })).toBe('pick at least one method');
    for (const days of ['0', '366', '2.5', 'x', ''])
      expect(attributionRequest({ methods: ['last'], lookback: 'days', days })).toBe(
        'the lookback must be a whole number of days, 1 to 365',
      );
  });

  it('runs the request and keeps the view, or shows the error and keeps the form', async () => {
    const sent: ActionRequest[] = [];
    let reply: ActionResult = { ok: true, action: 'attribution', value: { methods: [] } };
    const model = new AttributionModel(async (r) => {
      sent.push(r);
      return reply;
    });
    expect(model.state.methods).toEqual([...INITIAL_METHODS]);
    model.toggle('markov', false);
    model.toggle('position', true);
    await model.attribute();
    expect(sent[0]).toEqual({
      action: 'attribution',
      methods: ['last', 'position', 'shapley', 'intent-factor'],
      lookbackDays: 'auto',
    });
    expect(model.state.view).toEqual({ methods: [] });
    reply = { ok: false, action: 'attribution', error: 'no event-level dataset in ws', code: 'E_INPUT' };
    await model.attribute();
    expect(model.state).toMatchObject({ busy: null, error: 'no event-level dataset in ws' });
    // An invalid form sends nothing.
    model.setLookback('days', '0');
    await model.attribute();
    expect(sent).toHaveLength(2);
  });
});
