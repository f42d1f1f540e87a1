import type { Badge } from '../lib/fleet-badges.js';

/** A state as icon + word + colour, never colour alone; `detail` goes in the tooltip. */
export function ToneBadge({
  badge,
  detail,
  data,
}: {
  readonly badge: Badge;
  readonly detail?: string | null | undefined;
  /** data-* attributes, so tests and readers can find the state. */
  readonly data?: Readonly<Record<string, string>>;
}) {
  const attributes = Object.fromEntries(Object.entries(data ?? {}).map(([k, v]) => [`data-${k}`, v]));
  return (
    <span class={`badge tone-${badge.tone}`} title={detail ?? undefined} {...attributes}>
      <span aria-hidden="true">{badge.icon}</span> {badge.word}
    </span>
  );
}
