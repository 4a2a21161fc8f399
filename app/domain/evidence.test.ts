import { describe, expect, it } from "vitest";
import { evidenceTypeLabel, formatFileSize, replacementsOf, uploadedMessage } from "./evidence";

describe("describing evidence files", () => {
  it("gives sizes as file managers do", () => {
    expect(formatFileSize(0)).toBe("0 bytes");
    expect(formatFileSize(1)).toBe("1 byte");
    expect(formatFileSize(1023)).toBe("1023 bytes");
    expect(formatFileSize(1024)).toBe("1.0 KB");
    expect(formatFileSize(33357)).toBe("32.6 KB");
    expect(formatFileSize(10 * 1024 * 1024)).toBe("10.0 MB");
  });

  it("names the accepted kinds in plain words, and shows anything else as stored", () => {
    expect(evidenceTypeLabel("application/pdf")).toBe("PDF");
    expect(evidenceTypeLabel("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")).toBe("Excel workbook");
    expect(evidenceTypeLabel("application/x-unknown")).toBe("application/x-unknown");
  });

  it("confirms one upload or several, names unchanged", () => {
    expect(uploadedMessage([{ filename: "unicode-नाम.pdf", sizeBytes: 35230 }])).toBe("unicode-नाम.pdf (34.4 KB) uploaded.");
    expect(uploadedMessage([{ filename: "a.pdf", sizeBytes: 2048 }, { filename: "b.png", sizeBytes: 100 }])).toBe(
      "2 files uploaded: a.pdf (2.0 KB), b.png (100 bytes).",
    );
  });

  it("finds the later uploads that supersede each file, oldest first", () => {
    const files = [
      { id: "a", supersedesId: null },
      { id: "b", supersedesId: "a" },
      { id: "c", supersedesId: null },
      { id: "d", supersedesId: "a" },
      { id: "e", supersedesId: "b" },
    ];
    const replacements = replacementsOf(files);
    expect(replacements.get("a")?.map((file) => file.id)).toEqual(["b", "d"]);
    expect(replacements.get("b")?.map((file) => file.id)).toEqual(["e"]);
    expect(replacements.has("c")).toBe(false);
  });
});
