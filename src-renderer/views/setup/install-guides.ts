import { clientProxyUrl, commonName } from './ca-facts.js';
import type { OsId } from './os-detect.js';
import { isWindowsPath, quoteArg, type ShellKind } from './shell-quote.js';

export interface GuideContext {
  certPath: string;
  /** the CA's subject, for the nickname and removal commands */
  subject: string;
  proxyUrl: string;
  /** the inspector's `process.platform`, null when unknown */
  platform: string | null;
}

export interface GuideStep {
  text: string;
  /** a command to paste, already quoted for the guide's shell */
  command?: string;
}

export interface GuideSection {
  title: string;
  steps: GuideStep[];
}

export interface InstallGuide {
  os: OsId;
  shell: ShellKind;
  sections: GuideSection[];
  /** what the install does not cover */
  note: string | null;
}

export const DOWNLOAD_NAME = 'llm-inspector-ca';
const FALLBACK_CN = 'LLM Inspector CA';

const PLATFORM_OF: Record<OsId, string | null> = {
  macos: 'darwin',
  windows: 'win32',
  linux: 'linux',
  fedora: 'linux',
  arch: 'linux',
  firefox: null,
  android: null,
};

/**
 * The certificate file the guide's commands name: the inspector's own file when the guide is for the machine it runs
 * on, else the .crt the download button saves (the usual Downloads folder).
 */
export function guideCertFile(os: OsId, ctx: Pick<GuideContext, 'certPath' | 'platform'>): string {
  const shell = shellOf(os);
  const wanted = PLATFORM_OF[os];
  const here = wanted === null || ctx.platform === null ? isWindowsPath(ctx.certPath) === (shell === 'powershell') : wanted === ctx.platform;
  if (here) return quoteArg(shell, ctx.certPath);
  return shell === 'powershell' ? `"$HOME\\Downloads\\${DOWNLOAD_NAME}.crt"` : `~/Downloads/${DOWNLOAD_NAME}.crt`;
}

export function shellOf(os: OsId): ShellKind {
  return os === 'windows' ? 'powershell' : 'posix';
}

function proxyPort(proxyUrl: string): string {
  return /:(\d+)(?:\/|$)/.exec(clientProxyUrl(proxyUrl))?.[1] ?? '8080';
}

const SYSTEM_STORE_NOTE =
  'Programs with their own trust store do not read the system one: Node, Python, Java and Firefox need the snippets ' +
  'below or the Firefox / NSS tab. Restart browsers after installing.';

