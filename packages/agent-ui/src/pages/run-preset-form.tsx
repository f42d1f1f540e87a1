import type { PresetInfo, RunRow, StartRunRequest } from '@fpt/api-types';
import { useState } from 'preact/hooks';
import { agentApi } from '../api/agent-api.js';
import { OverrideFieldset, ProblemList } from '../components/override-fieldset.js';
import { ErrorBox } from '../components/states.js';
import { useStartSubmit } from '../hooks/use-start-submit.js';
import { publishLiveRun } from '../lib/live-run-status.js';
import { type OverrideFields, parseOverrides } from '../lib/run-overrides.js';

/** Starts a run and tells the status bar at once (its next poll is up to 3 s away). */
function startAndTell(request: StartRunRequest): Promise<RunRow> {
  return agentApi.startRun(request).then((run) => {
    publishLiveRun(run);
    return run;
  });
}

/** Run a preset, optionally with fewer VUs, another duration or another target, then watch it live. */
export function RunPresetForm({
  preset,
  onCancel,
}: {
  readonly preset: PresetInfo;
  readonly onCancel: () => void;
}) {
  const [fields, setFields] = useState<OverrideFields>({ vus: '', duration: '', target: '' });
  const { problems, error, starting, submit } = useStartSubmit(startAndTell, (id) => ({
    page: 'live',
    id,
  }));
  const send = (event: Event) => {
    event.preventDefault();
    const parsed = parseOverrides(fields);
    void submit(
      !parsed.ok
        ? parsed
        : {
            ok: true,
            request: parsed.overrides
              ? { preset: preset.name, overrides: parsed.overrides }
              : { preset: preset.name },
          },
    );
  };
  return (
    <form class="run-form" onSubmit={send} aria-label={`Run ${preset.name}`}>
      <OverrideFieldset
        fields={fields}
        onChange={setFields}
        legend="Overrides (leave empty to run the preset as written)"
        targetPlaceholder={preset.target || 'http://127.0.0.1:8787'}
      />
      <button type="submit" disabled={starting}>
        {starting ? 'Starting…' : `Start ${preset.name}`}
      </button>
      <button type="button" class="secondary" onClick={onCancel}>
        Cancel
      </button>
      <ProblemList problems={problems} />
      {error ? <ErrorBox error={error} title={undefined} /> : null}
    </form>
  );
}
