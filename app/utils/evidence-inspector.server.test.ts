import { createHash } from "node:crypto";
import { createReadStream, readFileSync } from "node:fs";
import path from "node:path";
import { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { describe, expect, it } from "vitest";
import { EvidenceInspector, EvidenceRefused, sanitiseEvidenceName } from "./evidence-inspector.server";

const fixtures = path.resolve(import.meta.dirname, "../../e2e/evidence-files");

/** Streams a file through the inspector in small chunks, as a slow upload would. */
async function inspect(file: string, maxBytes?: number) {
  const inspector = new EvidenceInspector(maxBytes);
  const passed: Buffer[] = [];
  const sink = new Writable({
    write(chunk, _encoding, callback) {
      passed.push(chunk);
      callback();
    },
  });
  const source = createReadStream(path.join(fixtures, file), { highWaterMark: 1024 });
  // The pipeline's own error, if the inspector stopped the stream.
  const piped = await pipeline(source, inspector, sink).then(
    () => null,
    (error: unknown) => error,
  );
  const [result] = await Promise.allSettled([inspector.result]);
  return { result: result!, piped, passed: Buffer.concat(passed) };
}

const sha256 = (file: string) => createHash("sha256").update(readFileSync(path.join(fixtures, file))).digest("hex");

describe("accepted evidence", () => {
  it.each([
    ["kyc-register.pdf", "pdf"],
    ["scanned-multipage.pdf", "pdf"],
    ["unicode-नाम.pdf", "pdf"],
    ["traversal-name.pdf", "pdf"],
    ["vault-photo.jpg", "jpeg"],
    ["signed-certificate.png", "png"],
    // LibreOffice writes [Content_Types].xml last: read from the central directory.
    ["board-minutes.docx", "docx"],
    ["cash-verification.xlsx", "xlsx"],
  ])("%s is %s, passes through unchanged, with its SHA-256", async (file, kind) => {
    const { result, passed } = await inspect(file);
    expect(result.status).toBe("fulfilled");
    if (result.status !== "fulfilled") return;
    expect(result.value.kind).toBe(kind);
    expect(result.value.sha256).toBe(sha256(file));
    expect(passed.equals(readFileSync(path.join(fixtures, file)))).toBe(true);
  });
});

describe("refused evidence", () => {
  it.each([
    ["invoice.pdf", /Windows program/],
    ["invoice.pdf.exe", /Windows program/],
    ["macro-report.docm", /macros/],
    ["macro-sheet.xlsm", /macros/],
    ["notes.txt", /not a recognised/],
    ["page.html", /not a recognised|web page/],
    ["logo.svg", /XML or SVG|not a recognised/],
    ["archive.zip", /archive/],
    ["empty.pdf", /empty/],
    ["fake.png", /not a recognised/],
  ])("%s is refused with 415 (%s)", async (file, message) => {
    const { result, piped } = await inspect(file);
    expect(result.status).toBe("rejected");
    if (result.status !== "rejected") return;
    expect(result.reason).toBeInstanceOf(EvidenceRefused);
    expect((result.reason as EvidenceRefused).status).toBe(415);
    expect((result.reason as Error).message).toMatch(message);
    expect(piped).toBeInstanceOf(EvidenceRefused);
  });

  it("refuses an executable before any of its bytes pass on", async () => {
    const { passed } = await inspect("invoice.pdf");
    expect(passed.length).toBe(0);
  });

  it("refuses a file over the limit mid-stream with 413", async () => {
    const { result } = await inspect("kyc-register.pdf", 20_000);
    expect(result.status).toBe("rejected");
    if (result.status === "rejected") expect((result.reason as EvidenceRefused).status).toBe(413);
  });

  it("refuses a macro document renamed to .docx (content decides, not the name)", async () => {
    // The inspector never sees names: the same bytes are refused whatever they are called.
    const { result } = await inspect("macro-report.docm");
    expect(result.status).toBe("rejected");
  });
});

describe("naming the object before any byte leaves", () => {
  it.each([
    ["kyc-register.pdf", "pdf"],
    ["board-minutes.docx", "docx"],
    ["cash-verification.xlsx", "xlsx"],
  ])("%s announces %s before passing its first bytes", async (file, kind) => {
    const inspector = new EvidenceInspector();
    const events: string[] = [];
    inspector.on("kind", (announced: string) => events.push(`kind:${announced}`));
    inspector.on("data", () => events.push("data"));
    await pipeline(createReadStream(path.join(fixtures, file), { highWaterMark: 512 }), inspector);
    expect(events[0]).toBe(`kind:${kind}`);
    expect(events.filter((event) => event.startsWith("kind"))).toHaveLength(1);
  });
});

describe("sanitiseEvidenceName", () => {
  it("keeps a Devanagari name unchanged (NFC)", () => {
    expect(sanitiseEvidenceName("unicode-नाम.pdf")).toBe("unicode-नाम.pdf");
    expect(sanitiseEvidenceName("unicode-नाम.pdf".normalize("NFD"))).toBe("unicode-नाम.pdf".normalize("NFC"));
  });

  it.each(["../../etc/passwd.pdf", "..%2F..%2Fetc%2Fpasswd.pdf", "C:\\Windows\\evil.pdf", "/etc/passwd.pdf"])("refuses %s", (name) => {
    expect(() => sanitiseEvidenceName(name)).toThrow(/folder/);
  });

  it("drops control characters and falls back to a neutral name", () => {
    expect(sanitiseEvidenceName("report\u0000\u001b.pdf")).toBe("report.pdf");
    expect(sanitiseEvidenceName("")).toBe("evidence");
  });
});
