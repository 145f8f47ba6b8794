import type { Profile } from "@natter/protocol";
import { useEffect, useState } from "react";
import { useChat } from "../chat/ChatContext";
import { cropOf, type CropChoice } from "./avatarCrop";
import { usePeopleText } from "./text";

const PREVIEW = 160;
const ACCEPTED = "image/png,image/jpeg,image/gif,image/webp";

interface Chosen {
  file: File;
  url: string;
  width: number;
  height: number;
}

/** Choose a picture, keep a square of it (zoom and position, by slider or keyboard), and save it; or go back to initials. */
export function AvatarEditor({ profile, onSaved }: { profile: Profile; onSaved(profile: Profile): void }) {
  const text = usePeopleText();
  const { store } = useChat();
  const [chosen, setChosen] = useState<Chosen | null>(null);
  const [choice, setChoice] = useState<CropChoice>({ zoom: 1, across: 50, down: 50 });
  const [note, setNote] = useState("");
  const [error, setError] = useState("");
  useEffect(
    () => () => {
      if (chosen) URL.revokeObjectURL(chosen.url);
    },
    [chosen],
  );

  const open = (file: File | undefined) => {
    setError("");
    setNote("");
    if (!file) return;
    const url = URL.createObjectURL(file);
    const image = new Image();
    image.onload = () => {
      setChosen({ file, url, width: image.naturalWidth, height: image.naturalHeight });
      setChoice({ zoom: 1, across: 50, down: 50 });
    };
    image.onerror = () => {
      URL.revokeObjectURL(url);
      setError(text.pictureHint);
    };
    image.src = url;
  };
  const saved = (promise: Promise<Profile["avatarUrl"]>) =>
    promise.then(
      (avatarUrl) => {
        onSaved({ ...profile, avatarUrl });
        setChosen(null);
        setNote(avatarUrl ? text.pictureSaved : "");
      },
      (failure: unknown) => setError(failure instanceof Error ? failure.message : String(failure)),
    );

  const crop = chosen && cropOf(chosen.width, chosen.height, choice);
  const scale = crop ? PREVIEW / crop.size : 1;
  const slider = (key: keyof CropChoice, label: string, min: number, max: number, step: number) => (
    <label>
      {label}
      <input
        type="range"
        min={min}
        max={max}
        step={step}
        value={choice[key]}
        onChange={(event) => setChoice({ ...choice, [key]: Number(event.target.value) })}
        data-testid={`avatar-${key}`}
      />
    </label>
  );

  return (
    <section className="avatar-editor" aria-label={text.picture} data-testid="avatar-editor">
      <h3>{text.picture}</h3>
      <label>
        {text.choosePicture}
        <input type="file" accept={ACCEPTED} onChange={(event) => open(event.target.files?.[0])} data-testid="avatar-file" />
      </label>
      <p className="meta">{text.pictureHint}</p>
      {chosen && crop && (
        <>
          <div className="avatar-crop" style={{ width: PREVIEW, height: PREVIEW }} data-testid="avatar-preview">
            <img src={chosen.url} alt="" style={{ width: chosen.width * scale, height: chosen.height * scale, left: -crop.x * scale, top: -crop.y * scale }} />
          </div>
          {slider("zoom", text.zoom, 1, 4, 0.1)}
          {slider("across", text.acrossPosition, 0, 100, 1)}
          {slider("down", text.downPosition, 0, 100, 1)}
          <button
            type="button"
            className="small"
            onClick={() => void saved(store.people.setAvatar(chosen.file, crop).then((user) => user.avatarUrl))}
            data-testid="avatar-save"
          >
            {text.savePicture}
          </button>
        </>
      )}
      {profile.avatarUrl && !chosen && (
        <button
          type="button"
          className="small"
          onClick={() => void saved(store.people.removeAvatar().then((user) => user.avatarUrl))}
          data-testid="avatar-remove"
        >
          {text.removePicture}
        </button>
      )}
      {note && (
        <p className="meta" role="status">
          {note}
        </p>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
