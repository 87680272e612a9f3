import type { Span } from "@/lib/domain/triage";

const kindStyle: Record<Span["kind"], { label: string; className: string }> = {
  smartcard_id: { label: "smartcard ID", className: "bg-[#cce2d8]" },
  near_miss: { label: "mistyped smartcard ID", className: "bg-[#f6d7d2]" },
  placeholder: { label: "smartcard ID left blank", className: "bg-[#f6d7d2]" },
  ods_code: { label: "ODS code", className: "bg-[#d2e2f1]" },
  csms_error: { label: "CSMS error", className: "bg-[#fff7bf]" },
  category_cue: { label: "what the problem is", className: "bg-[#e8e1f3]" },
};

/** The original text, exactly as sent, with what the console read from it marked. Rendered as text only. */
export function HighlightedText({ text, spans }: { text: string; spans: Span[] }) {
  const parts: React.ReactNode[] = [];
  let at = 0;
  for (const span of spans) {
    if (span.start < at || span.end > text.length) continue;
    if (span.start > at) parts.push(text.slice(at, span.start));
    const { label, className } = kindStyle[span.kind];
    parts.push(
      <mark key={`${span.start}-${span.kind}`} className={`${className} rounded px-0.5 text-nhs-black`} title={label}>
        {text.slice(span.start, span.end)}
        <span className="sr-only"> ({label})</span>
      </mark>,
    );
    at = span.end;
  }
  if (at < text.length) parts.push(text.slice(at));
  return (
    <>
      <blockquote className="whitespace-pre-wrap wrap-anywhere border-l-4 border-nhs-border bg-nhs-pale-grey p-4 font-mono text-sm">{parts}</blockquote>
      <p className="mt-2 flex flex-wrap gap-3 text-sm">
        {Object.entries(kindStyle)
          .filter(([kind]) => spans.some((s) => s.kind === kind))
          .map(([kind, { label, className }]) => (
            <span key={kind} className={`${className} rounded px-1`}>{label}</span>
          ))}
      </p>
    </>
  );
}
