/**
 * Indian formats: times in IST, dates like "09 Feb 2026", money in ₹ with
 * lakh/crore grouping (₹12,34,567).
 */
const IST = "Asia/Kolkata";

// Month names are spelt out here: ICU's en-GB data writes "Sept", and the
// house style is three letters ("09 Sep 2026") on every browser and server.
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const dateParts = new Intl.DateTimeFormat("en-GB", { day: "2-digit", month: "numeric", year: "numeric", timeZone: IST });
const dateFormat = {
  format(date: Date) {
    const parts = Object.fromEntries(dateParts.formatToParts(date).map((part) => [part.type, part.value]));
    return `${parts.day} ${MONTHS[Number(parts.month) - 1]} ${parts.year}`;
  },
};
const timeFormat = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", hour12: false, timeZone: IST });
const secondsFormat = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", second: "2-digit", hour12: false, timeZone: IST });

export function formatDate(value: Date | string) {
  return dateFormat.format(new Date(value));
}

/** "09 Feb 2026, 14:05 IST" */
export function formatDateTime(value: Date | string) {
  const date = new Date(value);
  return `${dateFormat.format(date)}, ${timeFormat.format(date)} IST`;
}

/** "09 Feb 2026, 14:05:06 IST": to the second, where order matters (the audit trail). */
export function formatTimestamp(value: Date | string) {
  const date = new Date(value);
  return `${dateFormat.format(date)}, ${secondsFormat.format(date)} IST`;
}

// India keeps one time zone and no daylight saving: IST is always UTC+05:30,
// so an IST calendar day maps to fixed UTC bounds.
const IST_OFFSET = "+05:30";
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `value` is a real calendar date written as YYYY-MM-DD (what <input type="date"> sends). */
export function isIsoDate(value: string) {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const [, year, month, day] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** The instant an IST day begins: "2026-02-09" → 2026-02-08T18:30:00Z. */
export function istDayStart(isoDate: string): Date {
  if (!isIsoDate(isoDate)) throw new RangeError(`Not a calendar date: ${isoDate}`);
  return new Date(`${isoDate}T00:00:00${IST_OFFSET}`);
}

/** The instant the IST day after `isoDate` begins: an exclusive upper bound for "up to and including" that day. */
export function istDayEnd(isoDate: string): Date {
  return new Date(istDayStart(isoDate).getTime() + 24 * 60 * 60 * 1000);
}

/** Today's date in IST as YYYY-MM-DD. */
export function istToday(now = new Date()) {
  return new Date(now.getTime() + 330 * 60 * 1000).toISOString().slice(0, 10);
}

const rupees = new Intl.NumberFormat("en-IN", { style: "currency", currency: "INR", maximumFractionDigits: 0 });

/** "₹12,34,567" */
export function formatRupees(amount: number) {
  return rupees.format(amount);
}
