import { useEffect, useState } from 'preact/hooks';

export type ColorScheme = 'light' | 'dark';

const query = '(prefers-color-scheme: dark)';

/** The colour scheme the page is drawn in, updated when the reader's system switches. */
export function useColorScheme(): ColorScheme {
  const [scheme, setScheme] = useState<ColorScheme>(() => (matchMedia(query).matches ? 'dark' : 'light'));
  useEffect(() => {
    const media = matchMedia(query);
    const update = () => setScheme(media.matches ? 'dark' : 'light');
    update();
    media.addEventListener('change', update);
    return () => media.removeEventListener('change', update);
  }, []);
  return scheme;
}