/** Step-by-step install of the CA for one OS or trust store, with the commands to paste. */
export function installGuide(os: OsId, ctx: GuideContext): InstallGuide {
  const shell = shellOf(os);
  const f = guideCertFile(os, ctx);
  const cn = quoteArg(shell, commonName(ctx.subject) ?? FALLBACK_CN);
  const proxy = quoteArg(shell, clientProxyUrl(ctx.proxyUrl));
  const checkWithSystemTrust: GuideStep = {
    text: 'Goes through the proxy trusting only the system store; prints a JSON answer once the CA is trusted:',
    command: `curl -x ${proxy} https://llm-inspector.test/ping`,
  };
  const guide = (sections: GuideSection[], note: string | null = SYSTEM_STORE_NOTE): InstallGuide => ({ os, shell, sections, note });
  switch (os) {
    case 'macos':
      return guide([
        {
          title: 'Install',
          steps: [
            { text: 'Add the CA to your login keychain, trusted for SSL (macOS asks for your password):', command: `security add-trusted-cert -r trustRoot -k ~/Library/Keychains/login.keychain-db ${f}` },
            { text: 'Or for every user of this Mac:', command: `sudo security add-trusted-cert -d -r trustRoot -k /Library/Keychains/System.keychain ${f}` },
            { text: `Or by hand: double-click the downloaded .crt, open it in Keychain Access, expand Trust and set "When using this certificate" to Always Trust.` },
          ],
        },
        { title: 'Check', steps: [{ text: 'Prints "certificate verification successful":', command: `security verify-cert -c ${f}` }, checkWithSystemTrust] },
        { title: 'Remove later', steps: [{ text: 'Deletes it from the login keychain:', command: `security delete-certificate -c ${cn}` }] },
      ]);
    case 'windows':
      return guide([
        {
          title: 'Install',
          steps: [
            { text: 'Add the CA to your user’s Trusted Root store (no admin rights; Windows asks you to confirm). In PowerShell:', command: `certutil -user -addstore Root ${f}` },
            { text: 'Or by hand: run certmgr.msc, open Trusted Root Certification Authorities → Certificates, then All Tasks → Import… and pick the downloaded .crt.', command: 'certmgr.msc' },
            { text: 'Or for every user of this PC, from an administrator PowerShell:', command: `certutil -addstore Root ${f}` },
          ],
        },
        { title: 'Check', steps: [{ text: 'Lists the certificate with its fingerprint:', command: `certutil -user -verifystore Root ${cn}` }, { ...checkWithSystemTrust, command: `curl.exe -x ${proxy} https://llm-inspector.test/ping` }] },
        { title: 'Remove later', steps: [{ text: 'Deletes it from your user’s store:', command: `certutil -user -delstore Root ${cn}` }] },
      ]);
    case 'linux':
      return guide([
        {
          title: 'Install',
          steps: [
            { text: 'Copy the CA into the local CA directory (the name must end in .crt):', command: `sudo cp ${f} /usr/local/share/ca-certificates/llm-inspector.crt` },
            { text: 'Rebuild /etc/ssl/certs (it reports "1 added"):', command: 'sudo update-ca-certificates' },
          ],
        },
        { title: 'Check', steps: [checkWithSystemTrust] },
        { title: 'Remove later', steps: [{ text: 'Delete the file and rebuild:', command: 'sudo rm /usr/local/share/ca-certificates/llm-inspector.crt && sudo update-ca-certificates --fresh' }] },
      ], `${SYSTEM_STORE_NOTE} Chrome and Chromium on Linux read the NSS database instead: see the Firefox / NSS tab.`);
    case 'fedora':
      return guide([
        {
          title: 'Install',
          steps: [
            { text: 'Copy the CA into the trust anchors:', command: `sudo cp ${f} /etc/pki/ca-trust/source/anchors/llm-inspector.pem` },
            { text: 'Rebuild the extracted bundles:', command: 'sudo update-ca-trust' },
          ],
        },
        { title: 'Check', steps: [checkWithSystemTrust] },
        { title: 'Remove later', steps: [{ text: 'Delete the anchor and rebuild:', command: 'sudo rm /etc/pki/ca-trust/source/anchors/llm-inspector.pem && sudo update-ca-trust' }] },
      ], `${SYSTEM_STORE_NOTE} Chrome and Chromium on Linux read the NSS database instead: see the Firefox / NSS tab.`);
    case 'arch':
      return guide([
        { title: 'Install', steps: [{ text: 'Store the CA as a trust anchor (p11-kit rebuilds the bundles):', command: `sudo trust anchor --store ${f}` }] },
        { title: 'Check', steps: [{ text: 'The anchor is listed:', command: `trust list --filter=ca-anchors | grep -F ${cn}` }, checkWithSystemTrust] },
        { title: 'Remove later', steps: [{ text: 'Remove the anchor:', command: `sudo trust anchor --remove ${f}` }] },
      ], `${SYSTEM_STORE_NOTE} Chrome and Chromium on Linux read the NSS database instead: see the Firefox / NSS tab.`);
    case 'firefox':
      return guide([
        {
          title: 'Firefox',
          steps: [
            { text: 'Settings → Privacy & Security → Certificates → View Certificates… → Authorities → Import…, pick the downloaded .crt and tick "Trust this CA to identify websites".' },
            { text: 'On Windows and macOS Firefox can use the OS store instead: install with that tab and keep security.enterprise_roots.enabled = true in about:config (the default in recent versions).' },
            { text: 'Or from a terminal, into every Firefox profile (close Firefox first):', command: `for d in ~/.mozilla/firefox/*.default*/; do certutil -d sql:"$d" -A -t C,, -n ${cn} -i ${f}; done` },
          ],
        },
        {
          title: 'Chrome / Chromium on Linux (NSS shared database)',
          steps: [
            { text: 'certutil comes with libnss3-tools (Debian/Ubuntu) or nss-tools (Fedora):', command: 'sudo apt install libnss3-tools' },
            { text: 'Add the CA, trusted for TLS servers:', command: `certutil -d sql:$HOME/.pki/nssdb -A -t C,, -n ${cn} -i ${f}` },
            { text: 'Check: the CA is listed with trust "C,,":', command: 'certutil -d sql:$HOME/.pki/nssdb -L' },
            { text: 'Remove later:', command: `certutil -d sql:$HOME/.pki/nssdb -D -n ${cn}` },
          ],
        },
      ], 'Restart the browser after importing.');
    case 'android': {
      const port = proxyPort(ctx.proxyUrl);
      return guide([
        {
          title: 'Point the emulator at the proxy',
          steps: [
            { text: '10.0.2.2 is this computer’s loopback as the emulator sees it:', command: `adb shell settings put global http_proxy 10.0.2.2:${port}` },
            { text: 'Undo later:', command: 'adb shell settings put global http_proxy :0' },
          ],
        },
        {
          title: 'User store (no root)',
          steps: [
            { text: 'With the proxy set, open http://llm-inspector.test/ in the emulator’s browser and download the .crt (the proxy answers that host itself). Or copy it over:', command: `adb push ${f} /sdcard/Download/${DOWNLOAD_NAME}.crt` },
            { text: 'On the device: Settings → Security & privacy → More security settings → Encryption & credentials → Install a certificate → CA certificate, and pick it.' },
            { text: 'Apps targeting Android 7+ trust user CAs only when their network_security_config allows it (for a debug build: <debug-overrides><trust-anchors><certificates src="user"/>). Chrome does trust them.' },
          ],
        },
        {
          title: 'System store (emulator image without Google Play, Android 13 or older)',
          steps: [
            { text: 'Name the file by its subject hash, as Android expects:', command: `h=$(openssl x509 -inform PEM -subject_hash_old -in ${f} | head -1) && cp ${f} "$h.0"` },
            { text: 'Start the emulator with a writable system partition and remount it (the first time, run adb shell avbctl disable-verification and adb reboot first):', command: 'emulator -avd <your_avd> -writable-system &\nadb root && adb remount' },
            { text: 'Install and reboot:', command: 'adb push "$h.0" /system/etc/security/cacerts/ && adb shell chmod 644 "/system/etc/security/cacerts/$h.0" && adb reboot' },
            { text: 'Android 14 and later read system CAs from the Conscrypt APEX (/apex/com.android.conscrypt/cacerts), which a remount does not change: use the user store with a network_security_config there.' },
          ],
        },
      ], null);
    }
  }
}
