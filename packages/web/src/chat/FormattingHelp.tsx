import { CircleHelp } from "lucide-react";
import { useId } from "react";
import { useComposerText } from "./composerText";

/**
 * A short formatting help beside the composer. The browser's popover does the work a hand-made one would get
 * wrong: the button says whether it is open, Escape and a click outside close it, and focus goes back to the button.
 */
export function FormattingHelp() {
  const text = useComposerText();
  const id = useId();
  return (
    <>
      <button type="button" className="icon" popoverTarget={id} aria-label={text.formattingHelp} title={text.formattingHelp} data-testid="formatting-help">
        <CircleHelp aria-hidden="true" size={18} />
      </button>
      <div
        id={id}
        popover="auto"
        className="formatting-help"
        role="dialog"
        aria-label={text.formattingTitle}
        tabIndex={-1}
        // A dialog takes focus when it opens; the browser gives it back to the button when Escape closes it.
        onToggle={(event) => event.newState === "open" && event.currentTarget.focus()}
        data-testid="formatting-help-panel"
      >
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
