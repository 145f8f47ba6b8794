import { isWebLink, type Message } from "@natter/protocol";
import { useChat, useChatState } from "../chat/ChatContext";
import { useI18n } from "../i18n/I18n";
import "./card.css";

/**
 * The card of a message's first link, as the server read the page: site, title and description, all drawn as
 * text. No image: the page's picture would be fetched from its site by every reader's browser.
 */
export function LinkPreviewCard({ message }: { message: Message }) {
  const { t } = useI18n();
  const { store } = useChat();
  const { me } = useChatState();
  const preview = message.preview;
  if (!preview) return null;
  return (
    <aside className="card link-preview" aria-label={t.linkPreview(preview.siteName)} data-testid="link-preview">
      <div className="card-attachment">
        <p className="card-context" data-testid="link-preview-site">
          {preview.siteName}
        </p>
        <p className="card-title" data-testid="link-preview-title">
          {isWebLink(preview.url) ? (
            <a href={preview.url} target="_blank" rel="noopener noreferrer nofollow">
              {preview.title}
            </a>
          ) : (
            preview.title
          )}
        </p>
        {preview.description && <p className="link-preview-description">{preview.description}</p>}
      </div>
      {message.author.id === me.id && (
        <button
          type="button"
          className="link-preview-remove"
          onClick={() => void store.removePreview(message)}
          aria-label={t.removePreview}
          title={t.removePreview}
        >
          <span aria-hidden="true">×</span>
        </button>
      )}
    </aside>
  );
}
