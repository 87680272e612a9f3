import Link from "next/link";

export default function Forbidden() {
  return (
    <div className="card max-w-2xl">
      <h1 className="mb-4 text-3xl font-bold">You do not have permission to see this page</h1>
      <p className="mb-4">Your console role does not include this part of the console. If you need it, ask your RA manager.</p>
      <Link href="/">Go to the lookup</Link>
    </div>
  );
}
