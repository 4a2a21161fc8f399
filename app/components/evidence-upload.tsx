import { Form, useNavigation, useRevalidator } from "@remix-run/react";
import { type DragEvent, type FormEvent, useEffect, useId, useRef, useState } from "react";
import { EVIDENCE_ACCEPT, formatFileSize } from "~/domain/evidence";
import { formatDateTime } from "~/domain/format";

interface UploadItem {
  key: string;
  name: string;
  loaded: number;
  total: number;
  state: "waiting" | "uploading" | "done" | "refused";
  message: string;
}

type Outcome = Pick<UploadItem, "state" | "message">;

/**
 * The evidence upload form. Without JavaScript (or without XMLHttpRequest,
 * FormData or drag-and-drop) it is a plain multipart form that posts all
 * chosen files at once to `action` and shows the server's answer. With them,
 * the same form also takes files dropped on it and sends each file as its
 * own request to `jsonAction`, showing a real progress bar per file (fetch
 * cannot report upload progress; XMLHttpRequest can) and the server's
 * verdict on each, then reloads the page's data so the list shows them.
 *
 * The optional "replaces" field comes before the file input: the server
 * reads the fields in order while the files stream through.
 */
export function EvidenceUploadForm({
  action,
  jsonAction,
  replaceable,
  allowedTypes,
  maxBytes,
  refusal,
}: {
  action: string;
  jsonAction: string;
  /** Earlier files a new upload may supersede. */
  replaceable: readonly { id: string; filename: string; uploadedAt: Date | string }[];
  /** "PDF, JPEG, PNG, Excel (XLSX) or Word (DOCX)" */
  allowedTypes: string;
  maxBytes: number;
  /** The server's refusal of a plain (non-JavaScript) upload, if any. */
  refusal?: { status: number; message: string } | null;
}) {
  const id = useId();
  const navigation = useNavigation();
  const revalidator = useRevalidator();
  const formRef = useRef<HTMLFormElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const [enhanced, setEnhanced] = useState(false);
  const [dragging, setDragging] = useState(false);
  const [items, setItems] = useState<UploadItem[]>([]);

  useEffect(() => setEnhanced(canUploadInPage()), []);
  // A file dropped beside the zone would make the browser open it in place
  // of this page (and lose what was typed): ignore drops outside the zone.
  useEffect(() => {
    if (!enhanced) return;
    const ignore = (event: Event) => event.preventDefault();
    window.addEventListener("dragover", ignore);
    window.addEventListener("drop", ignore);
    return () => {
      window.removeEventListener("dragover", ignore);
      window.removeEventListener("drop", ignore);
    };
  }, [enhanced]);

  const sending = items.some((item) => item.state === "waiting" || item.state === "uploading");
  const submitting = navigation.state === "submitting" && navigation.formAction === action && navigation.formEncType === "multipart/form-data";
  const busy = sending || submitting;
  const maxMegabytes = maxBytes / 1024 / 1024;

  function update(key: string, change: Partial<UploadItem>) {
    setItems((current) => current.map((item) => (item.key === key ? { ...item, ...change } : item)));
  }

  async function uploadEach(files: File[]) {
    if (files.length === 0 || sending) return;
    const supersedes = (formRef.current?.elements.namedItem("supersedes") as HTMLSelectElement | null)?.value ?? "";
    const batch: UploadItem[] = files.map((file, index) => ({
      key: `${Date.now()}-${index}`,
      name: file.name,
      loaded: 0,
      total: file.size,
      state: "waiting",
      message: "Waiting…",
    }));
    setItems(batch);
    // One file at a time: kinder to a slow branch connection than all at once.
    for (const [index, file] of files.entries()) {
      const { key } = batch[index]!;
      if (file.size > maxBytes) {
        update(key, { state: "refused", message: `Not sent: the file is larger than ${maxMegabytes} MB. Please upload a smaller file.` });
        continue;
      }
      update(key, { state: "uploading", message: "Uploading…" });
      const outcome = await sendFile(jsonAction, file, supersedes, (loaded, total) => update(key, { loaded, total }));
      update(key, outcome.state === "done" ? { ...outcome, loaded: file.size, total: file.size } : outcome);
    }
    formRef.current?.reset();
    revalidator.revalidate();
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    if (!enhanced) return; // the plain form posts itself
    event.preventDefault();
    void uploadEach(Array.from(inputRef.current?.files ?? []));
  }

  function onDragOver(event: DragEvent) {
    if (!enhanced) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = "copy";
    setDragging(true);
  }

  function onDrop(event: DragEvent) {
    if (!enhanced) return;
    event.preventDefault();
    setDragging(false);
    void uploadEach(Array.from(event.dataTransfer.files));
  }

  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  return (
    <>
      <Form
        ref={formRef}
        method="post"
        encType="multipart/form-data"
        action={action}
        className="stack upload-form"
        aria-labelledby={`${id}-title`}
        onSubmit={onSubmit}
      >
        <h3 id={`${id}-title`}>Upload evidence</h3>
        {replaceable.length ? (
          <div className="field">
            <label htmlFor={`${id}-supersedes`}>Does this replace a file you uploaded earlier?</label>
            <p id={`${id}-supersedes-hint`} className="hint">
              Files cannot be deleted. If you uploaded the wrong file, upload the right one and choose the file it replaces.
            </p>
            <select id={`${id}-supersedes`} name="supersedes" defaultValue="" aria-describedby={`${id}-supersedes-hint`}>
              <option value="">No, this is new evidence</option>
              {replaceable.map((file) => (
                <option key={file.id} value={file.id}>
                  Replaces {file.filename} ({formatDateTime(file.uploadedAt)})
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <div
          className={`drop-zone${enhanced ? " enhanced" : ""}${dragging ? " dragging" : ""}`}
          onDragEnter={onDragOver}
          onDragOver={onDragOver}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
        >
          <label htmlFor={`${id}-file`}>
            {enhanced ? (
              <>
                <strong>Drop files here</strong>, or choose them:
              </>
            ) : (
              "Files to upload"
            )}
          </label>
          <input
            ref={inputRef}
            id={`${id}-file`}
            type="file"
            name="file"
            multiple
            required
            accept={EVIDENCE_ACCEPT}
            aria-describedby={refusal ? `${hintId} ${errorId}` : hintId}
            aria-invalid={refusal ? true : undefined}
          />
          <p id={hintId} className="hint">
            {allowedTypes}; at most {maxMegabytes} MB each. You can choose several files.
          </p>
        </div>
        {refusal ? (
          <div id={errorId} className="form-errors" role="alert">
            <p>{refusal.message}</p>
          </div>
        ) : null}
        <button type="submit" disabled={busy}>
          {busy ? "Uploading…" : "Upload"}
        </button>
      </Form>
      {enhanced ? (
        <div className="upload-progress" aria-live="polite">
          {items.length ? (
            <ul>
              {items.map((item) => (
                <li key={item.key} className={`upload-${item.state}`}>
                  <span id={`${id}-${item.key}`} className="upload-name">
                    {item.name}
                  </span>{" "}
                  <progress aria-labelledby={`${id}-${item.key}`} max={item.total || 1} value={item.loaded} />{" "}
                  <span className="upload-percent">{percent(item)}%</span> <span className="upload-message">{describe(item)}</span>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </>
  );
}

function percent(item: UploadItem) {
  return item.total ? Math.floor((item.loaded / item.total) * 100) : item.state === "done" ? 100 : 0;
}

function describe(item: UploadItem) {
  if (item.state === "done") return `Uploaded. ${item.message}`;
  if (item.state === "refused") return `Refused: ${item.message}`;
  return `${item.message} (${formatFileSize(item.loaded)} of ${formatFileSize(item.total)})`;
}

/** Whether this browser can send files from the page with progress, and take dropped files. */
function canUploadInPage() {
  if (typeof XMLHttpRequest !== "function" || typeof FormData !== "function") return false;
  if (!("upload" in new XMLHttpRequest())) return false;
  const probe = document.createElement("div");
  return "ondrop" in probe && "ondragover" in probe;
}

/** One file, one request; the server answers JSON when asked for it. */
function sendFile(url: string, file: File, supersedes: string, onProgress: (loaded: number, total: number) => void): Promise<Outcome> {
  return new Promise((resolve) => {
    const request = new XMLHttpRequest();
    request.open("POST", url);
    request.setRequestHeader("Accept", "application/json");
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded, event.total);
    };
    request.onload = () => {
      let answer: { ok?: boolean; message?: string } | null = null;
      try {
        answer = JSON.parse(request.responseText) as { ok?: boolean; message?: string };
      } catch {
        answer = null;
      }
      if (request.status >= 200 && request.status < 300 && answer?.ok) {
        resolve({ state: "done", message: answer.message ?? "" });
      } else {
        resolve({
          state: "refused",
          message: answer?.message ?? `The server could not take the file (error ${request.status}). Reload the page and try again.`,
        });
      }
    };
    request.onerror = () => resolve({ state: "refused", message: "The file did not reach the server. Check the connection and try again." });
    const body = new FormData();
    if (supersedes) body.append("supersedes", supersedes);
    body.append("file", file, file.name);
    request.send(body);
  });
}
