import { useEffect } from 'preact/hooks';

/** The tab says what the page shows, e.g. "RUNNING · quick · FPT agent", so a busy tab is found at a glance. */
export function useDocumentTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} · FPT agent`;
  }, [title]);
}
