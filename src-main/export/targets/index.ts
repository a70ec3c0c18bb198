import type { DatasetFormat } from '../../contract/index.js';
import type { DatasetTarget } from '../target-rules.js';
import { bedrockClaudeTarget } from './bedrock-claude.js';
import { openAiChatTarget } from './openai-chat.js';
import { shareGptTarget } from './sharegpt.js';
import { trlMessagesTarget } from './trl-messages.js';
import { vertexGeminiTarget } from './vertex-gemini.js';

export { openAiDpoTarget } from './openai-dpo.js';

/** Every supervised (one example per transcript) target; DPO pairs are built apart (`dpo.ts`). */
export const SFT_TARGETS: Record<Exclude<DatasetFormat, 'openai-dpo'>, DatasetTarget> = {
  'openai-chat': openAiChatTarget,
  'bedrock-claude': bedrockClaudeTarget,
  'vertex-gemini': vertexGeminiTarget,
  sharegpt: shareGptTarget,
  'trl-messages': trlMessagesTarget,
};

export { bedrockClaudeTarget, openAiChatTarget, shareGptTarget, trlMessagesTarget, vertexGeminiTarget };
