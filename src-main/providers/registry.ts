import { anthropicMessages } from './anthropic-messages.js';
import { bedrockConverse } from './bedrock-converse.js';
import { cohereChat } from './cohere-chat.js';
import { geminiGenerate } from './gemini-generate.js';
import { ollamaNative } from './ollama-native.js';
import { openaiChat } from './openai-chat.js';
import { openaiCompletions } from './openai-completions.js';
import { openaiEmbeddings } from './openai-embeddings.js';
import { openaiResponses } from './openai-responses.js';
import type { ProviderModule } from './provider-module.js';

/**
 * Every API family the inspector understands, in the order they are asked. Paths decide first (many hosts speak the
 * same shapes), so the narrow patterns come before the generic OpenAI-compatible `…/chat/completions`, which any host
 * may serve. Adding an API means adding a module here.
 */
export const PROVIDER_MODULES: readonly ProviderModule[] = [
  anthropicMessages,
  bedrockConverse,
  geminiGenerate,
  cohereChat,
  ollamaNative,
  openaiResponses,
  openaiEmbeddings,
  openaiCompletions,
  openaiChat,
];
