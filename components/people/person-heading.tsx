import type { PersonProfile } from "@/lib/data/people";
import { formatSmartcardId } from "@/lib/domain/smartcard";

export function PersonHeading({ profile }: { profile: PersonProfile }) {
  return (
    <div className="mb-6">
      <h1 className="text-3xl font-bold">{profile.name}</h1>
      <dl className="mt-2 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1">
        <dt className="font-bold">Smartcard ID</dt>
        <dd className="font-mono">{formatSmartcardId(profile.smartcardId)}</dd>
        {profile.email && (
          <>
            <dt className="font-bold">Email</dt>
            <dd>{profile.email}</dd>
          </>
        )}
      </dl>
    </div>
  );
}
