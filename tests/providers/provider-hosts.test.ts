// Host → provider labels for the OpenAI-shaped APIs (provider-formats §1.2).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { providerForHost } from '../../src-main/providers/provider-hosts.js';

test('known hosts', () => {
  const cases: [string, string][] = [
    ['api.openai.com', 'openai'],
    ['API.OpenAI.com', 'openai'],
    ['api.openai.com:443', 'openai'],
    ['myres.openai.azure.com', 'azure-openai'],
    ['myres.cognitiveservices.azure.com', 'azure-openai'],
    ['myres.services.ai.azure.com', 'azure-ai-foundry'],
    ['api.deepseek.com', 'deepseek'],
    ['api.mistral.ai', 'mistral'],
    ['api.groq.com', 'groq'],
    ['api.together.xyz', 'together'],
    ['api.together.ai', 'together'],
    ['api.fireworks.ai', 'fireworks'],
    ['openrouter.ai', 'openrouter'],
    ['api.x.ai', 'xai'],
    ['api.perplexity.ai', 'perplexity'],
    ['generativelanguage.googleapis.com', 'gemini'],
    ['us-central1-aiplatform.googleapis.com', 'vertex-ai'],
    ['example.com', 'openai-compatible'],
    ['evil-openai.azure.com.example.org', 'openai-compatible'],
  ];
  for (const [host, want] of cases) assert.equal(providerForHost(host), want, host);
});

test('local servers by port, given apart or in the host', () => {
  assert.equal(providerForHost('localhost', 11434), 'ollama');
  assert.equal(providerForHost('127.0.0.1:1234'), 'lmstudio');
  assert.equal(providerForHost('localhost:8000'), 'vllm');
  assert.equal(providerForHost('[::1]:8080'), 'llamacpp');
  assert.equal(providerForHost('localhost'), 'openai-compatible');
  assert.equal(providerForHost('localhost:9999'), 'openai-compatible');
  assert.equal(providerForHost('10.0.0.5:11434'), 'openai-compatible');
});
