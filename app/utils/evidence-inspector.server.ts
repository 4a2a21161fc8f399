/**
 * Checks an evidence file while it streams, without ever holding it whole:
 * its real type from its bytes (never its name), its size against the
 * limit, and its SHA-256. Bytes pass through to the uploader only after the
 * type is known; a refusal errors the stream mid-flight, so the upload is
 * aborted and nothing is stored.
 *
 * Allowed (DOMAIN.md): PDF, JPEG, PNG, XLSX, DOCX, at most 10 MB. DOCX and
 * XLSX are ZIP archives, told apart (and from macro-enabled DOCM/XLSM or any
 * other archive) by the entry names in the ZIP's central directory, which is
 * at the end of the file: the last bytes are kept for that.
 */
import { createHash } from "node:crypto";
import { Transform, type TransformCallback } from "node:stream";
import { fileTypeFromBuffer } from "file-type";

export const MAX_EVIDENCE_BYTES = 10 * 1024 * 1024;

export const EVIDENCE_TYPES = {
  pdf: { extension: "pdf", contentType: "application/pdf", label: "PDF" },
  jpeg: { extension: "jpg", contentType: "image/jpeg", label: "JPEG image" },
  png: { extension: "png", contentType: "image/png", label: "PNG image" },
  docx: {
    extension: "docx",
    contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    label: "Word document (DOCX)",
  },
  xlsx: {
    extension: "xlsx",
    contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    label: "Excel workbook (XLSX)",
  },
} as const;
export type EvidenceKind = keyof typeof EVIDENCE_TYPES;

export const ALLOWED_TYPES_TEXT = "PDF, JPEG, PNG, Excel (XLSX) or Word (DOCX)";

export class EvidenceRefused extends Error {
  override name = "EvidenceRefused";
  constructor(
    readonly status: 400 | 413 | 415,
    message: string,
  ) {
    super(message);
  }
}

export interface InspectedEvidence {
  kind: EvidenceKind;
  size: number;
  sha256: string;
}

/** Enough for every signature file-type checks for our kinds. */
const HEAD_BYTES = 4100;
/** The central directory of an Office file is a few KB; 256 KB is ample. */
const TAIL_BYTES = 256 * 1024;

const REFUSED_DESCRIPTIONS: Record<string, string> = {
  exe: "a Windows program",
  elf: "a program",
  zip: "a ZIP archive",
  xml: "an XML or SVG file",
  html: "a web page",
  docm: "a macro-enabled Word document",
  xlsm: "a macro-enabled Excel workbook",
};

/**
 * Emits "kind" (an EvidenceKind) once the first bytes have told the type, so
 * the uploader can name the object before any byte leaves. For DOCX/XLSX that
 * early kind comes from the first ZIP entries' names (or, failing that, the
 * file name's extension) and must be confirmed by the central directory at
 * the end, or the file is refused.
 */
export class EvidenceInspector extends Transform {
  #head: Buffer[] = [];
  #headLength = 0;
  #decided: EvidenceKind | "zip" | null = null;
  #tail: Buffer = Buffer.alloc(0);
  #size = 0;
  #hash = createHash("sha256");
  #resolve!: (value: InspectedEvidence) => void;
  #reject!: (error: Error) => void;
  /** Settles when the whole file has passed and been accepted, or on refusal. */
  readonly result: Promise<InspectedEvidence>;

  #expected: EvidenceKind | null = null;

