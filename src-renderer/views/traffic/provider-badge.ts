/** A provider's badge: two letters on a theme colour, the same provider always the same look. */
export interface Badge {
  initials: string;
  /** a theme colour variable name (`--chart-1` … `--chart-6`), or null for traffic no provider module recognised */
  color: string | null;
  title: string;
}

const KNOWN: Record<string, [initials: string, chart: number, name: string]> = {
  openai: ['OA', 2, 'OpenAI'],
  'azure-openai': ['Az', 1, 'Azure OpenAI'],
  'azure-ai-foundry': ['AF', 1, 'Azure AI Foundry'],
  anthropic: ['An', 3, 'Anthropic'],
  gemini: ['Ge', 1, 'Google Gemini'],
  'vertex-ai': ['Vx', 6, 'Google Vertex AI'],
  bedrock: ['Br', 3, 'AWS Bedrock'],
  mistral: ['Mi', 3, 'Mistral'],
  groq: ['Gq', 5, 'Groq'],
  xai: ['xA', 4, 'xAI'],
  deepseek: ['DS', 1, 'DeepSeek'],
  together: ['To', 6, 'Together'],
  fireworks: ['Fw', 5, 'Fireworks'],
  openrouter: ['OR', 4, 'OpenRouter'],
  perplexity: ['Px', 6, 'Perplexity'],
  cohere: ['Co', 4, 'Cohere'],
  ollama: ['Ol', 2, 'Ollama (local)'],
  lmstudio: ['LM', 2, 'LM Studio (local)'],
  vllm: ['vL', 2, 'vLLM (local)'],
  llamacpp: ['Lc', 2, 'llama.cpp (local)'],
  'openai-compatible': ['OC', 4, 'OpenAI-compatible API'],
};

export function providerBadge(provider: string | null): Badge {
  if (provider === null) return { initials: '·', color: null, title: 'not an LLM API call' };
  const known = KNOWN[provider];
  if (known) return { initials: known[0], color: `--chart-${known[1]}`, title: known[2] };
  let h = 0;
  for (const c of provider) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  const letters = provider.replace(/[^A-Za-z0-9]/g, '');
  const initials = (letters.slice(0, 1).toUpperCase() + letters.slice(1, 2).toLowerCase()) || '?';
  return { initials, color: `--chart-${(h % 6) + 1}`, title: provider };
}
