import { createContext, useCallback, useContext, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { CommandInput, CommandOutput, ServiceCommandName, ServiceEvent } from '../../src-main/contract/index.js';
import type { ConnectionState, InspectorClient } from '../api/index.js';

const ClientContext = createContext<InspectorClient | null>(null);

export const ClientProvider = ClientContext.Provider;

export function useClient(): InspectorClient {
  const client = useContext(ClientContext);
  if (!client) throw new Error('useClient outside <ClientProvider>');
  return client;
}

/** Live events as batches; the listener may change between renders without resubscribing. */
export function useServiceEvents(listener: (events: ServiceEvent[]) => void): void {
  const client = useClient();
  const ref = useRef(listener);
  ref.current = listener;
  useEffect(() => client.subscribe((batch) => ref.current(batch)), [client]);
}

export function useConnection(): ConnectionState {
  const client = useClient();
  return useSyncExternalStore(
    (l) => client.onConnection(l),
    () => client.connection,
  );
}

export interface CommandState<T> {
  data: T | null;
  error: Error | null;
  loading: boolean;
  reload: () => void;
}

/** Runs a command when its input changes (compared as JSON) and on `reload()`. Stale answers are dropped. */
export function useCommand<C extends ServiceCommandName>(command: C, input: CommandInput<C> | null): CommandState<CommandOutput<C>> {
  const client = useClient();
  const key = input === null ? null : JSON.stringify(input);
  const [state, setState] = useState<{ data: CommandOutput<C> | null; error: Error | null; loading: boolean }>({ data: null, error: null, loading: input !== null });
  const [nonce, setNonce] = useState(0);
  useEffect(() => {
    if (key === null) return;
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    client.call(command, JSON.parse(key) as CommandInput<C>).then(
      (data) => live && setState({ data, error: null, loading: false }),
      (error: Error) => live && setState((s) => ({ data: s.data, error, loading: false })),
    );
    return () => {
      live = false;
    };
  }, [client, command, key, nonce]);
  const reload = useCallback(() => setNonce((n) => n + 1), []);
  return { ...state, reload };
}
