import { RESPONSE_KIND_LABELS, type ResponseKind } from "~/domain/auditee-response";
import { formatDate, formatDateTime } from "~/domain/format";

/** One submitted response as the history shows it (what `responsesOf` selects). */
export interface ResponseItem {
  id: string;
  kind: ResponseKind;
  body: string;
  proposedDueDate: Date | string | null;
  submittedAt: Date | string;
  submittedBy: { name: string };
  evidence: readonly { evidenceId: string }[];
}

/**
 * The auditee's responses to one observation, oldest first: kind, words,
 * proposed date, who and when (IST), and the evidence each relied on.
 * Responses are immutable, so this is a record, not a form. Presentational:
 * `evidence` (id → file name) comes from the same page's evidence list.
 */
export function ResponseHistory({
  responses,
  evidence,
}: {
  responses: readonly ResponseItem[];
  evidence: readonly { id: string; filename: string }[];
}) {
  if (responses.length === 0) return <p className="muted">No response has been submitted yet.</p>;
  const names = new Map(evidence.map((file) => [file.id, file.filename]));
  return (
    <ol className="response-history">
      {responses.map((response) => (
        <li key={response.id} id={`response-${response.id}`}>
          <article aria-labelledby={`response-${response.id}-title`}>
            <h3 id={`response-${response.id}-title`}>
              {RESPONSE_KIND_LABELS[response.kind]}
              <span className="muted">
                {" "}
                — {response.submittedBy.name}, {formatDateTime(response.submittedAt)}
              </span>
            </h3>
            <p className="prewrap">{response.body}</p>
            {response.proposedDueDate ? (
              <p>
                <strong>Proposed new due date:</strong> {formatDate(response.proposedDueDate)}
              </p>
            ) : null}
            {response.evidence.length ? (
              <div>
                <strong>Evidence relied on:</strong>
                <ul className="link-list">
                  {response.evidence.map(({ evidenceId }) => (
                    <li key={evidenceId}>
                      <a href={`/evidence/${evidenceId}`} download={names.get(evidenceId)}>
                        {names.get(evidenceId) ?? "Evidence file"}
                      </a>
                    </li>
                  ))}
                </ul>
              </div>
            ) : (
              <p className="muted">No evidence relied on.</p>
            )}
          </article>
        </li>
      ))}
    </ol>
  );
}
