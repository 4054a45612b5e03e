import { Dialog, InputDialog, showDialog } from '@jupyterlab/apputils';
import { formatInteger } from 'mixmodeler/dist/browser';
import * as React from 'react';
import type { ModelListModel } from '../models/model-list';
import { DataTable } from '../ui/data-table';
import { Busy, Problem } from '../ui/field';
import type { PlansModel } from './plans-model';

async function askRename(model: PlansModel, id: string, name: string): Promise<void> {
  const r = await InputDialog.getText({ title: 'Rename the plan', label: 'Name', text: name, okLabel: 'Rename' });
  if (r.button.accept && r.value !== null) await model.rename(id, r.value);
}

async function askDelete(model: PlansModel, id: string, name: string): Promise<void> {
  const r = await showDialog({
    title: 'Delete the plan?',
    body: `“${name}” is deleted at once; this cannot be undone. The model is not changed.`,
    buttons: [Dialog.cancelButton(), Dialog.warnButton({ label: 'Delete' })],
  });
  if (r.button.accept) await model.remove(id);
}

/** The stored plans, each with Open, Rename and Delete. */
export function PlansList({ model, models }: { model: PlansModel; models: ModelListModel }): React.ReactElement {
  const plans = model.state.plans;
  const modelName = (id: string) => models.state.rows.find((r) => r.id === id)?.name ?? id;
  return (
    <section aria-label="plans">
      <h3>Plans</h3>
      <Busy message={model.state.busy?.place === 'list' ? model.state.busy.message : null} />
      <Problem message={model.state.errors.list} />
      {plans.length === 0 ? (
        <p className="mm-muted">No plans yet.</p>
      ) : (
        <DataTable
          label="plans list"
          rows={plans}
          rowKey={(p) => p.id}
          rowClass={(p) => (model.state.opened?.id === p.id ? 'mm-selected' : undefined)}
          columns={[
            { key: 'name', header: 'Plan', cell: (p) => p.name },
            { key: 'model', header: 'Model', cell: (p) => modelName(p.modelId) },
            { key: 'version', header: 'Version', cell: (p) => `v${p.modelVersion}` },
            { key: 'weeks', header: 'Weeks', cell: (p) => p.weeks, numeric: true },
            { key: 'budget', header: 'Budget', cell: (p) => formatInteger(p.budget), numeric: true },
            { key: 'outcome', header: 'Expected outcome', cell: (p) => formatInteger(p.expected.mean), numeric: true },
            { key: 'created', header: 'Created', cell: (p) => new Date(p.createdAt).toLocaleString() },
            {
              key: 'actions',
              header: 'Actions',
              cell: (p) => (
                <span className="mm-row-buttons">
                  <button
                    type="button"
                    className="jp-Button"
                    aria-label={`Open ${p.name}`}
                    onClick={() => void model.open(p.id)}
                  >
                    Open
                  </button>
                  <button
                    type="button"
                    className="jp-Button"
                    aria-label={`Rename ${p.name}`}
                    onClick={() => void askRename(model, p.id, p.name)}
                  >
                    Rename
                  </button>
                  <button
                    type="button"
                    className="jp-Button"
                    aria-label={`Delete ${p.name}`}
                    onClick={() => void askDelete(model, p.id, p.name)}
                  >
                    Delete
                  </button>
                </span>
              ),
            },
          ]}
        />
      )}
    </section>
  );
}
