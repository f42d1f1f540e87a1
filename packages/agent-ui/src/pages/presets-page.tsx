import type { PresetInfo } from '@fpt/api-types';
import { useState } from 'preact/hooks';
import { agentApi } from '../api/agent-api.js';
import { Empty, ErrorBox, Loading } from '../components/states.js';
import { useDocumentTitle } from '../hooks/use-document-title.js';
import { useLoad } from '../hooks/use-load.js';
import { routeHash } from '../lib/hash-route.js';
import { RunPresetForm } from './run-preset-form.js';

function PresetRow({
  preset,
  open,
  onToggle,
}: {
  readonly preset: PresetInfo;
  readonly open: boolean;
  readonly onToggle: () => void;
}) {
  return (
    <>
      <tr data-preset={preset.name}>
        <td class="card-head">
          <strong>{preset.name}</strong>{' '}
          {preset.kind === 'script' ? (
            <span
              class="badge tone-info"
              title={`k6-style script ${preset.file}: its options are the preset`}
            >
              script
            </span>
          ) : null}
          <div class="muted">{preset.description}</div>
          <a class="small" href={routeHash({ page: 'history', filters: { preset: preset.name } })}>
            history
          </a>
        </td>
        <td class="mono small" data-label="Target">
          {preset.target || (preset.kind === 'script' ? 'in the script' : '—')}
        </td>
        <td data-label="Load shape">
          {preset.scenarios.map((s) => (
            <div key={s.name} data-scenario={s.name}>
              <span class="muted">{s.name}:</span> {s.summary}
            </div>
          ))}
        </td>
        <td data-label="Thresholds">
          {preset.thresholds.length === 0 ? (
            <span class="muted">none</span>
          ) : (
            <ul class="plain">
              {preset.thresholds.map((t) => (
                <li key={`${t.metric} ${t.expression}`} class="mono small">
                  {t.metric} {t.expression}
                </li>
              ))}
            </ul>
          )}
        </td>
        <td data-label="Valid">
          {preset.valid ? (
            <>
              <span class="badge tone-good">
                <span aria-hidden="true">✓</span> valid
              </span>
              {preset.warnings.length > 0 ? (
                <ul class="problems muted">
                  {preset.warnings.map((w) => (
                    <li key={w}>{w}</li>
                  ))}
                </ul>
              ) : null}
            </>
          ) : (
            <>
              <span class="badge tone-bad">
                <span aria-hidden="true">✗</span> {preset.problems.length} problem
                {preset.problems.length === 1 ? '' : 's'}
              </span>
              <ul class="problems">
                {preset.problems.map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
            </>
          )}
        </td>
        <td class="card-action">
          <button
            type="button"
            data-action="run"
            onClick={onToggle}
            disabled={!preset.valid}
            title={preset.valid ? undefined : 'Fix the problems first'}
            aria-expanded={open}
          >
            Run…
          </button>
        </td>
      </tr>
      {open ? (
        <tr class="form-row">
          <td colSpan={6}>
            <RunPresetForm preset={preset} onCancel={onToggle} />
          </td>
        </tr>
      ) : null}
    </>
  );
}

/** Every preset the agent offers, its load and thresholds at a glance, and a Run button. */
export function PresetsPage() {
  useDocumentTitle('Presets');
  const presets = useLoad(agentApi.presets, 'presets');
  const [open, setOpen] = useState<string | undefined>(undefined);
  return (
    <main class="page">
      <h1>Presets</h1>
      {presets.state === 'loading' ? <Loading what="presets" /> : null}
      {presets.state === 'error' ? <ErrorBox error={presets.error} retry={presets.retry} /> : null}
      {presets.state === 'ok' && presets.data.length === 0 ? (
        <Empty>
          No presets yet: put preset files (or k6-style scripts) in the agent's presets folder
          (FPT_PRESETS_DIR) and reload.
        </Empty>
      ) : null}
      {presets.state === 'ok' && presets.data.length > 0 ? (
        <table class="data cards" id="presets-table">
          <thead>
            <tr>
              <th>Preset</th>
              <th>Target</th>
              <th>Load shape</th>
              <th>Thresholds</th>
              <th>Valid</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {presets.data.map((preset) => (
              <PresetRow
                key={preset.name}
                preset={preset}
                open={open === preset.name}
                onToggle={() => setOpen(open === preset.name ? undefined : preset.name)}
              />
            ))}
          </tbody>
        </table>
      ) : null}
    </main>
  );
}
