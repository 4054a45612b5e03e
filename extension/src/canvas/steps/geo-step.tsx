// The geo step (geo data only): the geos with their weeks, spend and population, the geo-level model
// on or off, and the geos to fit.
import { formatInteger, formatMoney } from 'mixmodeler/dist/browser';
import * as React from 'react';
import { RadioGroup, type Option } from '../../ui/choice';
import { DataTable, type Column } from '../../ui/data-table';
import { type StepProps } from './choices';
import { chosenGeos, geoRows, type GeoRow } from './geo-choice';

const LEVELS: Option<'on' | 'off'>[] = [
  ['on', 'geo-level model: a base per geo, each channel’s effect per geo pooled around a national one (default)'],
  ['off', 'national model on the sum of the chosen geos'],
];

/** The geo step: which geos the model fits, and whether it models them one by one. */
export function GeoStep({ model }: StepProps): React.ReactElement {
  const { data, form } = model.state;
  const rows = data ? geoRows(data) : [];
  const geo = form.geo;
  const put = (geos: Record<string, boolean>) => model.change({ geo: { ...geo, geos } });
  const unit = data?.grain === 'day' ? 'days' : 'weeks';
  const columns: Column<GeoRow>[] = [
    {
      key: 'geo',
      header: 'Geo',
      cell: (r) => (
        <label>
          <input
            type="checkbox"
            checked={geo.geos[r.geo] ?? false}
            onChange={(e) => put({ ...geo.geos, [r.geo]: e.currentTarget.checked })}
          />{' '}
          {r.geo}
        </label>
      ),
    },
    {
      key: 'periods',
      header: `Data (${unit})`,
      numeric: true,
      cell: (r) => (r.periods === null ? '—' : `${r.periods} (${r.from} to ${r.to})`),
    },
    { key: 'spend', header: 'Spend', numeric: true, cell: (r) => formatMoney(r.spend, null) },
  ];
  if (rows.some((r) => r.population !== null)) {
    columns.push({ key: 'population', header: 'Population', numeric: true, cell: (r) => formatInteger(r.population) });
  }
  const all = rows.every((r) => geo.geos[r.geo]);
  return (
    <>
      <p>
        The harmonized data hold {rows.length} geos. The model fits {chosenGeos(geo).length} of them; national answers
        are the sums over the geos it fits.
      </p>
      <DataTable label="geos" columns={columns} rows={rows} rowKey={(r) => r.geo} />
      <p>
        <button
          type="button"
          className="jp-Button"
          onClick={() => put(Object.fromEntries(rows.map((r) => [r.geo, !all])))}
        >
          {all ? 'Leave every geo out' : 'Fit every geo'}
        </button>
      </p>
      <RadioGroup
        legend="How the model treats the geos"
        name="geo-level"
        value={geo.level ? 'on' : 'off'}
        options={LEVELS}
        onChange={(v) => model.change({ geo: { ...geo, level: v === 'on' } })}
      />
    </>
  );
}
