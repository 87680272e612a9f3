import type { Diagnosis } from "@/lib/domain/diagnosis";

export function DiagnosisPanel({ diagnosis }: { diagnosis: Diagnosis }) {
  const healthy = diagnosis.profileSays === "can_log_in";
  return (
    <section className={`card border-l-8 ${healthy ? "border-l-nhs-green" : "border-l-nhs-warm-yellow"}`} aria-labelledby="diagnosis-heading">
      <h2 id="diagnosis-heading" className="mb-1 text-sm font-bold uppercase tracking-wide text-nhs-grey">Diagnosis</h2>
      <p className="mb-3 text-2xl font-bold" data-testid="diagnosis-summary">{diagnosis.summary}</p>
      {diagnosis.disagreements.length > 0 && (
        <>
          <h3 className="mb-1 font-bold">Where the request and the profile differ (the profile is what CSMS uses)</h3>
          <ul className="mb-3 list-disc pl-6">
            {diagnosis.disagreements.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </>
      )}
      {diagnosis.route && (
        <p className="border-l-4 border-nhs-blue pl-3">
          <strong>Not a permissions change:</strong> {diagnosis.route.text}
        </p>
      )}
    </section>
  );
}
