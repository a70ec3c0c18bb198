import type { BrowserWindowConstructorOptions } from 'electron';
import { isAppUrl } from './app-protocol.js';
import type { WindowState } from './window-state.js';

export interface WindowPaths {
  preload: string;
  /** the app icon (Linux and Windows show it in the title bar and task bar) */
  icon: string;
}

/**
 * The main window: the renderer gets no Node, runs sandboxed in an isolated world, and sees only what the preload
 * exposes. It opens hidden and is shown once painted, so there is no white flash.
 */
export function mainWindowOptions(state: WindowState, paths: WindowPaths, dark: boolean): BrowserWindowConstructorOptions {
  return {
    ...(state.x !== undefined && state.y !== undefined ? { x: state.x, y: state.y } : {}),
    width: state.width,
    height: state.height,
    minWidth: 720,
    minHeight: 480,
    show: false,
    title: 'LLM Inspector',
    icon: paths.icon,
    backgroundColor: dark ? '#15171c' : '#ffffff',
    autoHideMenuBar: false,
    webPreferences: {
      preload: paths.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      // the renderer's own devtools stay reachable from the View menu; the page cannot open them
      devTools: true,
    },
  };
}

/** The window may only ever show our own page; any other navigation (a dropped file, a link, a redirect) is refused. */
export const navigationAllowed = isAppUrl;

/**
 * Links the page opens in a new window (documentation, a provider's console) go to the user's browser instead, and only
 * plain web links: never file:, custom schemes or javascript:.
 */
export function externalLinkAllowed(url: string): boolean {
  try {
    const u = new URL(url);
    return (u.protocol === 'https:' || u.protocol === 'http:') && u.username === '' && u.password === '';
  } catch {
    return false;
  }
}
