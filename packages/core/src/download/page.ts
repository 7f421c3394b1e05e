import type { downloadCatalogue } from "./catalogue.ts";
import type { DownloadFormat } from "./names.ts";

type Catalogue = ReturnType<typeof downloadCatalogue>;
/** A file's size in bytes, by question-set code, version and format. */
export type FileSizes = (code: string, version: number, format: DownloadFormat) => number | undefined;

const FORMAT_NAMES: Record<DownloadFormat, string> = {
  csv: "CSV",
  "csv.gz": "CSV, gzipped",
  parquet: "Parquet",
  datapackage: "Data package (JSON metadata)",
};

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** 1234567 → "1.2 MB": bytes in the units a reader expects, the exact count in a tooltip. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#1b1b1b}
table{border-collapse:collapse;width:100%}caption{text-align:left;font-weight:600;padding:.5rem 0}
th,td{text-align:left;padding:.35rem .6rem;border-bottom:1px solid #ccc;vertical-align:top}td.n{text-align:right;font-variant-numeric:tabular-nums}td.n,td:first-child{white-space:nowrap}
a{color:#1d4f91}a:focus{outline:3px solid #fd0}.notice{background:#fff4ce;padding:.5rem 1rem;border-left:4px solid #c90}`;

/**
 * `GET /downloads/` for a person: the catalogue's files of the latest release as one table (each
 * file's name as a link, its format, size, release and licence), self-contained: no script, no
 * external asset, styles inline.
 */
export function downloadPage(catalogue: Catalogue, sizeOf: FileSizes): string {
  const licence = catalogue.licenses[0]!;
  const rows = catalogue.datasets.flatMap((d) =>
    (Object.entries(d.files) as [DownloadFormat, string][]).map(([format, path]) => {
      const name = path.slice(path.lastIndexOf("/") + 1);
      const size = sizeOf(d.question_set, d.version, format);
      return (
        `<tr><td><a href="${escapeHtml(path)}">${escapeHtml(name)}</a></td><td>${escapeHtml(d.title)} (${escapeHtml(d.question_set)}), version ${d.version}` +
        `${d.latest_version ? "" : " (superseded)"}</td><td>${FORMAT_NAMES[format]}</td>` +
        `<td class="n"${size == null ? "" : ` title="${size} bytes"`}>${size == null ? "not known" : formatSize(size)}</td>` +
        `<td>${escapeHtml(catalogue.release)}</td><td><a href="${escapeHtml(licence.path)}" rel="license">${escapeHtml(licence.title)}</a></td></tr>`
      );
    }),
  );
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>POET open data downloads (release ${escapeHtml(catalogue.release)})</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>POET open data downloads</h1>
<p>${escapeHtml(catalogue.description)}</p>
${catalogue.synthetic_data ? `<p class="notice" role="note">${escapeHtml(catalogue.data_notice)}</p>` : `<p>${escapeHtml(catalogue.data_notice)}</p>`}
<p>Release ${escapeHtml(catalogue.release)} (every release: ${catalogue.releases.map(escapeHtml).join(", ")}). The same list for programs: ask for <code>application/json</code>.</p>
<table>
<caption>Files of release ${escapeHtml(catalogue.release)}</caption>
<thead><tr><th scope="col">File</th><th scope="col">Question set</th><th scope="col">Format</th><th scope="col">Size</th><th scope="col">Release</th><th scope="col">Licence</th></tr></thead>
<tbody>
${rows.join("\n")}
</tbody>
</table>
</main>
</body>
</html>
`;
}
