// An inspector with its headless API server in front and a fake OpenAI behind: what the REST tests share.
import { silentLogger } from '../../src-main/log/index.js';
import { startApiServer, type ApiServer } from '../../src-main/server/index.js';
import { fixtureReply, startProvider, type FakeProvider } from '../support/fake-provider.js';
import { startTestInspector, type HarnessOptions, type TestInspector } from './inspector-harness.js';

export interface ApiWorld {
  provider: FakeProvider;
  t: TestInspector;
  api: ApiServer;
  close(): Promise<void>;
}

/** `start` passes startInspector options through (the system tests inject a sandboxed system integration). */
export async function startApiWorld(opts: { start?: HarnessOptions['start'] } = {}): Promise<ApiWorld> {
  const provider = await startProvider({ routes: [{ method: 'POST', path: '/v1/chat/completions', respond: fixtureReply('openai/chat-text.json') }] });
  const t = await startTestInspector({ providerPort: provider.port, ...(opts.start ? { start: opts.start } : {}) });
  const api = await startApiServer({ service: t.inspector.service, ca: t.inspector.ca, log: silentLogger }, { host: '127.0.0.1', port: 0 });
  return {
    provider,
    t,
    api,
    async close() {
      await api.close();
      await t.close();
      await provider.close();
    },
  };
}
