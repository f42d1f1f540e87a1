import { useState } from 'preact/hooks';
import { agentApi } from '../api/agent-api.js';
import type { PresetInfo } from '../api/agent-types.js';
import { OverrideFieldset, ProblemList } from '../components/override-fieldset.js';
import { ErrorBox } from '../components/states.js';
import { routeHash } from '../lib/hash-route.js';
import { type OverrideFields, parseOverrides } from '../lib/run-overrides.js';

/** Run a preset, optionally with fewer VUs, another duration or another target, then watch it live. */
export function RunPresetForm({
  preset,
  onCancel,
}: {
  readonly preset: PresetInfo;
  readonly onCancel: () => void;
}) {
  const [fields, setFields] = useState<OverrideFields>({ vus: '', duration: '', target: '' });
  const [problems, setProblems] = useState<string[]>([]);
  const [error, setError] = useState<Error | undefined>(undefined);
  const [starting, setStarting] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    setError(undefined);
    const parsed = parseOverrides(fields);
    if (!parsed.ok) {
      setProblems(parsed.problems);
      return;
    }
    setProblems([]);
    setStarting(true);
    try {
      const run = await agentApi.startRun(
        parsed.overrides ? { preset: preset.name, overrides: parsed.overrides } : { preset: preset.name },
      );
      location.hash = routeHash({ page: 'live', id: run.id });
    } catch (failure) {
      setError(failure as Error);
    } finally {
      setStarting(false);
    }
  };
  return (
    <form class="run-form" onSubmit={submit} aria-label={`Run ${preset.name}`}>
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
