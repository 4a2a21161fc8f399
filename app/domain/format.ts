/**
 * Indian formats: times in IST, dates like "09 Feb 2026", money in ₹ with
 * lakh/crore grouping (₹12,34,567).
 */
const IST = "Asia/Kolkata";

const dateFormat = new Intl.DateTimeFormat("en-GB", { day: "2-digit", month: "short", year: "numeric", timeZone: IST });
const timeFormat = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", hour12: false, timeZone: IST });

export function formatDate(value: Date | string) {
  return dateFormat.format(new Date(value));
}

/** "09 Feb 2026, 14:05 IST" */
export function formatDateTime(value: Date | string) {
  const date = new Date(value);
  return `${dateFormat.format(date)}, ${timeFormat.format(date)} IST`;
}

const rupees = new Intl.NumberFormat("en-IN", { style: "currency", currency: "INR", maximumFractionDigits: 0 });

/** "₹12,34,567" */
export function formatRupees(amount: number) {
  return rupees.format(amount);
}
