import type { CaInfo } from '../../../src-main/contract/index.js';
import { commonName, expiryLevel, expiryText, formatFingerprint } from './ca-facts.js';
import { CopyButton } from './code-block.js';
import { CheckIcon, CrossIcon, DownloadIcon, QuestionIcon } from './icons.js';
import { DOWNLOAD_NAME } from './install-guides.js';

const TRUST_TEXT: Record<CaInfo['trust']['state'], string> = {
  trusted: 'Trusted by this system',
  not_trusted: 'Not trusted by this system yet',
  unknown: 'Trust cannot be told here',
};

export function TrustBadge({ trust }: { trust: CaInfo['trust'] }) {
  const Icon = trust.state === 'trusted' ? CheckIcon : trust.state === 'not_trusted' ? CrossIcon : QuestionIcon;
  return (
    <div className={`trust trust-${trust.state}`} data-testid="ca-trust" data-state={trust.state}>
      <span className="trust-badge">
        <Icon />
        {TRUST_TEXT[trust.state]}
      </span>
      {trust.detail && <span className="trust-detail">{trust.detail}</span>}
    </div>
  );
}

/** The install's CA at a glance: who it is, how to recognise it, how long it lasts, whether this machine trusts it. */
export function CaStatus({ info, now }: { info: CaInfo; now: number }) {
  const level = expiryLevel(info.notBefore, info.notAfter, now);
  const fingerprint = formatFingerprint(info.fingerprintSha256);
  return (
    <div className="ca-status" data-testid="ca-status">
      <TrustBadge trust={info.trust} />
      <dl className="facts">
        <dt>Name</dt>
        <dd title={info.subject}>{commonName(info.subject) ?? info.subject}</dd>
        <dt>SHA-256</dt>
        <dd className="fingerprint-row">
          <code className="fingerprint" data-testid="ca-fingerprint">
            {fingerprint}
          </code>
          <CopyButton text={fingerprint} label="Copy" />
        </dd>
        <dt>Valid</dt>
        <dd>
          {info.notBefore.slice(0, 10)} to {info.notAfter.slice(0, 10)}{' '}
          <span className={`expiry expiry-${level}`} data-testid="ca-expiry">
            ({expiryText(info.notBefore, info.notAfter, now)})
          </span>
        </dd>
        <dt>File</dt>
        <dd>
          <code>{info.certPath}</code>
        </dd>
      </dl>
    </div>
  );
}

const FORMATS = [
  { ext: 'pem', hint: 'PEM text: Node, Python, curl, Linux' },
  { ext: 'der', hint: 'binary DER: Java keytool, some devices' },
  { ext: 'crt', hint: 'opens the installer on Windows, macOS, Android' },
] as const;

/** Plain links: the browser saves the file, and the same URLs work from curl with the token. */
export function CaDownloads({ urlOf }: { urlOf: (path: string) => string }) {
  return (
    <div className="ca-downloads">
      {FORMATS.map((f) => (
        <a key={f.ext} className="button-link" href={urlOf(`/api/ca.${f.ext}`)} download={`${DOWNLOAD_NAME}.${f.ext}`} title={f.hint} data-testid={`ca-download-${f.ext}`}>
          <DownloadIcon />
          {f.ext.toUpperCase()}
        </a>
      ))}
    </div>
  );
}
