import type { Metadata } from "next";
import { publicTitle } from "@/lib/page-title";
import { notFound } from "next/navigation";
import { SubmittedPanel } from "@/components/requests/submitted-panel";
import { submittedRequest } from "@/lib/services/requests";

export const metadata: Metadata = { title: publicTitle("Request sent") };

type Props = { searchParams: Promise<{ ref?: string | string[] }> };

/** The confirmation page; its address carries only the reference, so a refresh or a bookmark keeps it. */
export default async function RequestSubmittedPage({ searchParams }: Props) {
  const { ref } = await searchParams;
  const sent = typeof ref === "string" ? await submittedRequest(ref) : null;
  if (!sent) notFound();
  return (
    <div className="max-w-3xl">
      <SubmittedPanel reference={sent.reference} nextSteps={sent.nextSteps} routed={sent.routed} />
    </div>
  );
}
