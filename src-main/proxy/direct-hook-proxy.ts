import { Proxy, type ErrorCallback, type IContext } from 'http-mitm-proxy';

/**
 * http-mitm-proxy with its per-request hooks called directly. The library runs each of its eight hook lists through
 * async.forEach (a concat and several closures per call, per request and per body chunk): ~8% of the forwarding
 * thread's allocations under load. A subclass supplies one request and one response hook; the others pass through.
 * Should any handler ever be registered the library's way (on the proxy or on a ctx), the library's dispatch runs for
 * that hook (and the subclass's request or response hook after it), so behaviour never depends on which path was taken.
 */
export abstract class DirectHookProxy extends Proxy {
  /** runs where the library would run its onRequest handlers */
  protected abstract handleRequest(ctx: IContext, callback: (err?: Error) => void): void;
  /** runs where the library would run its onResponse handlers */
  protected abstract handleResponse(ctx: IContext, callback: (err?: Error) => void): void;

  override _onRequest(ctx: IContext, callback: ErrorCallback): void {
    if (this.onRequestHandlers.length > 0 || ctx.onRequestHandlers.length > 0) {
      // handlers registered the library's way run first, then ours
      return super._onRequest(ctx, (err) => (err ? callback(err) : this.handleRequest(ctx, callback)));
    }
    this.handleRequest(ctx, callback);
  }

  override _onResponse(ctx: IContext, callback: ErrorCallback): void {
    if (this.onResponseHandlers.length > 0 || ctx.onResponseHandlers.length > 0) {
      return super._onResponse(ctx, (err) => (err ? callback(err) : this.handleResponse(ctx, callback)));
    }
    this.handleResponse(ctx, callback);
  }

  override _onRequestHeaders(ctx: IContext, callback: ErrorCallback): void {
    if (this.onRequestHeadersHandlers.length > 0) return super._onRequestHeaders(ctx, callback);
    callback(null);
  }

  override _onResponseHeaders(ctx: IContext, callback: ErrorCallback): void {
    if (this.onResponseHeadersHandlers.length > 0) return super._onResponseHeaders(ctx, callback);
    callback(null);
  }

  override _onRequestData(ctx: IContext, chunk: Buffer, callback: ErrorCallback): void {
    if (this.onRequestDataHandlers.length > 0 || ctx.onRequestDataHandlers.length > 0) return super._onRequestData(ctx, chunk, callback);
    callback(null, chunk);
  }

  override _onResponseData(ctx: IContext, chunk: Buffer, callback: ErrorCallback): void {
    if (this.onResponseDataHandlers.length > 0 || ctx.onResponseDataHandlers.length > 0) return super._onResponseData(ctx, chunk, callback);
    callback(null, chunk);
  }

  override _onRequestEnd(ctx: IContext, callback: ErrorCallback): void {
    if (this.onRequestEndHandlers.length > 0 || ctx.onRequestEndHandlers.length > 0) return super._onRequestEnd(ctx, callback);
    callback(null);
  }

  override _onResponseEnd(ctx: IContext, callback: ErrorCallback): void {
    if (this.onResponseEndHandlers.length > 0 || ctx.onResponseEndHandlers.length > 0) return super._onResponseEnd(ctx, callback);
    callback(null);
  }
}
