import { useRoute } from '../../app/router.js';
import { ConversationList } from './conversation-list.js';
import { ConversationThread } from './conversation-thread.js';

/** `#/conversations` lists them; `#/conversations/<id>` opens one thread. */
export function ConversationsView() {
  const { segments } = useRoute();
  const id = segments[1];
  return id ? <ConversationThread key={id} id={id} /> : <ConversationList />;
}
