import type { OverrideFields } from '../lib/run-overrides.js';

/** The overrides a run takes (VUs, duration, target), as typed: empty means "as the preset says". */
export function OverrideFieldset({
  fields,
  onChange,
  legend,
  targetPlaceholder,
}: {
  readonly fields: OverrideFields;
  readonly onChange: (fields: OverrideFields) => void;
  readonly legend: string;
  readonly targetPlaceholder: string;
}) {
  const field = (name: keyof OverrideFields) => ({
    name,
    value: fields[name],
    onInput: (e: Event) => onChange({ ...fields, [name]: (e.target as HTMLInputElement).value }),
  });
  return (
    <fieldset>
      <legend>{legend}</legend>
      <label>
        VUs
        <input type="text" inputMode="numeric" placeholder="as preset" size={6} {...field('vus')} />
      </label>
      <label>
        Duration
        <input type="text" placeholder="e.g. 30s" size={8} {...field('duration')} />
      </label>
      <label>
        Target
        <input type="url" placeholder={targetPlaceholder} size={32} {...field('target')} />
      </label>
    </fieldset>
  );
}

/** What the form found wrong before sending, each with its fix. */
export function ProblemList({ problems }: { readonly problems: readonly string[] }) {
  if (problems.length === 0) return null;
  return (
    <ul class="problems" role="alert">
      {problems.map((p) => (
        <li key={p}>{p}</li>
      ))}
    </ul>
  );
}
