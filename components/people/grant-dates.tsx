import type { GrantView } from "@/lib/data/people";
import { ukDay } from "@/lib/domain/grant-dates";
import { ukDate } from "@/lib/dates";
import { UkDate } from "@/components/ui/uk-time";
import { Disclosure } from "./disclosure";
import { EndDateForm } from "./end-date-form";

type Props = {
  grant: GrantView;
  target: { kind: "role" | "workgroup"; smartcardId: string; odsCode: string; roleCode?: string; version: number };
  canChange: boolean;
  label: string;
};

/** When a grant started, when it ends, whether a review is due; and, for those who may, a way to re-date it. */
export function GrantDates({ grant, target, canChange, label }: Props) {
  const prefix = `end-${target.odsCode}-${target.roleCode ?? "wg"}-`;
  return (
    <>
      <span className="block text-sm text-nhs-grey">since <UkDate at={grant.startedAt} /></span>
      {grant.endsAt && <span className="block text-sm font-bold">ends on <UkDate at={grant.endsAt} /></span>}
      {grant.reviewDue && (
        <span className="block text-sm font-bold text-nhs-red" data-testid="review-due">
          {grant.reviewDue === "ending_soon" ? "Review due: ends within 14 days" : `Review due: not reviewed since ${ukDate(grant.reviewedAt)}`}
        </span>
      )}
      {canChange && (
        <Disclosure summary={grant.endsAt ? "Change end date" : "Set end date"} label={`${grant.endsAt ? "Change" : "Set"} the end date of ${label}`}>
          {/* Keyed on the profile version, like ChangeForm: after any change lands it starts again from the new version. */}
          <EndDateForm key={target.version} target={target} current={grant.endsAt ? ukDay(grant.endsAt) : undefined} idPrefix={prefix} />
        </Disclosure>
      )}
    </>
  );
}
