import type http from 'node:http';

/**
 * Listens on `port`, or the next free one when it is taken (up to 50 further tries); port 0 picks any free port.
 * Resolves with the port actually bound.
 */
export function listenWithFallback(server: http.Server, host: string, port: number, tries = 50): Promise<number> {
  return new Promise((resolve, reject) => {
    let attempt = 0;
    const tryPort = (p: number) => {
      const onError = (err: NodeJS.ErrnoException) => {
        server.off('listening', onListening);
        if (err.code === 'EADDRINUSE' && port !== 0 && attempt < tries) {
          attempt++;
          tryPort(p + 1);
        } else reject(err);
      };
      const onListening = () => {
        server.off('error', onError);
        const addr = server.address();
        resolve(typeof addr === 'object' && addr ? addr.port : p);
      };
      server.once('error', onError);
      server.once('listening', onListening);
      server.listen(p, host);
    };
    tryPort(port);
  });
}
