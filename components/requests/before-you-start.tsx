import { CSMS_URL, FIND_YOUR_RA, NOT_FOR_THIS_FORM } from "@/lib/domain/guidance-routes";
import { GuidanceAdvice } from "./guidance-advice";

/** What the form is for, and the guidance's routes for the problems it is not for, before anyone starts typing. */
export function BeforeYouStart() {
  return (
    <section aria-labelledby="before-you-start" className="mb-6" data-testid="before-you-start">
      <h2 id="before-you-start" className="mb-2 text-2xl font-bold">Before you start</h2>
      <p className="mb-2">
        Check your access first: go to <a href={CSMS_URL}>{CSMS_URL}</a> and select &ldquo;Log in with my Care Identity&rdquo;. If CSMS shows
        &ldquo;no valid role&rdquo; or &ldquo;no workgroup&rdquo;, this form is for you.
      </p>
      <p className="mb-2">This form is not for:</p>
      <ul className="mb-3 ml-6 list-disc">
        {NOT_FOR_THIS_FORM.map((route) => (
          <li key={route.id} className="mb-1" data-testid={`route-${route.id}`}>
            {route.problem}. <GuidanceAdvice advice={route.advice} />
          </li>
        ))}
      </ul>
      <p>
        Access to CSMS is managed by your local registration authority: the person or team who manages smartcard permissions in your
        organisation. <GuidanceAdvice advice={FIND_YOUR_RA} />
      </p>
    </section>
  );
}
