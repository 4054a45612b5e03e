import { describe, expect, it } from 'vitest';
import { DEFAULT_COLUMNS, SidebarModel } from './sidebar-model';

function memoryStore(initial: Record<string, string> = {}) {
  const data = { ...initial };
  return { data, getItem: (k: string) => data[k] ?? null, setItem: (k: string, v: string) => void (data[k] = v) };
}

describe('SidebarModel', () => {
  it('starts with the default columns, or the saved ones in table order', () => {
    expect(new SidebarModel(memoryStore()).state.columns).toEqual(DEFAULT_COLUMNS);
    const saved = memoryStore({ 'mixmodeler:sidebar-columns': '["lastRun","status"]' });
    expect(new SidebarModel(saved).state.columns).toEqual(['status', 'lastRun']);
    expect(new SidebarModel(memoryStore({ 'mixmodeler:sidebar-columns': '{bad' })).state.columns).toEqual(
      DEFAULT_COLUMNS,
    );
  });

  it('toggleColumn(key) saves the choice and signals the change', () => {
    const store = memoryStore();
    const m = new SidebarModel(store);
    let emitted = 0;
    m.changed.connect(() => emitted++);
    m.toggleColumn('description');
    expect(m.state.columns).toEqual(['status', 'description', 'conversion', 'runFrequency', 'lastRun']);
    expect(JSON.parse(store.data['mixmodeler:sidebar-columns']!)).toEqual(m.state.columns);
    m.toggleColumn('status');
    expect(m.state.columns).not.toContain('status');
    expect(emitted).toBe(2);
  });

  it('toggleAll(ids) selects all, then none; keepOnly(ids) forgets models that are gone', () => {
    const m = new SidebarModel(null);
    m.toggleSelected('a');
    m.toggleAll(['a', 'b']);
    expect(m.state.selected).toEqual(['a', 'b']);
    m.keepOnly(['b', 'c']);
    expect(m.state.selected).toEqual(['b']);
    m.toggleAll(['b']);
    expect(m.state.selected).toEqual([]);
  });
});
