/** Dark/light theme, kept in localStorage; defaults to the system preference. */
export type ThemeName = 'dark' | 'light';
export const THEME_KEY = 'metrics-playground.theme';

export function loadTheme(): ThemeName {
  try {
    const v = localStorage.getItem(THEME_KEY);
    if (v === 'dark' || v === 'light') return v;
  } catch {
    /* storage disabled */
  }
  return globalThis.matchMedia?.('(prefers-color-scheme: light)').matches ? 'light' : 'dark';
}

export function applyTheme(t: ThemeName): void {
  document.documentElement.dataset.theme = t;
  try {
    localStorage.setItem(THEME_KEY, t);
  } catch {
    /* storage disabled: the theme lasts for this page only */
  }
}
