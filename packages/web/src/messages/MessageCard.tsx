import { isWebLink, type Card, type CardAttachment, type CardBlock, type CardText } from "@natter/protocol";
import { MessageText } from "../content";
import "./card.css";

/** Slack's three colour names, as Slack draws them; anything else reaching here is a checked hex colour. */
const NAMED_COLORS: Record<string, string> = { good: "#2eb886", warning: "#daa038", danger: "#a30200" };

/**
 * What an integration posted beside its text: attachments and blocks in Slack's format. Every string is drawn
 * as text or through the sanitised markdown of messages; a link is a link only when it is http(s).
 */
export function MessageCard({ card }: { card: Card }) {
  if (card.attachments.length === 0 && card.blocks.length === 0) return null;
  return (
    <div className="card" data-testid="card">
      {card.blocks.map((block, index) => (
        <Block key={`b${index}`} block={block} />
      ))}
      {card.attachments.map((attachment, index) => (
        <Attachment key={`a${index}`} attachment={attachment} />
      ))}
    </div>
  );
}

function Attachment({ attachment }: { attachment: CardAttachment }) {
  const color = attachment.color && (NAMED_COLORS[attachment.color] ?? (attachment.color.startsWith("#") ? attachment.color : `#${attachment.color}`));
  return (
    <section className="card-attachment" style={color ? { borderInlineStartColor: color } : undefined} data-testid="card-attachment">
      {attachment.pretext && <MessageText text={attachment.pretext} />}
      {attachment.title && (
        <p className="card-title" data-testid="card-title">
          {attachment.titleLink && isWebLink(attachment.titleLink) ? (
            <a href={attachment.titleLink} target="_blank" rel="noopener noreferrer nofollow">
              {attachment.title}
            </a>
          ) : (
            attachment.title
          )}
        </p>
      )}
      {attachment.text && <MessageText text={attachment.text} />}
      {attachment.fields.length > 0 && (
        <dl className="card-fields">
          {attachment.fields.map((field, index) => (
            <div key={index} className={field.short ? "short" : ""}>
              <dt>{field.title}</dt>
              <dd>{field.value}</dd>
            </div>
          ))}
        </dl>
      )}
      {attachment.footer && <p className="card-footer">{attachment.footer}</p>}
    </section>
  );
}

function Block({ block }: { block: CardBlock }) {
  switch (block.type) {
    case "header":
      return <p className="card-header">{block.text.text}</p>;
    case "divider":
      return <hr className="card-divider" />;
    case "context":
      return (
        <div className="card-context">
          {block.elements.map((element, index) => (
            <Text key={index} text={element} />
          ))}
        </div>
      );
    case "section":
      return (
        <div className="card-section">
          {block.text && <Text text={block.text} />}
          {block.fields.length > 0 && (
            <div className="card-section-fields">
              {block.fields.map((field, index) => (
                <Text key={index} text={field} />
              ))}
            </div>
          )}
        </div>
      );
  }
}

function Text({ text }: { text: CardText }) {
  return text.type === "mrkdwn" ? <MessageText text={text.text} /> : <p>{text.text}</p>;
}
