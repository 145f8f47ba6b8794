import { CircleHelp } from "lucide-react";
import { useId } from "react";
import { useComposerText } from "./composerText";

/**
 * A short formatting help beside the composer. The browser's popover does the work a hand-made one would get
 * wrong: the button reaches it by keyboard and says whether it is open, Escape and a click outside close it.
 */
export function FormattingHelp() {
  const text = useComposerText();
  const id = useId();
  return (
    <>
      <button type="button" className="icon" popoverTarget={id} aria-label={text.formattingHelp} title={text.formattingHelp} data-testid="formatting-help">
        <CircleHelp aria-hidden="true" size={18} />
      </button>
      <div id={id} popover="auto" className="formatting-help" role="dialog" aria-label={text.formattingTitle} data-testid="formatting-help-panel">
        <h2>{text.formattingTitle}</h2>
        <table>
          <tbody>
            {text.formattingRows.map(([typed, gives]) => (
              <tr key={typed}>
                <td>
                  <code>{typed}</code>
                </td>
                <td>{gives}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p>{text.formattingKeys}</p>
      </div>
    </>
  );
}
