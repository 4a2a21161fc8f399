import type { Countdown } from "~/domain/deadline";

/**
 * "due in 3 days", "due today", "overdue by 2 days": the words carry the
 * meaning; the warning sign, weight and colour only repeat it.
 */
export function DueCountdown({ deadline }: { deadline: Countdown }) {
  if (deadline.state === "overdue") {
    return (
      <strong className="countdown countdown-overdue">
        <span aria-hidden="true">⚠ </span>
        {deadline.text}
      </strong>
    );
  }
  if (deadline.state === "today") return <strong className="countdown countdown-today">{deadline.text}</strong>;
  return <span className={`countdown countdown-${deadline.state}`}>{deadline.text}</span>;
}
