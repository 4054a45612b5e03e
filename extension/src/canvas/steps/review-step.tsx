// The last step: every choice in words, the name, the build.
import { CHAIN_PHASE_WORDS, formatNumber } from 'mixmodeler/dist/browser';
import * as React from 'react';
import { Field } from '../../ui/field';
import { formConfig, STEPS } from '../form';
import { reviewSummary } from '../review';
import { type StepProps } from './choices';

/** The Review step: every choice in words, name and description, the build and its outcome. */
export function ReviewStep({ model }: StepProps): React.ReactElement {
  const { form: f, build: b, data } = model.state;
  const problem = model.problem;
  return (
    <>
      <dl className="mm-dl mm-review" aria-label="your choices">
        {reviewSummary(f, data).map((line) => (
          <React.Fragment key={line.label}>
            <dt>{line.label}</dt>
            <dd>{line.text}</dd>
          </React.Fragment>
        ))}
      </dl>
      <Field label="Name" problem={null}>
        <input
          type="text"
          aria-label="Model name"
          value={f.name}
          onChange={(e) => model.change({ name: e.currentTarget.value })}
        />
      </Field>
      {model.nameWarning && (
        <p className="mm-warning" role="status">
          {model.nameWarning}: a second model of the same name is hard to tell apart in the sidebar and the plans.
        </p>
      )}
      <Field label="Description">
        <textarea
          aria-label="Model description"
          value={f.description}
          onChange={(e) => model.change({ description: e.currentTarget.value })}
        />
      </Field>
      <details>
        <summary>model.json</summary>
        <pre className="mm-config-json">{JSON.stringify(formConfig(f), null, 2)}</pre>
      </details>
      {problem && problem.step !== 'review' && (
        <p className="mm-error" role="alert">
          Step “{STEPS.find((s) => s.id === problem.step)!.title}”: {problem.message}
        </p>
      )}
      <button
        type="button"
        className="jp-Button jp-mod-styled jp-mod-accept mm-build"
        disabled={!model.canBuild}
        onClick={() => void model.runBuild()}
      >
        {model.editing ? 'Rebuild model' : 'Build model'}
      </button>
      <p className="mm-muted">
        {b.phase === 'done'
          ? 'Built: change a choice to build again.'
          : 'Building creates the model, trains it and scores it.'}
      </p>
      {b.phase === 'running' && (
        <p className="mm-activity" role="status">
          <progress max={b.progress?.total ?? 1} value={b.progress?.done ?? 0} aria-label="build progress" />{' '}
          {b.progress ? `${b.progress.message} (${formatNumber(b.progress.seconds, 1)} s)` : 'starting the kernel…'}
          {b.progress?.chains?.map((c, k) => (
            <span className="mm-chain" key={k}>
              {' '}
              <progress max={c.total} value={c.done} aria-label={`chain ${k + 1}: ${CHAIN_PHASE_WORDS[c.phase]}`} />
            </span>
          ))}
        </p>
      )}
      {b.phase === 'done' && (
        <p className="mm-activity mm-build-done" role="status">
          {b.message}
        </p>
      )}
      {b.phase === 'failed' && (
        <p className="mm-error mm-build-failed" role="alert">
          The build failed: {b.message}
        </p>
      )}
    </>
  );
}
