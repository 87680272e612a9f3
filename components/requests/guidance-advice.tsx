import type { GuidanceAdvice as Advice } from "@/lib/domain/guidance-routes";

/** One sentence of the guidance's advice; the page it names is a link when its address is known. */
export function GuidanceAdvice({ advice }: { advice: Advice }) {
  return (
    <>
      {advice.before}
      {advice.href ? <a href={advice.href}>{advice.name}</a> : <strong>{advice.name}</strong>}
      {advice.after}
    </>
  );
}
