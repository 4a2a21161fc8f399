import { Form } from "@remix-run/react";
import { useEffect, useState } from "react";
import { evidenceTypeLabel, formatFileSize, replacementsOf } from "~/domain/evidence";
import { formatDateTime } from "~/domain/format";

/** One evidence file as the list shows it (what `evidenceOf` selects). */
export interface EvidenceItem {
  id: string;
  filename: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  uploadedAt: Date | string;
  supersedesId: string | null;
  uploadedBy: { name: string };
  responses?: readonly { responseId: string }[];
}

/**
 * The evidence of one observation, oldest first: name (as uploaded, any
 * script), kind, size, who and when (IST), the SHA-256 recorded at upload,
 * and what supersedes what. Nothing is ever removed, so a superseded file
 * stays listed and says so. Presentational: the page loads the rows.
 */
export function EvidenceList({ evidence, recheck = true }: { evidence: readonly EvidenceItem[]; recheck?: boolean }) {
  if (evidence.length === 0) return <p className="muted">No evidence has been uploaded yet.</p>;
  const byId = new Map(evidence.map((file) => [file.id, file]));
  const replacements = replacementsOf(evidence);
  return (
    <ol className="evidence-list">
      {evidence.map((file) => {
        const replaces = file.supersedesId ? byId.get(file.supersedesId) : undefined;
        const replacedBy = replacements.get(file.id) ?? [];
        return (
          <li key={file.id} id={`evidence-${file.id}`} className={replacedBy.length ? "evidence-item superseded" : "evidence-item"}>
            <p className="evidence-name">
              <a href={`/evidence/${file.id}`} download={file.filename}>
                {file.filename}
              </a>{" "}
              <span className="muted">
                {evidenceTypeLabel(file.contentType)}, {formatFileSize(file.sizeBytes)}
              </span>
              {replacedBy.length ? <span className="badge">Superseded</span> : null}
              {file.responses?.length ? <span className="badge">Relied on by a response</span> : null}
            </p>
            <dl className="details small">
              <dt>Uploaded</dt>
              <dd>
                by {file.uploadedBy.name}, {formatDateTime(file.uploadedAt)}
              </dd>
              <dt>SHA-256</dt>
              <dd>
                <code className="fingerprint">{file.sha256}</code>
              </dd>
              {replaces ? (
                <>
                  <dt>Replaces</dt>
                  <dd>
                    Supersedes <a href={`#evidence-${replaces.id}`}>{replaces.filename}</a>, uploaded {formatDateTime(replaces.uploadedAt)}
                  </dd>
                </>
              ) : null}
              {replacedBy.length ? (
                <>
                  <dt>Replaced by</dt>
                  <dd>
                    Superseded by{" "}
                    {replacedBy.map((later, index) => (
                      <span key={later.id}>
                        {index > 0 ? ", " : null}
                        <a href={`#evidence-${later.id}`}>{later.filename}</a>
                      </span>
                    ))}
                  </dd>
                </>
              ) : null}
            </dl>
            {recheck ? <RecheckForm evidenceId={file.id} filename={file.filename} /> : null}
          </li>
        );
      })}
    </ol>
  );
}

/**
 * Re-reads the stored file and compares its SHA-256 with the one recorded
 * at upload. A plain POST to /evidence/$id: the answer comes back as a
 * message on this page after the redirect.
 */
function RecheckForm({ evidenceId, filename }: { evidenceId: string; filename: string }) {
  const [pending, setPending] = useState(false);
  // Coming back with the browser's Back button restores the page as it was.
  useEffect(() => {
    const reset = () => setPending(false);
    window.addEventListener("pageshow", reset);
    return () => window.removeEventListener("pageshow", reset);
  }, []);
  return (
    <Form method="post" action={`/evidence/${evidenceId}`} reloadDocument className="recheck-form" onSubmit={() => setPending(true)}>
      <input type="hidden" name="intent" value="recheck" />
      <button type="submit" className="secondary small" disabled={pending} aria-label={`Re-check fingerprint of ${filename}`}>
        {pending ? "Checking…" : "Re-check fingerprint"}
      </button>
    </Form>
  );
}
