import Link from "next/link";

/** The 403 page of the signed-in pages, e.g. a member opening an /admin URL (UI.md). */
export default function Forbidden() {
  return (
    <section className="mx-auto max-w-lg rounded-xl bg-white p-8 text-center shadow-sm ring-1 ring-slate-200" data-testid="forbidden">
      <p className="text-sm font-semibold text-slate-600">403</p>
      <h1 className="mt-1 text-2xl font-semibold">Administrators only</h1>
      <p className="mt-3 text-slate-700">
        This page is for the administrators of Circle Time. If you need something changed here, ask one of them.
      </p>
      <Link href="/" className="mt-6 inline-block rounded-md bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-700">
        Back to the rooms
      </Link>
    </section>
  );
}