  constructor(
    readonly maxBytes = MAX_EVIDENCE_BYTES,
    /** The uploaded file's name: only a hint between DOCX and XLSX. */
    readonly nameHint = "",
  ) {
    super();
    this.result = new Promise((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
    });
    // The caller awaits `result`; an unobserved rejection must not crash.
    this.result.catch(() => undefined);
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
    this.#size += chunk.length;
    if (this.#size > this.maxBytes) {
      return this.#refuse(callback, new EvidenceRefused(413, `The file is larger than ${this.maxBytes / 1024 / 1024} MB. Please upload a smaller file.`));
    }
    this.#hash.update(chunk);
    this.#keepTail(chunk);
    if (this.#decided) {
      callback(null, chunk);
      return;
    }
    this.#head.push(chunk);
    this.#headLength += chunk.length;
    if (this.#headLength < HEAD_BYTES) {
      callback();
      return;
    }
    this.#decideFromHead()
      .then(() => callback(null, Buffer.concat(this.#head)))
      .catch((error: Error) => this.#refuse(callback, error));
  }

  override _flush(callback: TransformCallback) {
    const finish = async () => {
      if (this.#size === 0) throw new EvidenceRefused(415, "The file is empty.");
      let pending: Buffer | null = null;
      if (!this.#decided) {
        await this.#decideFromHead();
        pending = Buffer.concat(this.#head);
      }
      const kind = this.#decided === "zip" ? classifyOfficeArchive(this.#tail, this.#size) : this.#decided!;
      if (kind !== this.#expected) {
        throw new EvidenceRefused(415, `This file's content is a ${EVIDENCE_TYPES[kind].label}, not what its start or name suggested. Please check the file.`);
      }
      return { pending, kind };
    };
    finish()
      .then(({ pending, kind }) => {
        if (pending) this.push(pending);
        this.#resolve({ kind, size: this.#size, sha256: this.#hash.digest("hex") });
        callback();
      })
      .catch((error: Error) => this.#refuse(callback, error));
  }

  #refuse(callback: TransformCallback, error: Error) {
    this.#reject(error);
    callback(error);
  }

  #keepTail(chunk: Buffer) {
    const joined = Buffer.concat([this.#tail, chunk]);
    this.#tail = joined.length > TAIL_BYTES ? joined.subarray(joined.length - TAIL_BYTES) : joined;
  }

  async #decideFromHead() {
    await this.#detectHead();
    this.#expected = this.#decided === "zip" ? expectedOfficeKind(Buffer.concat(this.#head), this.nameHint) : this.#decided;
    this.emit("kind", this.#expected);
  }

  async #detectHead() {
    const head = Buffer.concat(this.#head);
    const detected = await fileTypeFromBuffer(head);
    switch (detected?.ext) {
      case "pdf":
        this.#decided = "pdf";
        return;
      case "jpg":
        this.#decided = "jpeg";
        return;
      case "png":
        this.#decided = "png";
        return;
      // ZIP-based: decided at the end, from the central directory.
      case "zip":
      case "docx":
      case "xlsx":
      case "docm":
      case "xlsm":
        this.#decided = "zip";
        return;
      default: {
        const what = detected ? (REFUSED_DESCRIPTIONS[detected.ext] ?? `a ${detected.ext.toUpperCase()} file`) : "not a recognised document or image";
        throw new EvidenceRefused(415, `This file is ${what}. Evidence must be ${ALLOWED_TYPES_TEXT}.`);
      }
    }
  }
}

const LOCAL_ENTRY_SIGNATURE = 0x04034b50;

/** Word or Excel, judged from the first entries' names, else the name's extension. */
function expectedOfficeKind(head: Buffer, nameHint: string): "docx" | "xlsx" {
  for (let at = 0; at + 30 <= head.length; at++) {
    if (head.readUInt32LE(at) !== LOCAL_ENTRY_SIGNATURE) continue;
    const nameLength = head.readUInt16LE(at + 26);
    const name = head.subarray(at + 30, Math.min(head.length, at + 30 + nameLength)).toString("utf8");
    if (name.startsWith("word/")) return "docx";
    if (name.startsWith("xl/")) return "xlsx";
  }
  if (/\.xlsx$/i.test(nameHint)) return "xlsx";
  if (/\.docx$/i.test(nameHint)) return "docx";
  throw new EvidenceRefused(415, `This file is an archive that is neither a Word nor an Excel document. Evidence must be ${ALLOWED_TYPES_TEXT}.`);
}

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_ENTRY_SIGNATURE = 0x02014b50;

/** The entry names of a ZIP, read from the central directory in its last bytes. */
export function zipEntryNames(tail: Buffer, totalSize: number): string[] | null {
  // The end-of-central-directory record is 22 bytes plus a comment of up to 64 KB.
  for (let at = tail.length - 22; at >= Math.max(0, tail.length - 22 - 0xffff); at--) {
    if (tail.readUInt32LE(at) !== EOCD_SIGNATURE) continue;
    const entries = tail.readUInt16LE(at + 10);
    const directorySize = tail.readUInt32LE(at + 12);
    const directoryOffset = tail.readUInt32LE(at + 16);
    const start = directoryOffset - (totalSize - tail.length);
    if (start < 0 || start + directorySize > at) return null;
    const names: string[] = [];
    let cursor = start;
    for (let index = 0; index < entries; index++) {
      if (cursor + 46 > at || tail.readUInt32LE(cursor) !== CENTRAL_ENTRY_SIGNATURE) return null;
      const nameLength = tail.readUInt16LE(cursor + 28);
      const extraLength = tail.readUInt16LE(cursor + 30);
      const commentLength = tail.readUInt16LE(cursor + 32);
      names.push(tail.subarray(cursor + 46, cursor + 46 + nameLength).toString("utf8"));
      cursor += 46 + nameLength + extraLength + commentLength;
    }
    return names;
  }
  return null;
}

/** DOCX or XLSX; refuses macro-enabled documents and any other archive. */
export function classifyOfficeArchive(tail: Buffer, totalSize: number): "docx" | "xlsx" {
  const names = zipEntryNames(tail, totalSize);
  if (!names) throw new EvidenceRefused(415, `This archive could not be read. Evidence must be ${ALLOWED_TYPES_TEXT}.`);
  const has = (name: string) => names.some((entry) => entry.toLowerCase() === name.toLowerCase());
  // Macros live in vbaProject.bin (DOCM/XLSM, also when renamed .docx/.xlsx).
  if (names.some((entry) => /(^|\/)vbaProject\.bin$|(^|\/)vbaData\.xml$/i.test(entry))) {
    throw new EvidenceRefused(415, "This Office file contains macros, which can run code. Save it as a plain .docx or .xlsx and upload that.");
  }
  if (has("[Content_Types].xml") && has("word/document.xml")) return "docx";
  if (has("[Content_Types].xml") && has("xl/workbook.xml")) return "xlsx";
  throw new EvidenceRefused(415, `This file is a ZIP archive. Evidence must be ${ALLOWED_TYPES_TEXT}; upload the documents themselves.`);
}

/**
 * The name to remember for a file: its last path segment, Unicode-normalised
 * (NFC), without control characters. Names that try to climb folders are
 * refused outright; the name never becomes part of a storage key anyway.
 */
export function sanitiseEvidenceName(raw: string | undefined | null): string {
  const name = (raw ?? "").normalize("NFC");
  let decoded = name;
  try {
    decoded = decodeURIComponent(name);
  } catch {
    // Not percent-encoded: judge the name as it is.
  }
  if (/[\\/]/.test(decoded) || decoded.split(/[\\/]/).includes("..") || decoded.startsWith("..")) {
    throw new EvidenceRefused(400, "The file name must not contain folder names. Rename the file and try again.");
  }
  // biome-ignore lint: control characters are exactly what is being removed
  const cleaned = name.replace(/[\u0000-\u001f\u007f]/g, "").trim().slice(0, 200);
  return cleaned || "evidence";
}
