/**
 * How evidence files are described to people: their kind and size in plain
 * words. (What is accepted is decided on the server, from the bytes:
 * app/utils/evidence-inspector.server.ts.)
 */

/** The file chooser's hint to the browser; the server still checks every file's bytes. */
export const EVIDENCE_ACCEPT = ".pdf,.jpg,.jpeg,.png,.xlsx,.docx";

const TYPE_LABELS: Record<string, string> = {
  "application/pdf": "PDF",
  "image/jpeg": "JPEG image",
  "image/png": "PNG image",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word document",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "Excel workbook",
};

export function evidenceTypeLabel(contentType: string) {
  return TYPE_LABELS[contentType] ?? contentType;
}

/** "812 bytes", "32.6 KB", "1.2 MB" (1 KB = 1,024 bytes, as file managers count). */
export function formatFileSize(bytes: number) {
  if (bytes < 1024) return bytes === 1 ? "1 byte" : `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** The confirmation after an upload: "kyc.pdf (32.6 KB) uploaded." */
export function uploadedMessage(files: readonly { filename: string; sizeBytes: number }[]) {
  const names = files.map((file) => `${file.filename} (${formatFileSize(file.sizeBytes)})`);
  if (names.length === 1) return `${names[0]} uploaded.`;
  return `${names.length} files uploaded: ${names.join(", ")}.`;
}

/**
 * For each file, the later uploads that replace it (oldest first). A wrong
 * file is never removed (DOMAIN.md): it stays listed, marked as superseded.
 */
export function replacementsOf<T extends { id: string; supersedesId: string | null }>(evidence: readonly T[]) {
  const replacements = new Map<string, T[]>();
  for (const file of evidence) {
    if (!file.supersedesId) continue;
    replacements.set(file.supersedesId, [...(replacements.get(file.supersedesId) ?? []), file]);
  }
  return replacements;
}
