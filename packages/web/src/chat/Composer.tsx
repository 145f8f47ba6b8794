import { characterCount, type Attachment } from "@natter/protocol";
import { useId, useRef, useState, type KeyboardEvent } from "react";
import { AttachButton, filesFromPaste, UploadTray, useAttachmentText, useFileDrop, useUploads } from "../attachments";
import { useI18n } from "../i18n/I18n";
import { EmojiSlot } from "../messages/EmojiSlot";
import { useChat, useChatState } from "./ChatContext";
import { placeCaret } from "./completion";
import { CompletionList } from "./CompletionList";
import { useMentionCompletion } from "./useMentionCompletion";
import { useShortcodeCompletion } from "./useShortcodeCompletion";
import { CommandReplies } from "./CommandReplies";
import { showLocalReply } from "./commandReplies";
import { parseSlashCommand } from "./slashCommands";
import { NARROW_QUERY, TOUCH_QUERY, useMediaQuery } from "./useMediaQuery";
import { useCommandCompletion } from "./useCommandCompletion";
import { lastEditable, requestEdit } from "./editRequest";
import { FormattingHelp } from "./FormattingHelp";
import { LengthCounter } from "./LengthCounter";
import { useDraft } from "./useDraft";
import { useTypedShortcodes } from "./useTypedShortcodes";
import "./composer.css";
import { useErrorText } from "../i18n/errorText";

interface ComposerProps {
  room: string;
  /** Set in a thread: replies go to this message. */
  replyTo?: number;
  testId?: string;
}

