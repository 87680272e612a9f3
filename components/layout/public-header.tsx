import Link from "next/link";

/** The NHS public pattern for the help form's pages: logo and service name, no console navigation or account. */
export function PublicHeader() {
  return (
    <header className="bg-nhs-blue text-white" data-testid="public-header">
      <div className="mx-auto flex max-w-5xl flex-wrap items-center gap-4 px-4 py-4">
        <Link href="/requests/new" className="text-xl font-bold text-white no-underline hover:text-white">
          <span className="mr-2 rounded bg-white px-1.5 text-nhs-blue">NHS</span>
          Get help with CSMS access
        </Link>
      </div>
    </header>
  );
}
