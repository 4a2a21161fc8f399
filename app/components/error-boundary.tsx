import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";

const MESSAGES: Record<number, { title: string; body: string }> = {
  400: { title: "That request could not be handled", body: "Please check what you entered and try again." },
  403: { title: "You do not have access to this", body: "Your role does not allow this action. Ask your bank's administrator if you need it." },
  404: { title: "Page not found", body: "There is nothing at this address, or it is not available to you." },
  405: { title: "That action is not allowed here", body: "Please go back and use the page's own buttons." },
  413: { title: "That upload is too large", body: "Please choose a smaller file." },
};

/**
 * What a user sees when a route fails. Expected failures (thrown Responses)
 * get a plain explanation; anything else a generic apology. Stack traces and
 * raw error messages never reach the page: they go to the server log.
 */
export function GeneralErrorBoundary() {
  const error = useRouteError();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const message = MESSAGES[status] ?? {
    title: "Something went wrong",
    body: "The problem has been logged. Please try again in a moment; nothing you saved has been lost.",
  };
  return (
    <section className="error-panel" aria-labelledby="error-title">
      <h1 id="error-title">{message.title}</h1>
      <p>{message.body}</p>
      <p className="muted">Error {status}</p>
      <p>
        <Link to="/">Go to the home page</Link>
      </p>
    </section>
  );
}
