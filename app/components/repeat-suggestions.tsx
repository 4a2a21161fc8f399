import { Form, Link } from "@remix-run/react";
import type { SuggestionView } from "~/utils/observation-view.server";

/**
 * Earlier findings that this draft may repeat (same branch, audit area and
 * risk category, similar wording). The author confirms one, which escalates
 * the severity, or dismisses it for good. Plain forms: no JavaScript needed.
 */
export function RepeatSuggestions({
  observationId,
  suggestions,
  version,
  decide,
}: {
  observationId: string;
  suggestions: readonly SuggestionView[];
  version: number;
  /** Whether this viewer (the draft's author) may confirm or dismiss. */
  decide: boolean;
}) {
  return (
    <section className="repeat-suggestions" aria-labelledby="repeat-suggestions-heading">
      <h2 id="repeat-suggestions-heading">Possible repeat findings</h2>
      <p>
        {suggestions.length === 1 ? "An earlier finding" : "Earlier findings"} at the same branch, in the same audit area and
        risk category, {suggestions.length === 1 ? "reads" : "read"} much like this one. If this observation repeats one,
        confirm it: the severity escalates one level for the 2nd occurrence and to CRITICAL from the 3rd.
      </p>
      {decide ? null : (
        <p className="hint">
          Confirm or dismiss them on <Link to={`/observations/${observationId}`}>the observation’s page</Link> (save your
          changes here first).
        </p>
      )}
      <ul className="suggestion-list">
        {suggestions.map((suggestion) => (
          <li key={suggestion.id}>
            <p>
              <Link to={`/observations/${suggestion.id}`}>
                {suggestion.ref} · {suggestion.title}
              </Link>
              <span className="muted block small">
                {suggestion.status} · <span className="severity-badge" data-severity={suggestion.severity}>
                  {suggestion.severity}
                </span> ·{" "}
                {suggestion.occurrence} · found {suggestion.found} · {suggestion.similarity}
              </span>
            </p>
            {decide ? (
              <div className="inline-forms">
                <Form method="post" action={`/observations/${observationId}`}>
                  <input type="hidden" name="intent" value="confirm-repeat" />
                  <input type="hidden" name="candidateId" value={suggestion.id} />
                  <input type="hidden" name="version" value={version} />
                  <button type="submit">
                    Confirm as repeat<span className="visually-hidden"> of {suggestion.ref}</span>
                  </button>
                </Form>
                <Form method="post" action={`/observations/${observationId}`}>
                  <input type="hidden" name="intent" value="dismiss-repeat" />
                  <input type="hidden" name="candidateId" value={suggestion.id} />
                  <input type="hidden" name="version" value={version} />
                  <button type="submit" className="secondary">
                    Not a repeat<span className="visually-hidden"> of {suggestion.ref}</span>
                  </button>
                </Form>
              </div>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
