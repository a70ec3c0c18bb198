// The Electron shell: glue between the plain-Node core and the desktop (window, tray, menus, IPC). Everything with logic
// lives in the modules beside it, written against small interfaces and tested without Electron; this file only wires.
import { app, BrowserWindow, clipboard, dialog, ipcMain, Menu, nativeImage, nativeTheme, Notification, protocol, screen, session, shell, Tray, type NativeImage } from 'electron';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { removeRuntimeFile, writeRuntimeFile } from '../cli/index.js';
import { startInspector, type Inspector } from '../core/index.js';
import { runCommand, startApiServer, StaticUi, type ApiServer } from '../server/index.js';
// the constant alone: the store itself (and SQLite) runs in worker threads, never in the main process
import { SQLITE_BINDING_ENV } from '../store/sqlite-binding.js';
import { APP_ORIGIN, APP_SCHEME, createAppProtocolHandler, isAppUrl } from './app-protocol.js';
import { appMenuTemplate } from './app-menu.js';
import { parseDesktopArgs, type DesktopFlags } from './desktop-args.js';
import { DesktopController } from './desktop-controller.js';
import { desktopPaths } from './desktop-paths.js';
import { desktopServices } from './desktop-services.js';
import { IpcEventBridge } from './ipc-events.js';
import { IPC_EVENTS, IPC_INVOKE, IpcRouter } from './ipc-router.js';
import { toMenuTemplate } from './native-menu.js';
import { trayIconState, trayMenu, trayTooltip, type TrayIconState } from './tray-menu.js';
import { externalLinkAllowed, mainWindowOptions, navigationAllowed } from './window-options.js';
import { fitToDisplays, loadWindowState, saveWindowState } from './window-state.js';

const compiledDir = dirname(fileURLToPath(import.meta.url));
const paths = desktopPaths(
  { packaged: app.isPackaged, resourcesPath: process.resourcesPath, appRoot: app.getAppPath(), platform: process.platform },
  compiledDir,
);

// must happen before `ready`: a standard, secure scheme gets same-origin rules, fetch and CSP 'self' like https
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } }]);

let flags: DesktopFlags = { hidden: false };
try {
  flags = parseDesktopArgs(process.argv);
} catch (err) {
  // before `ready` no dialog can show: the terminal that started us gets the line
  process.stderr.write(`llm-inspector: ${(err as Error).message}\n`);
  app.exit(2);
}
// the single-instance lock lives in Electron's userData: another data dir is another instance, with its own lock
if (flags.dataDir) app.setPath('userData', join(resolve(flags.dataDir), 'electron'));

if (!app.requestSingleInstanceLock()) {
  // a second launch only brings the first one's window forward (the first gets 'second-instance')
  app.quit();
} else {
  void run().catch((err: unknown) => {
    dialog.showErrorBox('LLM Inspector cannot start', (err as Error).message);
    app.exit(1);
  });
}

