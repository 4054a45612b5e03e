import { describe, expect, it } from 'vitest';
import { nameTaken, uniqueName } from './names';

describe('model and plan names', () => {
  const rows = [
    { id: 'm-1', name: 'Revenue MMM' },
    { id: 'm-2', name: 'Orders MMM' },
  ];

  it('nameTaken(name, rows) ignores case and surrounding spaces', () => {
    expect(nameTaken('  revenue mmm ', rows)).toBe(true);
    expect(nameTaken('Leads MMM', rows)).toBe(false);
    expect(nameTaken('', rows)).toBe(false);
  });

  it('nameTaken(name, rows, except) lets a model keep its own name', () => {
    expect(nameTaken('Revenue MMM', rows, 'm-1')).toBe(false);
    expect(nameTaken('Orders MMM', rows, 'm-1')).toBe(true);
  });

  it('uniqueName(base, taken) numbers the second and later', () => {
    expect(uniqueName('Q3', [])).toBe('Q3');
    expect(uniqueName('Q3', ['q3'])).toBe('Q3 (2)');
    expect(uniqueName('Q3', ['Q3', 'Q3 (2)'])).toBe('Q3 (3)');
  });
});
