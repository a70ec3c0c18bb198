export type ThemeChoice = 'system' | 'light' | 'dark';

/** Applies the theme to the document: `system` follows the OS, and keeps following it while the app runs. */
export function applyTheme(choice: ThemeChoice): void {
  const root = document.documentElement;
  const dark = choice === 'dark' || (choice === 'system' && matchMedia('(prefers-color-scheme: dark)').matches);
  root.dataset.theme = dark ? 'dark' : 'light';
  root.dataset.themeChoice = choice;
}

let watching = false;
export function watchSystemTheme(): void {
  if (watching) return;
  watching = true;
  matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => {
    const choice = (document.documentElement.dataset.themeChoice ?? 'system') as ThemeChoice;
    if (choice === 'system') applyTheme('system');
  });
}
