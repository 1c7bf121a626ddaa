import type { ExportFormat } from '../../../shared/contract/index.js';

const FORMATS: { format: ExportFormat; label: string; title: string }[] = [
  { format: 'csv', label: 'CSV', title: 'Comma-separated values (RFC 4180, UTF-8): spreadsheets and most accounting software' },
  { format: 'ofx', label: 'OFX', title: 'Open Financial Exchange 2.2: accounting software import' },
  { format: 'camt053', label: 'CAMT.053', title: 'ISO 20022 bank statement (camt.053.001.02)' },
];

/** Hands a file to the browser as a download (Blob + a temporary <a download>). */
export function downloadFile(file: { fileName: string; mimeType: string; content: string }): void {
  const blob = new Blob([file.content], { type: file.mimeType });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = file.fileName;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function ExportButtons({ what, busy, disabled, onExport }: { what: string; busy: ExportFormat | null; disabled: boolean; onExport: (f: ExportFormat) => void }) {
  return (
    <div className="stmt-export" role="group" aria-label={`Export ${what}`}>
      <span className="muted small">Export {what}:</span>
      {FORMATS.map((f) => (
        <button
          key={f.format}
          type="button"
          className="btn btn--small"
          title={f.title}
          aria-label={`Export ${what} as ${f.label}`}
          disabled={disabled || busy !== null}
          aria-busy={busy === f.format}
          onClick={() => onExport(f.format)}
        >
          {busy === f.format ? 'Exporting…' : f.label}
        </button>
      ))}
    </div>
  );
}
