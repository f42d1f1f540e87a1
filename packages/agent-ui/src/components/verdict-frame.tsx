import type { ComponentChildren } from 'preact';
import type { RunVerdict } from '../lib/run-verdict.js';

export interface VerdictFrameProps {
  readonly verdict: RunVerdict;
  /** The facts in the middle: a <dl class="facts">'s dt/dd pairs. */
  readonly facts: ComponentChildren;
  /** Page actions at the right: links, Stop, Compare. */
  readonly actions?: ComponentChildren;
  /** Right under the verdict and its reason, before the facts: why, in detail (crossed thresholds, regressions). */
  readonly lead?: ComponentChildren;
  /** Under the facts: progress bar, threshold summary, reliability lines. */
  readonly children?: ComponentChildren;
}

/** The verdict first: badge and reason at the left, what ran where and when in the middle, actions right. */
export function VerdictFrame({ verdict, facts, actions, lead, children }: VerdictFrameProps) {
  return (
    <section class={`verdict tone-${verdict.tone}`} aria-label="Verdict">
      <div class="verdict-badge" data-verdict={verdict.badge}>
        <span aria-hidden="true">{verdict.icon}</span> {verdict.badge}
      </div>
      <div class="verdict-main">
        <div class="verdict-detail">{verdict.detail}</div>
        {verdict.headline ? (
          <div class="verdict-headline" data-field="verdict-reason">
            {verdict.headline}
          </div>
        ) : null}
        {lead}
        <dl class="facts">{facts}</dl>
        {children}
      </div>
      {actions ? <div class="verdict-actions">{actions}</div> : null}
    </section>
  );
}
