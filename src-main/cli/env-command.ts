import { z } from 'zod';

export const EnvFlagsSchema = z.object({
  shell: z.enum(['bash', 'zsh', 'fish', 'powershell', 'cmd']).default('bash'),
  baseUrls: z.boolean().default(false),
});
export type EnvFlags = z.infer<typeof EnvFlagsSchema>;

export interface EnvContext {
  proxyUrl: string;
  caPath: string;
  bundlePath: string;
}

/** The variables that route one terminal's programs through the inspector, in the chosen shell's syntax. */
export function envLines(ctx: EnvContext, flags: EnvFlags): string[] {
  const vars: [string, string][] = [
    ['HTTPS_PROXY', ctx.proxyUrl],
    ['HTTP_PROXY', ctx.proxyUrl],
    ['https_proxy', ctx.proxyUrl],
    ['http_proxy', ctx.proxyUrl],
    ['NO_PROXY', 'localhost,127.0.0.1,::1'],
    ['no_proxy', 'localhost,127.0.0.1,::1'],
    ['NODE_EXTRA_CA_CERTS', ctx.caPath],
    ['NODE_USE_ENV_PROXY', '1'],
    ['SSL_CERT_FILE', ctx.bundlePath],
    ['REQUESTS_CA_BUNDLE', ctx.bundlePath],
    ['CURL_CA_BUNDLE', ctx.bundlePath],
  ];
  const baseUrls: [string, string][] = [
    ['OPENAI_BASE_URL', `${ctx.proxyUrl}/openai/v1`],
    ['ANTHROPIC_BASE_URL', `${ctx.proxyUrl}/anthropic`],
    ['GOOGLE_GEMINI_BASE_URL', `${ctx.proxyUrl}/gemini`],
  ];
  const line = (k: string, v: string): string => {
    switch (flags.shell) {
      case 'fish':
        return `set -gx ${k} ${quote(v)}`;
      case 'powershell':
        return `$env:${k} = "${v.replace(/"/g, '`"')}"`;
      case 'cmd':
        return `set ${k}=${v}`;
      default:
        return `export ${k}=${quote(v)}`;
    }
  };
  const comment = flags.shell === 'cmd' ? 'REM' : '#';
  const out = [`${comment} LLM Inspector: route this shell's HTTP(S) through ${ctx.proxyUrl}`, ...vars.map(([k, v]) => line(k, v))];
  if (flags.baseUrls) out.push(`${comment} base-URL routes (no CA needed)`, ...baseUrls.map(([k, v]) => line(k, v)));
  else out.push(`${comment} or, without a proxy or CA, use base-URL routes (llm-inspector env --base-urls):`, ...baseUrls.map(([k, v]) => `${comment} ${line(k, v)}`));
  return out;
}

function quote(v: string): string {
  return /^[A-Za-z0-9_./:,@-]+$/.test(v) ? v : `'${v.replace(/'/g, `'\\''`)}'`;
}