export function Composer({ room, replyTo, testId = "composer" }: ComposerProps) {
  const { t } = useI18n();
  const errorText = useErrorText();
  const attachmentText = useAttachmentText();
  const { store } = useChat();
  const { limits, views, me } = useChatState();
  const [text, setText] = useDraft(room, replyTo);
  const [alsoToRoom, setAlsoToRoom] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const input = useRef<HTMLTextAreaElement>(null);
  const mentions = useMentionCompletion(room, input, setText);
  const shortcodes = useShortcodeCompletion(input, setText);
  const commands = useCommandCompletion(input, setText);
  const replaceShortcodes = useTypedShortcodes(setText);
  const uploads = useUploads(store.server.upload, limits && { maxFiles: limits.maxAttachments, maxBytes: limits.maxUploadBytes });
  const { dragging } = useFileDrop(form, uploads.add);
  const listId = useId();
  const completion = commands.options.length > 0 ? commands : mentions.options.length > 0 ? mentions : shortcodes;
  const listOpen = completion.options.length > 0;
  const files = uploads.items.flatMap((item): Attachment[] => (item.attachment ? [item.attachment] : []));
  const length = characterCount(text);
  const tooLong = limits !== null && length > limits.maxMessageLength;
  const canSend = !uploads.busy && !tooLong && (text.trim().length > 0 || files.length > 0);

  function send() {
    if (!canSend) return;
    const command = files.length === 0 ? parseSlashCommand(text) : undefined;
    if (command) {
      runCommand(command.command, command.text);
      return;
    }
    const replying = replyTo === undefined ? {} : { replyTo, inRoom: alsoToRoom };
    // Files may go without words; then the text is sent empty rather than as stray whitespace.
    store.send(room, text.trim() ? text : "", { ...replying, attachments: files });
    setText("");
    uploads.clear();
    askNotificationPermissionOnce();
  }

  /** Commands run on the server; a refusal is shown to this person only, like an ephemeral answer. */
  function runCommand(command: string, args: string) {
    setText("");
    store.server.runCommand(room, command, args, replyTo).catch((error: unknown) => {
      showLocalReply({ room, command, text: t.commandFailed(command, errorText(error)) });
    });
  }

  const touch = useMediaQuery(TOUCH_QUERY);
  const short = useMediaQuery(NARROW_QUERY) || touch;
  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (completion.onKeyDown(event)) return;
    if (event.key === "ArrowUp" && text === "" && !event.shiftKey && !event.altKey && !event.ctrlKey && !event.metaKey) {
      editLastMessage(event);
      return;
    }
    // On a touch keyboard Enter is the only way to a new line: there the send button sends.
    if (event.key !== "Enter" || event.shiftKey || event.nativeEvent.isComposing || touch) return;
    event.preventDefault();
    send();
  }

  /** ↑ in an empty composer edits my last message here, as in Slack; Escape or saving brings focus back. */
  function editLastMessage(event: KeyboardEvent<HTMLTextAreaElement>) {
    const last = lastEditable(views[room]?.messages ?? [], me.id, replyTo);
    if (!last) return;
    event.preventDefault();
    requestEdit(last.id, replyTo !== undefined, input.current);
  }

  function refreshCompletions() {
    mentions.refresh();
    shortcodes.refresh();
    commands.refresh();
  }

  function closeCompletions() {
    mentions.close();
    shortcodes.close();
    commands.close();
  }

  /** Puts a picked emoji where the caret was (the textarea keeps its selection while the picker has focus). */
  function insert(emoji: string) {
    const element = input.current;
    if (!element) {
      setText((current) => current + emoji);
      return;
    }
    const done = insertAt(element.value, element.selectionStart, element.selectionEnd, emoji);
    setText(done.text);
    placeCaret(element, done);
  }

  return (
    <form
      ref={form}
      className={`composer ${dragging ? "dragging" : ""}`}
      onSubmit={(event) => {
        event.preventDefault();
        send();
      }}
    >
      {listOpen && (
        <CompletionList
          id={listId}
          completion={completion}
          label={completion === commands ? t.commandSuggestions : completion === mentions ? t.mentionsLabel : t.emojiSuggestions}
          testId={completion === commands ? "command-suggestions" : completion === mentions ? "mention-suggestions" : "emoji-suggestions"}
        />
      )}
      {replyTo === undefined && <CommandReplies room={room} />}
      {tooLong && (
        <p className="upload-error" role="alert" data-testid={`${testId}-too-long`}>
          {t.messageTooLong(limits.maxMessageLength)}
        </p>
      )}
      {limits && <LengthCounter length={length} max={limits.maxMessageLength} testId={`${testId}-counter`} />}
      <UploadTray uploads={uploads} />
      <AttachButton onFiles={uploads.add} />
      <textarea
        ref={input}
        role="combobox"
        aria-autocomplete="list"
        aria-controls={listOpen ? listId : undefined}
        aria-expanded={listOpen}
        aria-activedescendant={listOpen ? `${listId}-${completion.active}` : undefined}
        onSelect={refreshCompletions}
        onBlur={closeCompletions}
        autoFocus={replyTo !== undefined}
        data-testid={testId}
        aria-label={replyTo === undefined ? t.composerLabel : t.reply}
        placeholder={dragging ? attachmentText.dropHere : short ? t.composerPlaceholderShort : t.composerPlaceholder}
        value={text}
        rows={1}
        onChange={(event) => {
          setText(event.target.value);
          // Not while an input method composes: changing its text under it would break what it is building.
          if (!(event.nativeEvent instanceof InputEvent && event.nativeEvent.isComposing)) replaceShortcodes(event.target);
          refreshCompletions();
          if (event.target.value) store.typing(room);
          else store.stopTyping(room);
        }}
        onPaste={(event) => {
          const pasted = filesFromPaste(event);
          if (pasted.length > 0) uploads.add(pasted);
        }}
        onKeyDown={onKeyDown}
      />
      <EmojiSlot onPick={insert} label={t.moreEmoji} />
      <FormattingHelp />
      {replyTo !== undefined && (
        <label className="also-to-room">
          <input type="checkbox" checked={alsoToRoom} onChange={(event) => setAlsoToRoom(event.target.checked)} data-testid="also-to-room" />
          {t.alsoToRoom}
        </label>
      )}
      <button type="submit" data-testid={`${testId}-send`} disabled={!canSend}>
        {t.send}
      </button>
    </form>
  );
}

function insertAt(text: string, start: number, end: number, inserted: string): { text: string; caret: number } {
  return { text: text.slice(0, start) + inserted + text.slice(end), caret: start + inserted.length };
}

const ASKED_KEY = "natter.notificationsAsked";

/** Browsers want a click before asking; the first message sent is one, and we ask only once. */
function askNotificationPermissionOnce(): void {
  if (typeof Notification === "undefined" || Notification.permission !== "default" || localStorage.getItem(ASKED_KEY)) return;
  localStorage.setItem(ASKED_KEY, "1");
  void Notification.requestPermission();
}
