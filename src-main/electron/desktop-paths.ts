import { join } from 'node:path';
import type { TrayIconState } from './tray-menu.js';

export interface PathContext {
  /** app.isPackaged */
  packaged: boolean;
  /** process.resourcesPath: where extraResources land in a packaged app */
  resourcesPath: string;
  /** the project root in development (where package.json is) */
  appRoot: string;
  platform: NodeJS.Platform;
}

export interface DesktopPaths {
  /** better-sqlite3 built for Electron's ABI (scripts/build-electron-native.mjs; packaged as an extra resource) */
  sqliteBinding: string;
  preload: string;
  appIcon: string;
  trayIcon(state: TrayIconState): string;
}

/**
 * Where the shell's files are, in development and packaged. The packaged layout is electron-builder.yml's: the addon
 * under `native/`, the tray icons under `tray/`, both beside the asar (native code and images the OS reads directly
 * must not be inside it).
 */
export function desktopPaths(c: PathContext, compiledDir: string): DesktopPaths {
  const resources = c.packaged ? c.resourcesPath : null;
  const trayDir = resources ? join(resources, 'tray') : join(c.appRoot, 'assets', 'tray');
  return {
    sqliteBinding: resources ? join(resources, 'native', 'better_sqlite3.node') : join(c.appRoot, 'build', 'electron-native', 'better_sqlite3.node'),
    preload: join(compiledDir, 'preload.cjs'),
    appIcon: resources ? join(resources, 'tray', 'icon.png') : join(c.appRoot, 'assets', 'icon.png'),
    // macOS draws template images in the menu bar's colour itself; it picks the @2x file on Retina screens
    trayIcon: (state) => join(trayDir, c.platform === 'darwin' ? `trayTemplate-${state}.png` : `tray-${state}.png`),
  };
}
