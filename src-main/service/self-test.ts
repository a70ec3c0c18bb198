// The interception self-test: the inspector goes through its own proxy to the magic host, the way a program would, and
// reports each step so a failing setup says where it breaks.
import net from 'node:net';
import type tls from 'node:tls';
import type { ReplayMarkers } from '../capture/index.js';
import { REPLAY_HEADER } from '../capture/index.js';
import type { SelfTestResult } from '../contract/index.js';
import { SELF_HOST } from '../proxy/index.js';
import { connectTls, readBody, sendRequest, type ProxyEndpoint } from './proxy-client.js';
import type { ServiceEvents } from './typed-events.js';

export interface SelfTestEnv {
  proxy: ProxyEndpoint | null;
  caPem: string;
  markers: ReplayMarkers;
  events: ServiceEvents;
  /** how long the captured exchange may take to be committed */
  captureTimeoutMs?: number;
  connectTimeoutMs?: number;
}

type Step = SelfTestResult['steps'][number];

const STEPS = ['proxy reachable', 'CONNECT + TLS with the inspector CA', `GET https://${SELF_HOST}/ping answered`, 'exchange captured'] as const;

function reachable(proxy: ProxyEndpoint, timeoutMs: number): Promise<string | null> {
  return new Promise((resolve) => {
    const s = net.connect({ host: proxy.host, port: proxy.port });
    const done = (why: string | null) => {
      clearTimeout(timer);
      s.destroy();
      resolve(why);
    };
    const timer = setTimeout(() => done(`no answer within ${timeoutMs / 1000} s`), timeoutMs);
    s.once('connect', () => done(null));
    s.once('error', (err: NodeJS.ErrnoException) => done(err.code ?? err.message));
  });
}

/** Resolves with the first committed exchange of that id (seen before or after the id is known), or null at the deadline. */
function finishedWaiter(events: ServiceEvents) {
  const seen = new Set<number>();
  let want: { id: number; resolve: (ok: boolean) => void } | null = null;
  const off = events.on('exchange.finished', (s) => {
    seen.add(s.id);
    if (want !== null && want.id === s.id) want.resolve(true);
  });
  return {
    wait(id: number, timeoutMs: number): Promise<boolean> {
      if (seen.has(id)) return Promise.resolve(true);
      return new Promise((resolve) => {
        const timer = setTimeout(() => resolve(false), timeoutMs);
        want = { id, resolve: (ok) => (clearTimeout(timer), resolve(ok)) };
      });
    },
    off,
  };
}

export async function runSelfTest(env: SelfTestEnv): Promise<SelfTestResult> {
  const steps: Step[] = [];
  let exchangeId: number | null = null;
  const connectMs = env.connectTimeoutMs ?? 5000;
  const run = async (): Promise<void> => {
    const proxy = env.proxy;
    if (proxy === null) return void steps.push({ name: STEPS[0], ok: false, detail: 'The proxy is not listening yet.' });
    const where = `${proxy.host}:${proxy.port}`;
    const refused = await reachable(proxy, connectMs);
    if (refused !== null) return void steps.push({ name: STEPS[0], ok: false, detail: `Could not connect to ${where} (${refused}).` });
    steps.push({ name: STEPS[0], ok: true, detail: `The proxy accepts connections on ${where}.` });

    let socket: tls.TLSSocket;
    try {
      socket = await connectTls(proxy, SELF_HOST, 443, env.caPem, connectMs);
    } catch (err) {
      return void steps.push({ name: STEPS[1], ok: false, detail: (err as Error).message });
    }
    steps.push({ name: STEPS[1], ok: true, detail: `The tunnel to ${SELF_HOST} presented a certificate signed by the inspector CA (${socket.getProtocol() ?? 'TLS'}).` });

    // subscribed before the request, so a commit that races the response is not missed
    const waiter = finishedWaiter(env.events);
    try {
      const marker = env.markers.issue();
      let answer: string;
      try {
        const res = await sendRequest({
          method: 'GET',
          target: '/ping',
          headers: ['host', SELF_HOST, 'accept', 'application/json', REPLAY_HEADER, marker.token],
          body: Buffer.alloc(0),
          socket,
          proxy,
        });
        answer = (await readBody(res)).toString('utf8');
        const ok = res.statusCode === 200 && /"intercepted":true/.test(answer) && /"scheme":"https"/.test(answer);
        steps.push({ name: STEPS[2], ok, detail: ok ? `Answered ${answer}` : `Unexpected answer (HTTP ${res.statusCode ?? '?'}): ${answer.slice(0, 200)}` });
        if (!ok) return;
      } catch (err) {
        marker.cancel();
        return void steps.push({ name: STEPS[2], ok: false, detail: (err as Error).message });
      } finally {
        socket.end();
      }
      const id = await marker.exchangeId;
      if (id === null) {
        return void steps.push({ name: STEPS[3], ok: false, detail: 'Nothing was recorded: capture is switched off (capture.enabled).' });
      }
      const timeoutMs = env.captureTimeoutMs ?? 3000;
      const committed = await waiter.wait(id, timeoutMs);
      if (committed) exchangeId = id;
      steps.push({
        name: STEPS[3],
        ok: committed,
        detail: committed
          ? `Exchange #${id} was recorded and committed to the store.`
          : `Exchange #${id} began but was not committed within ${timeoutMs / 1000} s; the capture store may be paused (see the capture status).`,
      });
    } finally {
      waiter.off();
    }
  };
  await run();
  // the steps after a failure did not run: listed, so the report always has the same shape
  for (const name of STEPS.slice(steps.length)) steps.push({ name, ok: false, detail: 'Not run: an earlier step failed.' });
  return { ok: steps.every((s) => s.ok), steps, exchangeId };
}
