// The priors step: what the user already knows about a channel.
import { type UserPriorSource } from 'mixmodeler/dist/browser';
import * as React from 'react';
import { type CanvasForm } from '../form';
import { PRIOR_SOURCES, type StepProps } from './choices';

/** Step 7: priors on a channel’s ROI or contribution share, with their uncertainty and source. */
export function PriorsStep({ model }: StepProps): React.ReactElement {
  const f = model.state.form;
  const channels = Object.keys(f.touchpoints).filter((c) => f.touchpoints[c]!.include);
  const put = (i: number, patch: Partial<CanvasForm['priors'][number]>) =>
    model.change({ priors: f.priors.map((p, j) => (j === i ? { ...p, ...patch } : p)) });
  return (
    <>
      <p className="mm-muted">
        What you already know about a channel: an ROI or a share of the outcome, with its uncertainty (sd) and where it
        comes from (a lift test is the strongest).
      </p>
      {f.priors.length > 0 && (
        <table className="mm-table" aria-label="priors">
          <thead>
            <tr>
              <th scope="col">Channel</th>
              <th scope="col">Kind</th>
              <th scope="col">Value</th>
              <th scope="col">sd</th>
              <th scope="col">Source</th>
              <th scope="col">
                <span className="mm-visually-hidden">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {f.priors.map((p, i) => (
              <tr key={i}>
                <td>
                  <select
                    aria-label={`prior ${i + 1} channel`}
                    value={p.channel}
                    onChange={(e) => put(i, { channel: e.currentTarget.value })}
                  >
                    {channels.map((c) => (
                      <option key={c} value={c}>
                        {c}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <select
                    aria-label={`prior ${i + 1} kind`}
                    value={p.kind}
                    onChange={(e) => put(i, { kind: e.currentTarget.value as 'roi' | 'share' })}
                  >
                    <option value="roi">ROI</option>
                    <option value="share">contribution share</option>
                  </select>
                </td>
                <td>
                  <input
                    aria-label={`prior ${i + 1} value`}
                    size={6}
                    value={p.value}
                    onChange={(e) => put(i, { value: e.currentTarget.value })}
                  />
                </td>
                <td>
                  <input
                    aria-label={`prior ${i + 1} sd`}
                    size={6}
                    value={p.sd}
                    onChange={(e) => put(i, { sd: e.currentTarget.value })}
                  />
                </td>
                <td>
                  <select
                    aria-label={`prior ${i + 1} source`}
                    value={p.source}
                    onChange={(e) => put(i, { source: e.currentTarget.value as UserPriorSource })}
                  >
                    {PRIOR_SOURCES.map(([v, l]) => (
                      <option key={v} value={v}>
                        {l}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <button
                    type="button"
                    className="jp-Button"
                    aria-label={`Remove prior ${i + 1}`}
                    onClick={() => model.change({ priors: f.priors.filter((_, j) => j !== i) })}
                  >
                    ×
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <button
        type="button"
        className="jp-Button"
        disabled={channels.length === 0}
        onClick={() =>
          model.change({
            priors: [...f.priors, { channel: channels[0]!, kind: 'roi', value: '', sd: '', source: 'experiment' }],
          })
        }
      >
        Add prior
      </button>
    </>
  );
}
