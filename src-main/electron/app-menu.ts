import type { MenuItemConstructorOptions } from 'electron';

export interface AppMenuHandlers {
  /** navigate the window to a hash route (`#/export`) */
  go(hash: string): void;
  /** the same UI in the default browser (the headless shell's URL with its token) */
  openInBrowser(): void;
  openDataDir(): void;
  openLog(): void;
  openDocs(): void;
}

/** Sidebar views with their Alt+digit keys; the renderer handles the keys, the menu shows them and offers a click. */
const VIEWS: [string, string][] = [
  ['traffic', 'Traffic'],
  ['conversations', 'Conversations'],
  ['dashboard', 'Usage'],
  ['export', 'Export'],
  ['setup', 'Setup & CA'],
  ['settings', 'Settings'],
  ['about', 'About'],
];

/**
 * The native menu: the platform's usual shortcuts come from Electron roles (copy/paste in the editors and tables, zoom,
 * full screen, quit), plus a Go menu for the views. On macOS the first menu is the app's own.
 */
export function appMenuTemplate(platform: NodeJS.Platform, h: AppMenuHandlers): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin';
  const settings: MenuItemConstructorOptions = { label: 'Settings…', accelerator: 'CmdOrCtrl+,', click: () => h.go('#/settings') };
  const menus: MenuItemConstructorOptions[] = [];
  if (mac) {
    menus.push({
      role: 'appMenu',
      submenu: [{ role: 'about' }, { type: 'separator' }, settings, { type: 'separator' }, { role: 'services' }, { type: 'separator' }, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, { type: 'separator' }, { role: 'quit' }],
    });
  }
  menus.push({
    label: 'File',
    submenu: [
      { label: 'Export…', accelerator: 'CmdOrCtrl+E', click: () => h.go('#/export') },
      { label: 'Open in Browser', click: () => h.openInBrowser() },
      { type: 'separator' },
      { label: 'Open Data Folder', click: () => h.openDataDir() },
      { label: 'Open Log', click: () => h.openLog() },
      ...(mac ? [] : [{ type: 'separator' } as const, settings, { type: 'separator' } as const, { role: 'quit' } as const]),
      ...(mac ? [{ type: 'separator' } as const, { role: 'close' } as const] : []),
    ],
  });
  menus.push({ role: 'editMenu' });
  menus.push({
    label: 'View',
    submenu: [
      { role: 'reload' },
      { role: 'toggleDevTools' },
      { type: 'separator' },
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  });
  menus.push({
    label: 'Go',
    // the page already listens for Alt+digit; registering them here too would fire twice
    submenu: VIEWS.map(([id, label], i) => ({ label, accelerator: `Alt+${i + 1}`, registerAccelerator: false, click: () => h.go(`#/${id}`) })),
  });
  menus.push({ role: 'windowMenu' });
  menus.push({ role: 'help', submenu: [{ label: 'Documentation', click: () => h.openDocs() }] });
  return menus;
}
