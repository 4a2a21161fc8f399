import { describe, expect, it } from "vitest";
import { STATUSES } from "./lifecycle";
import { addDays, auditeeDeadline, calendarDay, daysBetween, dueCountdown, earliestExtensionDate, overdueBanner } from "./deadline";

// A `date` column as Prisma hands it over: UTC midnight of the calendar date.
const due = (day: string) => new Date(`${day}T00:00:00.000Z`);
// An instant given in India's own clock (UTC+05:30).
const ist = (local: string) => new Date(`${local}+05:30`);

describe("dueCountdown: plain words", () => {
  const now = ist("2026-02-09T11:00:00");

  it.each([
    ["2026-02-12", "upcoming", 3, "due in 3 days"],
    ["2026-02-11", "upcoming", 2, "due in 2 days"],
    ["2026-02-10", "upcoming", 1, "due tomorrow"],
    ["2026-02-09", "today", 0, "due today"],
    ["2026-02-08", "overdue", 1, "overdue by 1 day"],
    ["2026-02-07", "overdue", 2, "overdue by 2 days"],
    ["2026-01-09", "overdue", 31, "overdue by 31 days"],
    ["2026-05-10", "upcoming", 90, "due in 90 days"],
  ])("due %s → %s (%d): %s", (day, state, days, text) => {
    expect(dueCountdown(due(day), now)).toEqual({ state, days, text });
  });

  it("says so when no due date is set", () => {
    expect(dueCountdown(null, now)).toEqual({ state: "none", days: null, text: "no due date set" });
    expect(dueCountdown(undefined, now).state).toBe("none");
  });

  it("reads the due date as a Date, as its JSON string, or as the form's YYYY-MM-DD alike", () => {
    for (const value of [due("2026-02-12"), "2026-02-12T00:00:00.000Z", "2026-02-12"]) {
      expect(dueCountdown(value, now).text).toBe("due in 3 days");
    }
  });

  it("refuses something that is not a date rather than guessing", () => {
    expect(() => dueCountdown("next Tuesday", now)).toThrow(RangeError);
  });
});

describe("dueCountdown: days are India's days, not the server's or UTC's", () => {
  const dueOn9th = due("2026-02-09");

  it("is due today from the first to the last millisecond of the IST day", () => {
    expect(dueCountdown(dueOn9th, ist("2026-02-09T00:00:00.000")).text).toBe("due today");
    expect(dueCountdown(dueOn9th, ist("2026-02-09T23:59:59.999")).text).toBe("due today");
  });

  it("turns overdue at IST midnight, which is 18:30 UTC the same date", () => {
    expect(dueCountdown(dueOn9th, new Date("2026-02-09T18:29:59.999Z")).text).toBe("due today");
    expect(dueCountdown(dueOn9th, new Date("2026-02-09T18:30:00.000Z")).text).toBe("overdue by 1 day");
  });

  it("is already 'today' at 18:30 UTC on the day before (00:00 IST)", () => {
    expect(dueCountdown(dueOn9th, new Date("2026-02-08T18:29:59.999Z")).text).toBe("due tomorrow");
    expect(dueCountdown(dueOn9th, new Date("2026-02-08T18:30:00.000Z")).text).toBe("due today");
  });

  it("does not care about the hour within an IST day", () => {
    for (const time of ["00:00:00", "05:29:59", "05:30:00", "12:00:00", "18:29:59", "18:30:00", "23:59:59"]) {
      expect(dueCountdown(due("2026-02-12"), ist(`2026-02-09T${time}`)).text, time).toBe("due in 3 days");
    }
  });

  it("counts across month ends, year ends and leap days", () => {
    expect(dueCountdown(due("2026-03-01"), ist("2026-02-28T23:00:00")).text).toBe("due tomorrow");
    expect(dueCountdown(due("2028-03-01"), ist("2028-02-28T09:00:00")).text).toBe("due in 2 days");
    expect(dueCountdown(due("2028-02-29"), ist("2028-03-01T00:00:00")).text).toBe("overdue by 1 day");
    expect(dueCountdown(due("2027-01-01"), ist("2026-12-31T23:59:59")).text).toBe("due tomorrow");
    // 31 Dec 2026, 19:00 UTC is already 1 Jan 2027 in India.
    expect(dueCountdown(due("2026-12-31"), new Date("2026-12-31T19:00:00Z")).text).toBe("overdue by 1 day");
    expect(dueCountdown(due("2027-12-31"), ist("2027-01-01T00:00:00")).text).toBe("due in 364 days");
  });
});

describe("auditeeDeadline: the countdown runs only while the auditee must act", () => {
  const now = ist("2026-02-09T11:00:00");
  const lateDue = due("2026-02-01");

  it("counts down (or up) while the observation is issued to them", () => {
    expect(auditeeDeadline({ status: "ISSUED", dueDate: lateDue }, now)).toMatchObject({ state: "overdue", days: 8 });
  });

  it("stops once they have responded, whatever the date", () => {
    expect(auditeeDeadline({ status: "RESPONSE", dueDate: lateDue }, now)).toEqual({ state: "settled", days: null, text: "response submitted" });
    expect(auditeeDeadline({ status: "COMPLIANCE", dueDate: lateDue }, now).text).toBe("compliance verified");
    expect(auditeeDeadline({ status: "CLOSED", dueDate: null }, now).text).toBe("closed");
  });

  it("never calls an answered observation overdue, in any state", () => {
    for (const status of STATUSES) {
      const deadline = auditeeDeadline({ status, dueDate: lateDue }, now);
      expect(deadline.state === "overdue", status).toBe(status !== "RESPONSE" && status !== "COMPLIANCE" && status !== "CLOSED");
    }
  });
});

describe("overdueBanner", () => {
  it("counts in plain words, singular and plural", () => {
    expect(overdueBanner(0)).toBeNull();
    expect(overdueBanner(-1)).toBeNull();
    expect(overdueBanner(1)).toBe("1 observation is overdue");
    expect(overdueBanner(2)).toBe("2 observations are overdue");
    expect(overdueBanner(25)).toBe("25 observations are overdue");
  });
});

describe("earliestExtensionDate: after today and after the current due date", () => {
  it("is the day after the due date while that is still ahead", () => {
    expect(earliestExtensionDate(due("2026-02-20"), ist("2026-02-09T10:00:00"))).toBe("2026-02-21");
  });

  it("is tomorrow (IST) once the due date is today or past, or when none is set", () => {
    expect(earliestExtensionDate(due("2026-02-09"), ist("2026-02-09T10:00:00"))).toBe("2026-02-10");
    expect(earliestExtensionDate(due("2026-01-15"), ist("2026-02-09T10:00:00"))).toBe("2026-02-10");
    expect(earliestExtensionDate(null, ist("2026-02-09T10:00:00"))).toBe("2026-02-10");
    // 20:00 UTC on the 9th is the 10th in India: tomorrow is the 11th.
    expect(earliestExtensionDate(null, new Date("2026-02-09T20:00:00Z"))).toBe("2026-02-11");
  });
});

describe("calendar-day helpers", () => {
  it("reads and steps calendar days without any time zone shifting them", () => {
    expect(calendarDay(due("2026-02-09"))).toBe("2026-02-09");
    expect(calendarDay("2026-02-09")).toBe("2026-02-09");
    expect(daysBetween("2026-02-09", "2026-02-12")).toBe(3);
    expect(daysBetween("2026-02-12", "2026-02-09")).toBe(-3);
    expect(addDays("2026-02-28", 1)).toBe("2026-03-01");
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDays("2026-01-01", -1)).toBe("2025-12-31");
  });
});