async function run(): Promise<void> {
  if (!process.env[SQLITE_BINDING_ENV]) {
    if (!existsSync(paths.sqliteBinding)) {
      throw new Error(`The SQLite addon for Electron is missing (${paths.sqliteBinding}). Run \`node scripts/build-electron-native.mjs\` (npm start does it).`);
    }
    process.env[SQLITE_BINDING_ENV] = paths.sqliteBinding;
  }
  await app.whenReady();
  lockDownSessions();

  const inspector = await startInspector({
    shell: 'electron',
    dataDir: flags.dataDir ?? null,
    overrides: {
      ...(flags.proxyPort !== undefined ? { proxy: { port: flags.proxyPort } } : {}),
      ...(flags.uiPort !== undefined ? { ui: { port: flags.uiPort } } : {}),
    },
  });
  const cfg = inspector.config.get();
  const api = await startApiServer({ service: inspector.service, ca: inspector.ca, log: inspector.log }, { host: cfg.ui.host, port: cfg.ui.port });
  inspector.setUiUrl(api.url);
  writeRuntimeFile(inspector.layout.root, { pid: process.pid, proxyUrl: inspector.proxyUrl, uiUrl: api.openUrl, caPath: inspector.ca.certPath });
  protocol.handle(APP_SCHEME, createAppProtocolHandler(new StaticUi(), () => ({ url: api.url, token: api.token })));

  const router = new IpcRouter({ run: (command, input) => runCommand(inspector.service, command, input), log: (m) => inspector.log.warn(m) });
  ipcMain.handle(IPC_INVOKE, (e, message: unknown) => router.handle(e.senderFrame?.url ?? '', message));
  const bridge = new IpcEventBridge({
    onAny: (fn) => inspector.service.events.onAny(fn),
    greeting: () => ({ event: 'capture.status', data: inspector.service.capture }),
  });
  ipcMain.on(IPC_EVENTS, (e) => {
    if (!isAppUrl(e.senderFrame?.url ?? '')) return;
    const wc = e.sender;
    bridge.subscribe({ id: wc.id, isDestroyed: () => wc.isDestroyed(), send: (c, m) => wc.send(c, m), once: (_ev, fn) => void wc.once('destroyed', fn) });
  });

  const windowStateFile = join(inspector.layout.root, 'window-state.json');
  let win: BrowserWindow | null = null;
  let quitting = false;
  let toldAboutTray = false;
  const showWindow = (hash?: string) => {
    if (!win) win = createWindow(hash);
    // an open page only changes its hash: a reload would lose the view's state (selection, scroll, filters)
    else if (hash) void win.webContents.executeJavaScript(`location.hash = ${JSON.stringify(hash)}`);
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
  };

  const controller = new DesktopController(
    desktopServices(inspector.service, inspector.config, { proxyUrl: inspector.proxyUrl, caPath: inspector.ca.certPath, bundlePath: inspector.bundlePath ?? inspector.ca.certPath }),
    {
      showWindow,
      hideWindow: () => win?.hide(),
      windowVisible: () => win?.isVisible() ?? false,
      copyText: (text) => clipboard.writeText(text),
      notify: (title, body) => {
        if (Notification.isSupported()) new Notification({ title, body }).show();
      },
      quit: () => app.quit(),
    },
    { proxyUrl: inspector.proxyUrl, platform: process.platform },
  );
  inspector.service.events.onAny((e) => controller.onServiceEvent(e));

  const tray = createTray(controller);

  const rememberWindow = (w: BrowserWindow) => {
    if (!w.isDestroyed()) saveWindowState(windowStateFile, { ...w.getNormalBounds(), maximized: w.isMaximized() });
  };

  function createWindow(hash = ''): BrowserWindow {
    const saved = fitToDisplays(loadWindowState(windowStateFile), screen.getAllDisplays().map((d) => d.workArea));
    const theme = inspector.config.get().ui.theme;
    const dark = theme === 'dark' || (theme === 'system' && nativeTheme.shouldUseDarkColors);
    const w = new BrowserWindow(mainWindowOptions(saved, { preload: paths.preload, icon: paths.appIcon }, dark));
    if (saved.maximized) w.maximize();
    w.once('ready-to-show', () => w.show());
    w.on('show', () => controller.windowShown(true));
    w.on('hide', () => controller.windowShown(false));
    w.on('close', (e) => {
      rememberWindow(w);
      if (quitting || !inspector.config.get().ui.closeToTray) return;
      e.preventDefault();
      w.hide();
      if (!toldAboutTray) {
        toldAboutTray = true;
        if (Notification.isSupported()) new Notification({ title: 'LLM Inspector is still capturing', body: 'It keeps running in the tray. Quit from the tray menu.' }).show();
      }
    });
    w.on('closed', () => {
      win = null;
      controller.windowShown(false);
    });
    void w.loadURL(`${APP_ORIGIN}/${hash}`);
    return w;
  }

  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      appMenuTemplate(process.platform, {
        go: (hash) => showWindow(hash),
        openInBrowser: () => void shell.openExternal(api.openUrl),
        openDataDir: () => void shell.openPath(inspector.layout.root),
        openLog: () => void shell.openPath(inspector.layout.logDir),
        openDocs: () => void shell.openExternal('https://github.com/llm-inspector/llm-inspector#readme'),
      }),
    ),
  );

  app.on('second-instance', () => showWindow());
  app.on('activate', () => showWindow());
  // with close-to-tray the app lives on without windows; otherwise closing the last window quits
  app.on('window-all-closed', () => {
    if (!inspector.config.get().ui.closeToTray) app.quit();
  });
  app.on('before-quit', (e) => {
    if (quitting) return;
    quitting = true;
    // app.exit below skips the windows' close events, so their state is kept here
    if (win) rememberWindow(win);
    e.preventDefault();
    void shutdown(inspector, api, bridge, tray).finally(() => app.exit(0));
  });

  await controller.refresh();
  if (!flags.hidden) showWindow();
}

/** macOS draws template images in the menu bar's own colour; Electron treats a file as one only if told (or by name). */
function trayImage(state: TrayIconState): NativeImage {
  const image = nativeImage.createFromPath(paths.trayIcon(state));
  if (process.platform === 'darwin') image.setTemplateImage(true);
  return image;
}

function createTray(controller: DesktopController): Tray {
  const tray = new Tray(trayImage(trayIconState(controller.current)));
  let shownIcon = trayIconState(controller.current);
  const render = () => {
    const s = controller.current;
    const icon = trayIconState(s);
    if (icon !== shownIcon) {
      shownIcon = icon;
      tray.setImage(trayImage(icon));
    }
    tray.setToolTip(trayTooltip(s));
    tray.setContextMenu(Menu.buildFromTemplate(toMenuTemplate(trayMenu(s), (a) => void controller.run(a))));
  };
  controller.onChange(render);
  render();
  // the OS proxy can be changed behind our back (another app, the settings panel): re-read it when the user looks
  tray.on('click', () => void controller.refresh());
  return tray;
}

/** Quit restores what the app changed (system proxy) and lets the store finish its writes before the process ends. */
async function shutdown(inspector: Inspector, api: ApiServer, bridge: IpcEventBridge, tray: Tray): Promise<void> {
  bridge.close();
  tray.destroy();
  await api.close().catch(() => undefined);
  await inspector.close();
  removeRuntimeFile(inspector.layout.root);
}

/** No page may ask for devices, notifications or geolocation; only the clipboard write "copy as curl" needs. */
function lockDownSessions(): void {
  session.defaultSession.setPermissionRequestHandler((wc, permission, callback) => {
    callback(permission === 'clipboard-sanitized-write' && isAppUrl(wc.getURL()));
  });
  app.on('web-contents-created', (_e, contents) => {
    contents.on('will-navigate', (ev, url) => {
      if (!navigationAllowed(url)) ev.preventDefault();
    });
    contents.on('will-redirect', (ev, url) => {
      if (!navigationAllowed(url)) ev.preventDefault();
    });
    contents.on('will-attach-webview', (ev) => ev.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      if (externalLinkAllowed(url)) void shell.openExternal(url);
      return { action: 'deny' };
    });
  });
}
