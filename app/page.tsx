import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { LookupForm } from "@/components/forms/lookup-form";
import { formatSmartcardId } from "@/lib/domain/smartcard";
import { authorisePage } from "@/lib/auth/authorise";
import { pageMetadata } from "@/lib/auth/page-metadata";
import { fullTitle } from "@/lib/page-title";
import { personExists } from "@/lib/data/people";
import { LookupSchema } from "@/lib/validations/person";
import { fieldErrors } from "@/lib/validations/parse";

// The root page shares the root layout's segment, where the layout's title template does not apply.
export async function generateMetadata(): Promise<Metadata> {
  const { title } = await pageMetadata({ kind: "person:read" }, "Look up a person");
  return { title: { absolute: fullTitle(String(title)) } };
}

type Props = { searchParams: Promise<{ smartcardId?: string | string[] }> };

export default async function LookupPage({ searchParams }: Props) {
  const query = (await searchParams).smartcardId;
  const typed = typeof query === "string" ? query : undefined;
  await authorisePage({ kind: "person:read" }, typed ? `/?smartcardId=${encodeURIComponent(typed)}` : "/");

  let error: string | undefined;
  let unknownId: string | undefined;
  if (typed !== undefined) {
    const parsed = LookupSchema.safeParse({ smartcardId: typed });
    if (!parsed.success) error = fieldErrors(parsed.error).smartcardId;
    else if (await personExists(parsed.data.smartcardId)) redirect(`/people/${parsed.data.smartcardId}`);
    // One address per answer, however the ID was typed (spaces, dashes).
    else if (typed !== parsed.data.smartcardId) redirect(`/?smartcardId=${parsed.data.smartcardId}`);
    else unknownId = parsed.data.smartcardId;
  }

  return (
    <>
      <h1 className="mb-4 text-3xl font-bold">Look up a person</h1>
      <p className="mb-6 max-w-2xl">
        Enter the smartcard ID from the person&apos;s Care Identity profile to see what CSMS will show them at login, and to fix it.
      </p>
      <LookupForm defaultValue={typed ?? ""} serverError={error} />
      {unknownId && (
        <div className="card mt-6 border-l-8 border-l-nhs-blue" role="status">
          <h2 className="mb-2 text-xl font-bold">No Care Identity profile with that smartcard ID</h2>
          <p className="mb-2">
            Nobody with smartcard ID {formatSmartcardId(unknownId)} is known to the console. Check the number with the person.
          </p>
          <p>
            If they have never had a Care Identity, they need to apply for a Care ID through their registration authority before any
            CSMS access can be given.
          </p>
        </div>
      )}
    </>
  );
}
