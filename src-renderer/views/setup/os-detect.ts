/** The install guides, in tab order. `linux` is Debian/Ubuntu, the most common family; the others are named. */
export const OS_IDS = ['macos', 'windows', 'linux', 'fedora', 'arch', 'firefox', 'android'] as const;
export type OsId = (typeof OS_IDS)[number];

export const OS_LABELS: Record<OsId, string> = {
  macos: 'macOS',
  windows: 'Windows',
  linux: 'Debian / Ubuntu',
  fedora: 'Fedora / RHEL',
  arch: 'Arch',
  firefox: 'Firefox / NSS',
  android: 'Android emulator',
};

const ALIASES: Record<string, OsId> = {
  mac: 'macos',
  osx: 'macos',
  darwin: 'macos',
  win: 'windows',
  win32: 'windows',
  debian: 'linux',
  ubuntu: 'linux',
  rhel: 'fedora',
  centos: 'fedora',
  nss: 'firefox',
  chrome: 'firefox',
};

/** The `os` URL parameter, forgiving the usual other spellings; null when it names nothing known. */
export function parseOsParam(value: string | null | undefined): OsId | null {
  if (!value) return null;
  const v = value.toLowerCase();
  if ((OS_IDS as readonly string[]).includes(v)) return v as OsId;
  return ALIASES[v] ?? null;
}

export interface BrowserPlatform {
  /** navigator.userAgentData.platform where the browser has it ("macOS", "Windows", "Linux", "Android") */
  uaPlatform?: string | undefined;
  /** navigator.platform (deprecated but everywhere: "MacIntel", "Win32", "Linux x86_64") */
  platform?: string | undefined;
  userAgent?: string | undefined;
}

/**
 * The guide to open first, from what the browser says about its OS. Distributions are told apart only where the user
 * agent names one (Firefox builds from Fedora and Ubuntu do); any other Linux gets the Debian/Ubuntu guide.
 */
export function detectOs(b: BrowserPlatform): OsId | null {
  const ua = b.userAgent ?? '';
  const all = `${b.uaPlatform ?? ''} ${b.platform ?? ''} ${ua}`;
  if (/android/i.test(all)) return 'android';
  if (/mac|iphone|ipad/i.test(all)) return 'macos';
  if (/win/i.test(all)) return 'windows';
  if (/linux|x11|cros/i.test(all)) {
    if (/fedora|red hat|centos|rocky|almalinux/i.test(ua)) return 'fedora';
    if (/arch linux|manjaro|endeavouros/i.test(ua)) return 'arch';
    return 'linux';
  }
  return null;
}

/** Node's `process.platform` of the inspector, for when the browser tells nothing. */
export function osFromNodePlatform(platform: string | null | undefined): OsId | null {
  switch (platform) {
    case 'darwin':
      return 'macos';
    case 'win32':
      return 'windows';
    case 'linux':
    case 'freebsd':
    case 'openbsd':
      return 'linux';
    case 'android':
      return 'android';
    default:
      return null;
  }
}

/** URL first (a bookmark or a click), then the browser, then the inspector's own OS, then Debian/Ubuntu. */
export function chooseOs(param: string | null, browser: BrowserPlatform, nodePlatform: string | null): OsId {
  return parseOsParam(param) ?? detectOs(browser) ?? osFromNodePlatform(nodePlatform) ?? 'linux';
}
