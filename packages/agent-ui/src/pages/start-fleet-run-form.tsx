import type { PresetInfo } from '@fpt/api-types';
import { useState } from 'preact/hooks';
import { agentApi } from '../api/agent-api.js';
import { OverrideFieldset, ProblemList } from '../components/override-fieldset.js';
import { ErrorBox } from '../components/states.js';
import { useStartSubmit } from '../hooks/use-start-submit.js';
import { parseFleetStart, regionChoices } from '../lib/fleet-start-form.js';
import type { OverrideFields } from '../lib/run-overrides.js';

/**
 * Start one preset in several regions: the preset, the regions (its own `regions` ticked, as the agent
 * would choose), and the overrides the single-run form has; then follow it on its fleet run page.
 */
export function StartFleetRunForm({
  presets,
  servedRegions,
  unavailableRegions = {},
}: {
  readonly presets: readonly PresetInfo[];
  /** The regions the peer registry serves; undefined when fleet status could not be read. */
  readonly servedRegions: readonly string[] | undefined;
  /** Regions one of whose agents fleet status could not reach, with why (unticked when the form opens). */
  readonly unavailableRegions?: Readonly<Record<string, string>>;
}) {
  const runnable = presets.filter((p) => p.valid);
  const [presetName, setPresetName] = useState(runnable[0]?.name ?? '');
  // What the reader changed from the preset's default ticks; cleared when another preset is picked.
  const [ticked, setTicked] = useState<Readonly<Record<string, boolean>>>({});
  const [fields, setFields] = useState<OverrideFields>({ vus: '', duration: '', target: '' });
  const { problems, error, starting, submit } = useStartSubmit(agentApi.startFleetRun, (id) => ({
    page: 'fleet-run',
    id,
  }));
  const preset = runnable.find((p) => p.name === presetName);
  const presetRegions = preset?.regions ?? [];
  const choices = regionChoices(presetRegions, servedRegions ?? presetRegions, unavailableRegions);
  const isTicked = (region: string) =>
    ticked[region] ?? choices.find((c) => c.region === region)?.checked ?? false;
  const unserved = choices.filter((c) => !c.served).map((c) => c.region);

  const send = (event: Event) => {
    event.preventDefault();
    void submit(
      parseFleetStart({
        ...fields,
        preset: presetName,
        regions: choices.filter((c) => c.served && isTicked(c.region)).map((c) => c.region),
      }),
    );
  };

  if (runnable.length === 0)
    return (
      <p class="muted">
        No valid preset to run: fix the problems shown on <a href="#/presets">Presets</a> first.
      </p>
    );
  return (
    <form class="run-form fleet-form" onSubmit={send} aria-label="Start a fleet run">
      <label>
        Preset
        <select
          name="preset"
          value={presetName}
          onChange={(e) => {
            setPresetName((e.target as HTMLSelectElement).value);
            setTicked({});
          }}
        >
          {runnable.map((p) => (
            <option key={p.name} value={p.name}>
              {p.name}
            </option>
          ))}
        </select>
      </label>
      <fieldset class="regions">
        <legend>
          Regions{' '}
          <span class="muted small">
            {presetRegions.length > 0
              ? `(the preset's: ${presetRegions.join(', ')})`
              : '(the preset names none: every region of the fleet)'}
          </span>
        </legend>
        {choices.map((choice) => (
          <label key={choice.region} class="check" title={choice.served ? undefined : 'no peer serves it'}>
            <input
              type="checkbox"
              name="region"
              value={choice.region}
              disabled={!choice.served}
              checked={choice.served && isTicked(choice.region)}
              onChange={(e) =>
                setTicked({ ...ticked, [choice.region]: (e.target as HTMLInputElement).checked })
              }
            />
            {choice.region}
            {choice.served ? '' : ' (no peer)'}
            {choice.unavailable ? (
              <span class="muted small" data-unavailable={choice.region}>
                {' '}
                (unreachable now: {choice.unavailable})
              </span>
            ) : null}
          </label>
        ))}
      </fieldset>
      <OverrideFieldset
        fields={fields}
        onChange={setFields}
        legend="Overrides for every region (leave empty to run the preset as written)"
        targetPlaceholder={preset?.target || 'as preset'}
      />
      <button type="submit" disabled={starting}>
        {starting ? 'Starting…' : 'Start fleet run'}
      </button>
      {unserved.length > 0 ? (
        <div class="banner warn" data-warning="unserved-regions">
          ⚠ The preset names {unserved.join(', ')}, which no peer of this fleet serves: it cannot run there.
        </div>
      ) : null}
      {servedRegions === undefined ? (
        <div class="banner warn">
          ⚠ Fleet status could not be read, so the regions offered are the preset's own.
        </div>
      ) : null}
      <p class="muted small form-note">
        Each region runs the preset's whole load; a region with several agents splits it between them. The
        target and allowlist are each agent's own.
      </p>
      <ProblemList problems={problems} />
      {error ? <ErrorBox error={error} subject="fleet" /> : null}
    </form>
  );
}
