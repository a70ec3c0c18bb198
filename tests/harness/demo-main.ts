// `node dist/tests/harness/demo-main.js [--slow]`: a `serve` process fed with demo traffic, left running so the UI can
// be looked at. Prints the URL to open. Only talks to 127.0.0.1.
import { startServe } from './serve-process.js';
import { demoInspectorConfig, driveDemoTraffic, openaiStream, startDemoProvider } from './demo-traffic.js';

const slow = process.argv.includes('--slow');
const provider = await startDemoProvider({ streamChunkDelayMs: slow ? 400 : 5 });
const serve = await startServe(await demoInspectorConfig(provider.port));
await driveDemoTraffic(serve.proxyUrl);
console.log(`open ${serve.openUrl}`);
console.log(`proxy ${serve.proxyUrl}  (data ${serve.dataDir}); Ctrl-C stops`);
if (slow) setInterval(() => void openaiStream(serve.proxyUrl, { tag: 'live' }).catch(() => undefined), 8000);
const stop = () => {
  serve.cleanup();
  void provider.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
